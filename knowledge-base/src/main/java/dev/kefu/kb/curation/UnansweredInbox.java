package dev.kefu.kb.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.core.Checks;
import dev.kefu.core.Coded;
import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.llm.PersonalDataMasker;
import dev.kefu.core.conversation.Feedback;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.knowledge.TextEmbedder;
import dev.kefu.core.pipeline.PipelineEvent;
import dev.kefu.core.pipeline.PipelineListener;
import dev.kefu.core.privacy.OwnerOnly;
import dev.kefu.kb.curation.UnansweredQuestion.Reason;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The unanswered-questions inbox: what the bot could not answer (nothing above the threshold),
 * answers shoppers marked "didn't help", and hand-offs after answers in a row found nothing,
 * grouped by meaning so a trainer answers a question once, however many ways it was asked.
 *
 * <p>It listens to the pipeline ({@link PipelineListener}) and to shopper feedback ({@link
 * Feedback.Listener}). Questions are appended to a JSON Lines file as they come, so a restart
 * keeps the inbox; at most {@code capacity} open questions are kept (the oldest go first).
 *
 * <p>Grouping: with an embedder, two questions belong together when the cosine similarity of
 * their embeddings (same language space) reaches {@code similarity}; without one, when their
 * word sets overlap by that share (Jaccard). Each question joins the most similar group whose
 * first question is close enough, in order of arrival, so groups are stable as questions come.
 *
 * <p>Personal data: phones, e-mail addresses, order numbers, card numbers and street addresses are
 * {@linkplain PersonalDataMasker#redact redacted} ({@code <PHONE>}, ...) before a question is kept,
 * so neither the file nor trainers see them (a file an earlier version kept in clear is rewritten
 * masked at start); {@link #forget} removes a conversation's questions for an erasure or the
 * retention period. The file is its owner's only.
 *
 * <p>Thread-safe.
 */
public final class UnansweredInbox implements PipelineListener, Feedback.Listener, Closeable {
    /** Most example wordings shown per group. */
    public static final int EXAMPLES = 5;

    private static final System.Logger LOG = System.getLogger(UnansweredInbox.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final PersonalDataMasker MASKER = PersonalDataMasker.defaults();

    private final Path file;
    private final TextEmbedder embedder;
    private final int capacity;
    private final double similarity;
    private final Clock clock;
    /** Open questions by id, oldest first. */
    private final TreeMap<Long, UnansweredQuestion> open = new TreeMap<>();
    /** Unit vectors of open questions, computed when first grouped. */
    private final Map<Long, TextEmbedder.Embedding> vectors = new HashMap<>();

    /** Appends to {@link #file}; reopened when the file is rewritten. */
    private BufferedWriter out;

    private long lastId;

    /**
     * Opens the inbox kept in {@code file} (created if missing).
     *
     * @param embedder groups by meaning; {@code null} groups by shared words
     * @param capacity most open questions kept, >= 1
     * @param similarity the share (cosine or Jaccard) at which questions group, in (0, 1]
     */
    public UnansweredInbox(Path file, TextEmbedder embedder, int capacity, double similarity, Clock clock)
            throws IOException {
        this.file = Checks.requireNonNull("file", file);
        this.embedder = embedder;
        if (capacity < 1 || !(similarity > 0 && similarity <= 1)) {
            throw new IllegalArgumentException(
                    "capacity must be >= 1 and similarity in (0, 1], were " + capacity + " and " + similarity);
        }
        this.capacity = capacity;
        this.similarity = similarity;
        this.clock = Checks.requireNonNull("clock", clock);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Loaded loaded = load();
        if (loaded.lines() > 2 * capacity + 1000 || loaded.unmasked()) {
            replaceFile(
                    open.values().stream().map(UnansweredInbox::questionLine).toList());
        }
        this.out = append();
    }

    @Override
    public void on(PipelineEvent event) {
        if (!(event instanceof PipelineEvent.Decided decided)) {
            return;
        }
        reason(decided)
                .ifPresent(r -> add(
                        decided.message().text(),
                        r,
                        decided.understanding().replyLanguage().name().toLowerCase(Locale.ROOT),
                        decided.conversationId(),
                        List.of()));
    }

    /**
     * Why a decision leaves its message unanswered (a fallback, or a hand-off after repeated ones),
     * or empty when it was answered: the one rule the inbox and the metrics share.
     */
    public static Optional<Reason> reason(PipelineEvent.Decided decided) {
        return decided.decision()
                .fold(
                        reply -> reply.answer().kind() == AnswerKind.FALLBACK
                                ? Optional.of(
                                        decided.understanding().intent().outOfScope()
                                                ? Reason.OUT_OF_SCOPE
                                                : Reason.NO_ANSWER)
                                : Optional.empty(),
                        handoff -> handoff.trigger().reason() == HandoffReason.REPEATED_FALLBACK
                                ? Optional.of(Reason.HANDOFF_NO_ANSWER)
                                : Optional.empty());
    }

    @Override
    public void on(Feedback feedback) {
        if (!feedback.helpful()) {
            add(feedback.question(), Reason.NOT_HELPFUL, "", feedback.conversationId(), feedback.citedEntryIds());
        }
    }

    /** Records a question. */
    public synchronized UnansweredQuestion add(
            String text, Reason reason, String language, String conversationId, List<String> triedEntries) {
        UnansweredQuestion question = new UnansweredQuestion(
                ++lastId,
                MASKER.redact(text),
                reason,
                language.isBlank() ? "unknown" : language,
                conversationId,
                clock.instant(),
                triedEntries);
        write(questionNode(question));
        open.put(question.id(), question);
        while (open.size() > capacity) {
            vectors.remove(open.pollFirstEntry().getKey());
        }
        return question;
    }

    /** The open questions grouped by meaning, most asked first. */
    public synchronized List<QuestionGroup> groups() {
        List<UnansweredQuestion> questions = List.copyOf(open.values());
        embedMissing(questions);
        List<List<UnansweredQuestion>> clusters = new ArrayList<>();
        for (UnansweredQuestion question : questions) {
            List<UnansweredQuestion> best = null;
            double bestScore = similarity;
            for (List<UnansweredQuestion> cluster : clusters) {
                double score = similarity(cluster.get(0), question);
                if (score >= bestScore) {
                    best = cluster;
                    bestScore = score;
                }
            }
            if (best == null) {
                best = new ArrayList<>();
                clusters.add(best);
            }
            best.add(question);
        }
        return clusters.stream()
                .map(UnansweredInbox::group)
                .sorted((a, b) -> a.count() != b.count()
                        ? Integer.compare(b.count(), a.count())
                        : b.lastAt().compareTo(a.lastAt()))
                .toList();
    }

    /** The group with this id, as {@link #groups} would show it now. */
    public synchronized QuestionGroup group(String id) {
        return groups().stream()
                .filter(g -> g.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new CurationException(
                        CurationException.Reason.NOT_FOUND,
                        "There is no open group " + id + " of unanswered questions."));
    }

    /**
     * Closes questions: answered by a new or extended entry, or dismissed.
     *
     * @param outcome what became of them, e.g. {@code entry:faq-gift-cards} or {@code dismissed}
     */
    public synchronized void resolve(Collection<Long> ids, String outcome, String author) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("kind", "resolved");
        ArrayNode array = line.putArray("ids");
        ids.forEach(array::add);
        line.put("outcome", outcome);
        line.put("by", author);
        line.put("at", clock.instant().toString());
        write(line);
        for (Long id : ids) {
            open.remove(id);
            vectors.remove(id);
        }
    }

    /** How many questions are open. */
    public synchronized int size() {
        return open.size();
    }

    /** The open questions {@code which} accepts, oldest first. */
    public synchronized List<UnansweredQuestion> find(Predicate<UnansweredQuestion> which) {
        Checks.requireNonNull("which", which);
        return open.values().stream().filter(which).toList();
    }

    /**
     * Removes every question {@code which} accepts, open or already resolved, from the inbox and
     * from its file (rewritten: a question is gone from disk when this returns).
     *
     * @return how many questions the file held that {@code which} accepted
     */
    public synchronized int forget(Predicate<UnansweredQuestion> which) throws IOException {
        Checks.requireNonNull("which", which);
        out.flush();
        List<String> kept = new ArrayList<>();
        int forgotten = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Optional<JsonNode> node = parse(line);
            boolean question = node.isPresent() && isQuestion(node.get());
            try {
                if (question && which.test(question(node.get()))) {
                    forgotten++;
                    continue;
                }
            } catch (RuntimeException e) {
                continue; // an unreadable question: skipped at load anyway, so dropped
            }
            if (node.isPresent()) { // an unreadable line is dropped too
                kept.add(line);
            }
        }
        open.values().removeIf(which);
        vectors.keySet().retainAll(open.keySet());
        if (forgotten == 0) {
            return 0; // nothing of theirs on disk: no rewrite (the retention's daily run, mostly)
        }
        out.close();
        try {
            replaceFile(kept);
        } finally {
            out = append();
        }
        return forgotten;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    private BufferedWriter append() throws IOException {
        OwnerOnly.file(file);
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private void write(ObjectNode line) {
        try {
            out.write(MAPPER.writeValueAsString(line));
            out.write('\n');
            out.flush(); // to the OS: survives the process being killed
        } catch (IOException e) {
            // The shopper's answer must not fail because the inbox cannot be written.
            LOG.log(System.Logger.Level.ERROR, "cannot write the unanswered-questions inbox " + file, e);
        }
    }

    private static String questionLine(UnansweredQuestion question) {
        try {
            return MAPPER.writeValueAsString(questionNode(question));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write question " + question.id(), e);
        }
    }

    private static ObjectNode questionNode(UnansweredQuestion question) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("kind", "question");
        line.put("id", question.id());
        line.put("text", question.text());
        line.put("reason", question.reason().code());
        line.put("language", question.language());
        line.put("conversationId", question.conversationId());
        line.put("at", question.at().toString());
        ArrayNode tried = line.putArray("triedEntries");
        question.triedEntries().forEach(tried::add);
        return line;
    }

    /** What replaying the file found: its number of lines, and whether a question was kept unmasked. */
    private record Loaded(int lines, boolean unmasked) {}

    /** Replays the file, masking what an earlier version kept in clear. A line that cannot be read is skipped and logged. */
    private Loaded load() throws IOException {
        if (!Files.exists(file)) {
            return new Loaded(0, false);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean unmasked = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode node = parse(lines.get(i)).orElseThrow(() -> new IllegalArgumentException("not JSON"));
                if (isQuestion(node)) {
                    UnansweredQuestion read = question(node);
                    String masked = MASKER.redact(read.text());
                    unmasked |= !masked.equals(read.text());
                    UnansweredQuestion question = new UnansweredQuestion(
                            read.id(),
                            masked,
                            read.reason(),
                            read.language(),
                            read.conversationId(),
                            read.at(),
                            read.triedEntries());
                    open.put(question.id(), question);
                    lastId = Math.max(lastId, question.id());
                } else {
                    node.path("ids").forEach(id -> open.remove(id.asLong()));
                }
            } catch (RuntimeException e) {
                // Diagnostic data, not a trainer's work: a torn line from a crash is dropped.
                LOG.log(System.Logger.Level.WARNING, "skipping unreadable line " + (i + 1) + " of " + file);
            }
        }
        while (open.size() > capacity) {
            open.pollFirstEntry();
        }
        return new Loaded(lines.size(), unmasked);
    }

    private static Optional<JsonNode> parse(String line) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MAPPER.readTree(line));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static boolean isQuestion(JsonNode node) {
        return node.path("kind").asText().equals("question");
    }

    /** The question of a {@code question} line, as it was written. */
    private static UnansweredQuestion question(JsonNode node) {
        List<String> tried = new ArrayList<>();
        node.path("triedEntries").forEach(t -> tried.add(t.asText()));
        return new UnansweredQuestion(
                node.path("id").asLong(),
                node.path("text").asText(),
                Coded.find(Reason.values(), node.path("reason").asText()).orElseThrow(),
                node.path("language").asText(),
                node.path("conversationId").asText(),
                Instant.parse(node.path("at").asText()),
                tried);
    }

    /** Replaces the file with {@code lines}, atomically: written to an owner-only file beside it, then moved. */
    private void replaceFile(List<String> lines) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp); // left over from a crash
        try (BufferedWriter writer = Files.newBufferedWriter(
                OwnerOnly.file(temp), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void embedMissing(List<UnansweredQuestion> questions) {
        if (embedder == null) {
            return;
        }
        List<UnansweredQuestion> missing =
                questions.stream().filter(q -> !vectors.containsKey(q.id())).toList();
        if (missing.isEmpty()) {
            return;
        }
        List<TextEmbedder.Embedding> embeddings =
                embedder.embedAll(missing.stream().map(UnansweredQuestion::text).toList());
        for (int i = 0; i < missing.size(); i++) {
            TextEmbedder.Embedding embedding = embeddings.get(i);
            vectors.put(missing.get(i).id(), new TextEmbedder.Embedding(embedding.space(), unit(embedding.vector())));
        }
    }

    private double similarity(UnansweredQuestion a, UnansweredQuestion b) {
        if (embedder == null) {
            return jaccard(words(a.text()), words(b.text()));
        }
        TextEmbedder.Embedding x = vectors.get(a.id());
        TextEmbedder.Embedding y = vectors.get(b.id());
        if (!x.space().equals(y.space())) {
            return 0;
        }
        double dot = 0;
        for (int i = 0; i < x.vector().length; i++) {
            dot += x.vector()[i] * y.vector()[i];
        }
        return dot;
    }

    private static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float[] unit = vector.clone();
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < unit.length; i++) {
                unit[i] *= scale;
            }
        }
        return unit;
    }

    /** Lower-cased Latin words and digits, and each Han character, as the word set of a text. */
    static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        StringBuilder word = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                flush(word, words);
                words.add(new String(Character.toChars(c)));
            } else if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(c);
            } else {
                flush(word, words);
            }
        });
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, Set<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return (double) both.size() / union.size();
    }

    private static QuestionGroup group(List<UnansweredQuestion> questions) {
        Set<String> examples = new LinkedHashSet<>();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        Set<String> tried = new LinkedHashSet<>();
        for (int i = questions.size() - 1; i >= 0; i--) {
            UnansweredQuestion question = questions.get(i);
            if (examples.size() < EXAMPLES) {
                examples.add(question.text().strip());
            }
            reasons.merge(question.reason().code(), 1, Integer::sum);
            tried.addAll(question.triedEntries());
        }
        UnansweredQuestion first = questions.get(0);
        return new QuestionGroup(
                "g" + first.id(),
                questions.size(),
                List.copyOf(examples),
                reasons,
                List.copyOf(tried),
                first.at(),
                questions.get(questions.size() - 1).at(),
                questions.stream().map(UnansweredQuestion::id).toList());
    }
}
