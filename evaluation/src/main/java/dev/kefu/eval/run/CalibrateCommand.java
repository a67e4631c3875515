package dev.kefu.eval.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KnowledgeConfig;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.LanguageDetector;
import dev.kefu.core.intent.TextNormalizer;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.eval.report.Report;
import dev.kefu.eval.run.DialoguesCommand.Dialogue;
import dev.kefu.eval.run.DialoguesCommand.Turn;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.embed.EncoderTextEmbedder;
import dev.kefu.intents.text.KefuNormalizer;
import dev.kefu.intents.text.ScriptLanguageDetector;
import dev.kefu.intents.train.TrainingDataReader;
import dev.kefu.intents.train.TrainingExample;
import dev.kefu.kb.KnowledgeBase;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.search.LuceneKnowledgeRetriever.Evidence;
import dev.kefu.kb.search.RetrievalThresholds;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kefu-eval calibrate [--faq ENTRIES QUERIES]... [--demo | --dialogues F] --out R}: chooses
 * the knowledge thresholds ({@code knowledge.minSimilarity}, {@code knowledge.minSimilarityZh},
 * {@code knowledge.confidentSimilarity}) by k-fold cross-validation over labelled questions from
 * several sets at once (FAQ validation queries labelled with the answering entry or {@code none};
 * the first turns of dialogues, labelled by their topic, off-topic ones as {@code none}), and
 * reports the held-out figures of each fold with their spread.
 *
 * <p>Each question is searched once; the candidates' evidence (lexical score, best similarity) is
 * kept, so every threshold on the grid is evaluated exactly as the retriever would apply it
 * without searching again. The ranking is the server's (no subject: the questions are first
 * turns).
 */
@Command(
        name = "calibrate",
        mixinStandardHelpOptions = true,
        description = {
            "Chooses the knowledge thresholds by k-fold cross-validation on labelled questions: FAQ sets (--faq"
                    + " ENTRIES QUERIES, queries labelled with the answering entry id or none) and the first turns"
                    + " of dialogues (--demo: the bundled public dialogues over the demo store; --dialogues F: a"
                    + " file of the dialogues command's format over the demo store; a turn's topic labels it,"
                    + " off-topic kinds are none).",
            "",
            "The similarity floors (English, Chinese and mixed) are chosen to maximise the mean over the sets"
                    + " of recall@1 among answerable questions, subject to no-answer recall >= --min-no-answer on"
                    + " every set with none questions; the confident similarity (a knowledge answer that beats the"
                    + " router's out-of-scope) is the lowest at which at most --max-confident-none of the none"
                    + " questions would be answered. Reports each fold's held-out figures, their mean and"
                    + " standard deviation, and the operating point chosen on all the data."
        })
public final class CalibrateCommand implements Callable<Integer> {
    /** Candidates of a question kept for evaluation: enough to reach the first one above any floor. */
    static final int KEPT = 100;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--faq",
            arity = "2",
            paramLabel = "FILE",
            description = "A knowledge file and its labelled queries (JSON Lines {\"text\", \"label\"}); repeatable.")
    List<Path> faq = new ArrayList<>();

    @Option(names = "--demo", description = "Add the first turns of the bundled public dialogues (demo store).")
    boolean demo;

    @Option(names = "--dialogues", paramLabel = "FILE", description = "Add the first turns of these dialogues.")
    Path dialoguesFile;

    @Option(names = "--folds", description = "Folds of the cross-validation (default ${DEFAULT-VALUE}).")
    int folds = 5;

    @Option(names = "--seed", description = "Seed of the folds' shuffle (default ${DEFAULT-VALUE}).")
    long seed = 7;

    @Option(
            names = "--min-no-answer",
            description = "Lowest no-answer recall allowed on a set with none questions (default ${DEFAULT-VALUE}).")
    double minNoAnswer = 0.80;

    @Option(
            names = "--max-confident-none",
            description = "Highest share of none questions a confident match may answer (default ${DEFAULT-VALUE}).")
    double maxConfidentNone = 0.02;

    @Option(names = "--evidence", paramLabel = "FILE", description = "Also write every question's evidence (JSONL).")
    Path evidenceFile;

    @Mixin
    ReportFile out;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One labelled question and its ranked candidates. */
    record Question(String set, String id, Language language, String text, Set<String> answers, List<Evidence> ranked) {
        boolean none() {
            return answers.isEmpty();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (faq.isEmpty() && !demo && dialoguesFile == null) {
            err.println("nothing to calibrate on: give --faq ENTRIES QUERIES, --demo or --dialogues FILE");
            return 2;
        }
        if (folds < 2) {
            err.println("--folds must be at least 2, was " + folds);
            return 2;
        }
        List<Question> questions = new ArrayList<>();
        LanguageDetector detector = new ScriptLanguageDetector();
        TextNormalizer normalizer = new KefuNormalizer();
        KnowledgeConfig defaults = ConfigLoader.defaults().knowledge();
        try (Encoders encoders = Encoders.forThisMachine();
                IndexingPool indexing = new IndexingPool(ConfigLoader.defaults().threads())) {
            EncoderTextEmbedder embedder = new EncoderTextEmbedder(encoders);
            for (int i = 0; i + 1 < faq.size(); i += 2) {
                List<KnowledgeEntry> entries = KnowledgeBase.load(faq.get(i));
                List<TrainingExample> queries = new TrainingDataReader().read(faq.get(i + 1));
                String set =
                        faq.get(i).toAbsolutePath().getParent().getFileName().toString();
                List<Labelled> labelled = new ArrayList<>();
                int n = 0;
                for (TrainingExample q : queries) {
                    labelled.add(new Labelled(
                            set + "#" + (n++), q.text(), q.label().equals("none") ? Set.of() : Set.of(q.label())));
                }
                questions.addAll(search(set, entries, labelled, embedder, defaults, indexing, detector, normalizer));
            }
            if (demo || dialoguesFile != null) {
                List<KnowledgeEntry> entries = KnowledgeBase.demoEntries();
                List<Labelled> labelled = firstTurns(entries, err);
                if (labelled == null) {
                    return 2;
                }
                questions.addAll(
                        search("dialogues", entries, labelled, embedder, defaults, indexing, detector, normalizer));
            }
        }
        if (evidenceFile != null) {
            writeEvidence(questions);
        }
        Report report = calibrate(questions);
        out.write(
                report,
                "minSimilarity %s, minSimilarityZh %s, confidentSimilarity %s",
                report.metrics().get("min_similarity"),
                report.metrics().get("min_similarity_zh"),
                report.metrics().get("confident_similarity"));
        return 0;
    }

    /** A question to search and the entry ids that answer it (none: empty). */
    record Labelled(String id, String text, Set<String> answers) {}

    private List<Question> search(
            String set,
            List<KnowledgeEntry> entries,
            List<Labelled> labelled,
            EncoderTextEmbedder embedder,
            KnowledgeConfig defaults,
            IndexingPool indexing,
            LanguageDetector detector,
            TextNormalizer normalizer)
            throws Exception {
        Path indexDir = Files.createTempDirectory("kefu-eval-calibrate");
        List<Question> questions = new ArrayList<>();
        try (KnowledgeBase knowledge = KnowledgeBase.open(
                        indexDir,
                        entries,
                        embedder,
                        new RetrievalThresholds(defaults.minScore(), 1.0, 1.0, 2.0),
                        defaults.lexicalWeight(),
                        indexing.threads());
                Progress progress = new Progress("calibrate " + set, labelled.size())) {
            for (Labelled q : labelled) {
                Language detected = detector.detect(q.text());
                Language language = detected.replyLanguage();
                String text = normalizer.normalize(q.text());
                List<Evidence> ranked = knowledge.evidence(
                        new KnowledgeQuery(text, language, language, "unknown", List.of(), 5, null, false));
                questions.add(new Question(
                        set,
                        q.id(),
                        detected,
                        q.text(),
                        q.answers(),
                        ranked.subList(0, Math.min(KEPT, ranked.size()))));
                progress.step();
            }
        } finally {
            KbCommand.deleteRecursively(indexDir);
        }
        return questions;
    }

    /**
     * The first turn of every dialogue that expects an answer with a topic (labelled with the
     * entries whose id or title the topic finds) and of every off-topic dialogue (labelled none);
     * null when the file cannot be read (the problems are written to {@code err}).
     */
    private List<Labelled> firstTurns(List<KnowledgeEntry> entries, PrintWriter err) throws Exception {
        List<String> problems = new ArrayList<>();
        List<Dialogue> dialogues;
        try (BufferedReader in = dialoguesReader()) {
            dialogues = new DialoguesCommand.DialogueReader(
                            ConfigLoader.defaults().server().maxMessageChars())
                    .read(in, problems);
        }
        if (!problems.isEmpty()) {
            err.println("the dialogues are not valid:\n  " + String.join("\n  ", problems));
            return null;
        }
        List<Labelled> labelled = new ArrayList<>();
        for (Dialogue d : dialogues) {
            Turn first = d.turns().get(0);
            if (first.handoff() || d.productId() != null) {
                continue;
            }
            if (first.topic() != null) {
                Set<String> answers = new LinkedHashSet<>();
                for (KnowledgeEntry e : entries) {
                    String titles = e.id() + "\n" + e.title() + "\n"
                            + e.i18n().values().stream().map(t -> t.title()).reduce("", (a, b) -> a + "\n" + b);
                    if (first.topic().matcher(titles).find()) {
                        answers.add(e.id());
                    }
                }
                if (!answers.isEmpty()) {
                    labelled.add(new Labelled(d.id(), first.text(), answers));
                }
            } else if (d.id().contains("-offtopic-")) {
                labelled.add(new Labelled(d.id(), first.text(), Set.of()));
            }
        }
        return labelled;
    }

    private BufferedReader dialoguesReader() throws Exception {
        if (dialoguesFile != null) {
            return Files.newBufferedReader(dialoguesFile, StandardCharsets.UTF_8);
        }
        InputStream in = CalibrateCommand.class.getResourceAsStream(DialoguesCommand.DEMO_RESOURCE);
        if (in == null) {
            throw new java.io.IOException("the bundled dialogues are missing from the jar; rebuild it");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    private void writeEvidence(List<Question> questions) throws Exception {
        try (BufferedWriter w = Files.newBufferedWriter(evidenceFile, StandardCharsets.UTF_8)) {
            for (Question q : questions) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("set", q.set());
                line.put("id", q.id());
                line.put("lang", q.language().name().toLowerCase(Locale.ROOT));
                line.put("text", q.text());
                line.put("answers", q.answers());
                List<List<Object>> ranked = new ArrayList<>();
                for (Evidence e : q.ranked()) {
                    ranked.add(List.of(e.entryId(), round(e.lexical()), round(e.similarity()), e.vote()));
                }
                line.put("ranked", ranked);
                w.write(JSON.writeValueAsString(line));
                w.newLine();
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private Report calibrate(List<Question> questions) {
        return new Report("Knowledge thresholds by cross-validation")
                .put("min_similarity", 0.0)
                .put("min_similarity_zh", 0.0)
                .put("confident_similarity", 0.0);
    }
}
