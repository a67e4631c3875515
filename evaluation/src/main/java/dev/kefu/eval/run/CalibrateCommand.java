package dev.kefu.eval.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.channels.app.DialogueReplay.Turn;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KnowledgeConfig;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.LanguageDetector;
import dev.kefu.core.intent.TextNormalizer;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.eval.report.Report;
import dev.kefu.eval.run.DialoguesCommand.Dialogue;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.embed.EncoderTextEmbedder;
import dev.kefu.intents.text.KefuNormalizer;
import dev.kefu.intents.text.ScriptLanguageDetector;
import dev.kefu.intents.train.TrainingDataReader;
import dev.kefu.intents.train.TrainingExample;
import dev.kefu.kb.KnowledgeBase;
import dev.kefu.kb.index.EntryVectors;
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
import java.util.Random;
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
    double minNoAnswer = 0.85;

    @Option(
            names = "--max-confident-none",
            description = "Highest share of none questions a confident match may answer (default ${DEFAULT-VALUE}).")
    double maxConfidentNone = 0.02;

    @Option(
            names = "--min-confident-precision",
            description = "Lowest share of confident first candidates that must be right (default ${DEFAULT-VALUE}).")
    double minConfidentPrecision = 0.95;

    @Option(
            names = "--from-evidence",
            paramLabel = "FILE",
            description = "Calibrate on the evidence an earlier run wrote with --evidence instead of searching.")
    Path fromEvidence;

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
        if (folds < 2) {
            err.println("--folds must be at least 2, was " + folds);
            return 2;
        }
        if (fromEvidence != null) {
            Report report = calibrate(readEvidence(fromEvidence));
            out.write(
                    report,
                    "minSimilarity %s, minSimilarityZh %s, confidentSimilarity %s, confidentSimilarityZh %s",
                    report.metrics().get("min_similarity"),
                    report.metrics().get("min_similarity_zh"),
                    report.metrics().get("confident_similarity"),
                    report.metrics().get("confident_similarity_zh"));
            return 0;
        }
        if (faq.isEmpty() && !demo && dialoguesFile == null) {
            err.println("nothing to calibrate on: give --faq ENTRIES QUERIES, --demo or --dialogues FILE");
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
                "minSimilarity %s, minSimilarityZh %s, confidentSimilarity %s, confidentSimilarityZh %s",
                report.metrics().get("min_similarity"),
                report.metrics().get("min_similarity_zh"),
                report.metrics().get("confident_similarity"),
                report.metrics().get("confident_similarity_zh"));
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
                        new RetrievalThresholds(defaults.minScore(), 1.0, 1.0, 2.0, 2.0),
                        defaults.lexicalWeight(),
                        indexing.threads(),
                        EntryVectors.inMemory());
                Progress progress = new Progress("calibrate " + set, labelled.size())) {
            for (Labelled q : labelled) {
                Language detected = detector.detect(q.text());
                Language language = detected.replyLanguage();
                String text = normalizer.normalize(q.text());
                List<Evidence> ranked = knowledge.evidence(new KnowledgeQuery(
                        text, language, language, "unknown", List.of(), 5, null, false, false, false, null));
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

    /** Questions as {@link #writeEvidence} wrote them. */
    static List<Question> readEvidence(Path file) throws java.io.IOException {
        List<Question> questions = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(line);
            Set<String> answers = new LinkedHashSet<>();
            n.path("answers").forEach(a -> answers.add(a.asText()));
            List<Evidence> ranked = new ArrayList<>();
            n.path("ranked")
                    .forEach(r -> ranked.add(new Evidence(
                            r.get(0).asText(),
                            r.get(1).asDouble(),
                            r.get(2).asDouble(),
                            r.get(3).asDouble())));
            questions.add(new Question(
                    n.path("set").asText(),
                    n.path("id").asText(),
                    Language.valueOf(n.path("lang").asText().toUpperCase(Locale.ROOT)),
                    n.path("text").asText(),
                    answers,
                    ranked));
        }
        return questions;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    /** A candidate operating point: the similarity floors by language. */
    record Floors(double en, double zh) {
        double of(Language language) {
            return language == Language.EN ? en : zh;
        }
    }

    /** Per set: answerable questions answered right first, none questions answered with nothing. */
    record SetFigures(String set, int answerable, int right, int none, int silent) {
        double recallAt1() {
            return answerable == 0 ? Double.NaN : (double) right / answerable;
        }

        double noAnswerRecall() {
            return none == 0 ? Double.NaN : (double) silent / none;
        }
    }

    /** The first candidate the retriever would return with these floors, or null. */
    String first(Question q, Floors floors, double minScore) {
        double floor = floors.of(q.language());
        for (Evidence e : q.ranked()) {
            if (e.lexical() >= minScore || e.similarity() >= floor) {
                return e.entryId();
            }
        }
        return null;
    }

    Map<String, SetFigures> figures(List<Question> questions, Floors floors, double minScore) {
        return figures(questions, floors, minScore, false);
    }

    /** Figures by set, or by set and language ({@code set/en}, {@code set/zh}). */
    Map<String, SetFigures> figures(List<Question> questions, Floors floors, double minScore, boolean byLanguage) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Question q : questions) {
            String key = byLanguage ? q.set() + "/" + (q.language() == Language.EN ? "en" : "zh") : q.set();
            int[] c = counts.computeIfAbsent(key, k -> new int[4]);
            String first = first(q, floors, minScore);
            if (q.none()) {
                c[2]++;
                c[3] += first == null ? 1 : 0;
            } else {
                c[0]++;
                c[1] += first != null && q.answers().contains(first) ? 1 : 0;
            }
        }
        Map<String, SetFigures> out = new LinkedHashMap<>();
        counts.forEach((set, c) -> out.put(set, new SetFigures(set, c[0], c[1], c[2], c[3])));
        return out;
    }

    /**
     * The floors that maximise the mean recall@1 over the sets while every set with none questions
     * keeps a no-answer recall of at least {@link #minNoAnswer} in each language; ties go to the
     * higher floors (fewer answers by meaning, the safer side). If no floors meet the constraint,
     * the highest.
     */
    Floors choose(List<Question> questions, double minScore) {
        int steps = (int) Math.round((GRID_MAX - GRID_MIN) / GRID_STEP) + 1;
        double[] grid = new double[steps];
        for (int t = 0; t < steps; t++) {
            grid[t] = round(GRID_MAX - t * GRID_STEP); // highest first: ties keep the higher floor
        }
        // each language's questions depend on its own floor only: count once per floor and group
        List<String> sets = questions.stream().map(Question::set).distinct().toList();
        int[] answerable = new int[sets.size()];
        int[][] none = new int[sets.size()][2];
        int[][][] right = new int[sets.size()][2][steps];
        int[][][] silent = new int[sets.size()][2][steps];
        for (Question q : questions) {
            int set = sets.indexOf(q.set());
            int lang = q.language() == Language.EN ? 0 : 1;
            if (q.none()) {
                none[set][lang]++;
            } else {
                answerable[set]++;
            }
            for (int t = 0; t < steps; t++) {
                String first = first(q, new Floors(grid[t], grid[t]), minScore);
                if (q.none()) {
                    silent[set][lang][t] += first == null ? 1 : 0;
                } else {
                    right[set][lang][t] += first != null && q.answers().contains(first) ? 1 : 0;
                }
            }
        }
        Floors best = new Floors(GRID_MAX, GRID_MAX);
        double bestScore = -1;
        for (int en = 0; en < steps; en++) {
            for (int zh = 0; zh < steps; zh++) {
                int[] at = {en, zh};
                boolean ok = true;
                double sum = 0;
                int counted = 0;
                for (int set = 0; set < sets.size(); set++) {
                    for (int lang = 0; lang < 2; lang++) {
                        if (none[set][lang] > 0
                                && (double) silent[set][lang][at[lang]] / none[set][lang] < minNoAnswer) {
                            ok = false;
                        }
                    }
                    if (answerable[set] > 0) {
                        sum += (double) (right[set][0][en] + right[set][1][zh]) / answerable[set];
                        counted++;
                    }
                }
                double score = counted == 0 ? 0 : sum / counted;
                if (ok && score > bestScore + 1e-12) {
                    bestScore = score;
                    best = new Floors(grid[en], grid[zh]);
                }
            }
        }
        return best;
    }

    /**
     * The lowest confident similarity for questions in {@code language} (English, or Chinese and
     * mixed) at which at most {@link #maxConfidentNone} of its none questions have a confident first
     * candidate and at least {@link #minConfidentPrecision} of its confident first candidates are
     * right; 1.0 if none is.
     */
    double chooseConfident(List<Question> questions, Language language) {
        List<Question> mine = questions.stream()
                .filter(q -> (q.language() == Language.EN) == (language == Language.EN))
                .filter(q -> !q.ranked().isEmpty())
                .toList();
        for (double t = GRID_MIN; t <= 1.0 + 1e-9; t += GRID_STEP) {
            double[] f = confidentFigures(mine, new Floors(round(t), round(t)));
            boolean fewNone = Double.isNaN(f[0]) || f[0] <= maxConfidentNone;
            boolean precise = Double.isNaN(f[2]) || f[2] >= minConfidentPrecision;
            if (fewNone && precise) {
                return round(t);
            }
        }
        return 1.0;
    }

    /**
     * For a confident similarity: the share of none questions a confident first candidate would
     * answer, the share of answerable ones it answers right, and the share of confident first
     * candidates that are right (precision).
     */
    static double[] confidentFigures(List<Question> questions, Floors confident) {
        int none = 0;
        int noneConfident = 0;
        int answerable = 0;
        int rightConfident = 0;
        int confidentAll = 0;
        for (Question q : questions) {
            Evidence top = q.ranked().isEmpty() ? null : q.ranked().get(0);
            boolean isConfident = top != null && top.similarity() >= confident.of(q.language());
            confidentAll += isConfident ? 1 : 0;
            if (q.none()) {
                none++;
                noneConfident += isConfident ? 1 : 0;
            } else {
                answerable++;
                rightConfident += isConfident && q.answers().contains(top.entryId()) ? 1 : 0;
            }
        }
        return new double[] {
            none == 0 ? Double.NaN : (double) noneConfident / none,
            answerable == 0 ? Double.NaN : (double) rightConfident / answerable,
            confidentAll == 0 ? Double.NaN : (double) rightConfident / confidentAll
        };
    }

    static final double GRID_MIN = 0.40;
    static final double GRID_MAX = 0.95;
    static final double GRID_STEP = 0.005;

    private Report calibrate(List<Question> questions) {
        double minScore = ConfigLoader.defaults().knowledge().minScore();
        // k folds, stratified by set: each set's questions shuffled (seeded) and dealt in turn
        Random random = new Random(seed);
        Map<String, List<Question>> bySet = new LinkedHashMap<>();
        for (Question q : questions) {
            bySet.computeIfAbsent(q.set(), k -> new ArrayList<>()).add(q);
        }
        List<List<Question>> foldsOf = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            foldsOf.add(new ArrayList<>());
        }
        for (List<Question> set : bySet.values()) {
            List<Question> shuffled = new ArrayList<>(set);
            java.util.Collections.shuffle(shuffled, random);
            for (int i = 0; i < shuffled.size(); i++) {
                foldsOf.get(i % folds).add(shuffled.get(i));
            }
        }
        List<String> rows = new ArrayList<>();
        Map<String, List<double[]>> heldOut = new LinkedHashMap<>();
        List<Double> confidentNone = new ArrayList<>();
        List<Double> confidentRight = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            List<Question> train = new ArrayList<>();
            for (int j = 0; j < folds; j++) {
                if (j != k) {
                    train.addAll(foldsOf.get(j));
                }
            }
            Floors floors = choose(train, minScore);
            Floors confident = new Floors(chooseConfident(train, Language.EN), chooseConfident(train, Language.ZH));
            Map<String, SetFigures> test = figures(foldsOf.get(k), floors, minScore);
            double[] c = confidentFigures(foldsOf.get(k), confident);
            confidentNone.add(c[0]);
            confidentRight.add(c[1]);
            StringBuilder row = new StringBuilder(Report.cells(
                    Integer.toString(k + 1),
                    fmt(floors.en()),
                    fmt(floors.zh()),
                    fmt(confident.en()),
                    fmt(confident.zh())));
            for (SetFigures f : test.values()) {
                heldOut.computeIfAbsent(f.set(), s -> new ArrayList<>())
                        .add(new double[] {f.recallAt1(), f.noAnswerRecall()});
                row.append(' ')
                        .append(Report.cells(fmt(f.recallAt1()), fmt(f.noAnswerRecall()))
                                .substring(1));
            }
            rows.add(row.toString());
        }
        Floors chosen = choose(questions, minScore);
        Floors confident = new Floors(chooseConfident(questions, Language.EN), chooseConfident(questions, Language.ZH));
        Map<String, SetFigures> all = figures(questions, chosen, minScore);

        List<String> header =
                new ArrayList<>(List.of("fold", "minSimilarity", "minSimilarityZh", "confident", "confidentZh"));
        for (String set : bySet.keySet()) {
            header.add(set + " recall@1");
            header.add(set + " no-answer recall");
        }
        List<String> summary = new ArrayList<>();
        Report report = new Report("Knowledge thresholds by " + folds + "-fold cross-validation")
                .put("min_similarity", chosen.en())
                .put("min_similarity_zh", chosen.zh())
                .put("confident_similarity", confident.en())
                .put("confident_similarity_zh", confident.zh())
                .put("min_score", minScore)
                .put("folds", folds)
                .put("n_questions", questions.size());
        for (Map.Entry<String, List<double[]>> set : heldOut.entrySet()) {
            String name = set.getKey().replace('-', '_');
            double[] r1 = set.getValue().stream().mapToDouble(v -> v[0]).toArray();
            double[] nr = set.getValue().stream().mapToDouble(v -> v[1]).toArray();
            report.put(name + "_cv_recall_at_1_mean", mean(r1)).put(name + "_cv_recall_at_1_sd", sd(r1));
            if (!Double.isNaN(mean(nr))) {
                report.put(name + "_cv_no_answer_recall_mean", mean(nr)).put(name + "_cv_no_answer_recall_sd", sd(nr));
            }
            SetFigures f = all.get(set.getKey());
            summary.add(Report.cells(
                    set.getKey(),
                    Integer.toString(f.answerable()),
                    Integer.toString(f.none()),
                    fmt(mean(r1)) + " ± " + fmt(sd(r1)),
                    Double.isNaN(mean(nr)) ? "" : fmt(mean(nr)) + " ± " + fmt(sd(nr)),
                    fmt(f.recallAt1()),
                    fmt(f.noAnswerRecall())));
        }
        double[] cn = confidentNone.stream().mapToDouble(Double::doubleValue).toArray();
        double[] cr = confidentRight.stream().mapToDouble(Double::doubleValue).toArray();
        report.put("cv_confident_none_share_mean", mean(cn))
                .put("cv_confident_none_share_sd", sd(cn))
                .put("cv_confident_right_share_mean", mean(cr));
        report.section(
                "Chosen on all the data",
                "Similarity floors " + fmt(chosen.en()) + " (English) and " + fmt(chosen.zh())
                        + " (Chinese and mixed), confident similarity " + fmt(confident.en()) + " / "
                        + fmt(confident.zh()) + ", lexical minScore "
                        + minScore + ". Floors maximise the mean recall@1 over the sets with no-answer recall >= "
                        + minNoAnswer + " on every set and language with none questions; each language's confident"
                        + " similarity is the lowest that lets at most " + maxConfidentNone + " of its none questions"
                        + " through and keeps at least " + minConfidentPrecision + " of its confident first"
                        + " candidates right.");
        report.section(
                "Held-out figures (mean ± sd over the folds) and on all the data with the chosen point",
                Report.table(
                        List.of(
                                "set",
                                "answerable",
                                "none",
                                "CV recall@1",
                                "CV no-answer recall",
                                "all: recall@1",
                                "all: no-answer recall"),
                        summary));
        report.section("Each fold (chosen on the other folds, measured on this one)", Report.table(header, rows));
        report.section(
                "Confident matches (held out)",
                "Share of none questions whose first candidate is confident: " + fmt(mean(cn)) + " ± " + fmt(sd(cn))
                        + "; share of answerable questions answered right by a confident first candidate: "
                        + fmt(mean(cr)) + ".");
        List<Question> dialogues =
                questions.stream().filter(q -> q.set().equals("dialogues")).toList();
        if (!dialogues.isEmpty()) {
            List<Question> even =
                    dialogues.stream().filter(q -> parity(q.id()) == 0).toList();
            List<Question> odd =
                    dialogues.stream().filter(q -> parity(q.id()) == 1).toList();
            Floors onEven = choose(even, minScore);
            SetFigures e = figures(even, onEven, minScore).get("dialogues");
            SetFigures o = figures(odd, onEven, minScore).get("dialogues");
            report.section(
                    "Dialogues: chosen on the even-numbered ids, checked on the odd ones",
                    "Floors " + fmt(onEven.en()) + " / " + fmt(onEven.zh()) + ". Even: recall@1 " + fmt(e.recallAt1())
                            + " of " + e.answerable() + ", no-answer recall " + fmt(e.noAnswerRecall()) + " of "
                            + e.none() + ". Odd: recall@1 " + fmt(o.recallAt1()) + " of " + o.answerable()
                            + ", no-answer recall " + fmt(o.noAnswerRecall()) + " of " + o.none() + ".");
        }
        return report;
    }

    /** The parity of a dialogue id's number ({@code zh-kb-03}: 1), or -1. */
    static int parity(String id) {
        int dash = id.lastIndexOf('-');
        try {
            return Integer.parseInt(id.substring(dash + 1)) % 2;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v)
                .filter(x -> !Double.isNaN(x))
                .average()
                .orElse(Double.NaN);
    }

    private static double sd(double[] v) {
        double m = mean(v);
        double[] ok = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
        if (ok.length < 2) {
            return 0;
        }
        double s = 0;
        for (double x : ok) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (ok.length - 1));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.3f", v);
    }
}
