package dev.kefu.intents.curate;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.Checks;
import dev.kefu.core.intent.IntentClassifier;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.LanguageDetector;
import dev.kefu.core.intent.TextNormalizer;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.classify.TextClassifier;
import dev.kefu.intents.classify.TextClassifierTrainer;
import dev.kefu.intents.intent.ModelIntentClassifier;
import dev.kefu.intents.text.KefuNormalizer;
import dev.kefu.intents.text.ScriptLanguageDetector;
import dev.kefu.intents.train.TrainingDataReader;
import dev.kefu.intents.train.TrainingExample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Trainers' intents: the examples (kept in {@code examples.jsonl} of its directory, seeded from the
 * bundled ones), training jobs run on an injected executor, the comparison of each candidate with
 * the live router, and activation and rollback ({@code active.zip}, {@code previous.zip}).
 *
 * <p>The comparison is made on validation data neither model chose anything on: every example
 * whose text hashes into {@value #HELD_OUT_PERCENT}% is held out of the candidate's training (the
 * split is stable, so an example stays on its side across edits and retrainings), and out-of-scope
 * recall is measured on a fixed list of off-topic probes that are not training examples. A
 * candidate is worse when its out-of-scope recall is more than {@value #OOS_RECALL_TOLERANCE}
 * below the live model's, or its accuracy more than {@value #ACCURACY_TOLERANCE} below, the latter
 * only when the live model is one this workshop trained: the configured (or bundled) model was
 * trained on every example, held-out ones included (it scores 100% on them against 85% for a
 * candidate), so its accuracy is shown but cannot decide. With a {@link DialogueCheck}, both
 * models also replay the store's public dialogues through the whole bot (seconds), and a candidate
 * whose resolution is more than {@value #RESOLUTION_TOLERANCE} below the live model's is worse too:
 * the held-out examples measure the router alone, the dialogues what shoppers get. Thread-safe.
 */
public final class IntentWorkshop {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IntentWorkshop.class);

    /** Share of examples (by a stable hash of their text) held out as validation data. */
    public static final int HELD_OUT_PERCENT = 15;
    /** How far a candidate's accuracy may fall below the live model's before activation needs insisting. */
    public static final double ACCURACY_TOLERANCE = 0.03;
    /** How far a candidate's dialogues' resolution may fall below the live model's. */
    public static final double RESOLUTION_TOLERANCE = 0.02;
    /** How far a candidate's out-of-scope recall may fall below the live model's. */
    public static final double OOS_RECALL_TOLERANCE = 0.10;
    /** Intent names: stable codes, as routing rules and hand-off settings name them. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** Fewest examples an intent may have. */
    public static final int MIN_EXAMPLES = 3;
    /** Most examples an intent may have. */
    public static final int MAX_EXAMPLES = 500;
    /** Longest example. */
    public static final int MAX_EXAMPLE_CHARS = 300;
    /** Finished jobs kept for reading (their candidates hold a model each). */
    static final int KEPT_JOBS = 4;

    static final String EXAMPLES = "examples.jsonl";
    static final String ACTIVE = "active.zip";
    static final String PREVIOUS = "previous.zip";
    private static final String PROBES = "/dev/kefu/intents/demo/oos-probes.txt";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final LiveIntentClassifier live;
    private final Supplier<TextClassifier> baseline;
    private final Encoders encoders;
    private final Double threshold;
    private final Executor executor;
    private final Clock clock;
    private final TextClassifierTrainer.Options options;
    private final List<String> probes;
    private final DialogueCheck dialogueCheck;
    private final LanguageDetector detector = new ScriptLanguageDetector();
    private final TextNormalizer normalizer = new KefuNormalizer();
    private final AtomicLong jobNumbers = new AtomicLong();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private Map<String, List<String>> examples;
    private ModelIntentClassifier previous;
    private boolean previousIsBaseline;
    private Instant activatedAt;

    /** A job's state. */
    public enum State {
        QUEUED,
        TRAINING,
        EVALUATING,
        DONE,
        FAILED
    }

    /**
     * One model's figures on the validation data.
     *
     * @param dialoguesResolution the share of the public dialogues resolved with this model routing,
     *     or null when they were not replayed
     */
    public record Figures(double accuracy, double outOfScopeRecall, Double dialoguesResolution) {
        public Figures(double accuracy, double outOfScopeRecall) {
            this(accuracy, outOfScopeRecall, null);
        }
    }

    /**
     * Replays conversations through the whole bot with a given router in place of the live one and
     * scores them as {@code kefu-eval dialogues} does. Called on the training thread.
     */
    @FunctionalInterface
    public interface DialogueCheck {
        /** The share of the conversations whose every turn passed, routed by {@code router}, in [0, 1]. */
        double resolution(IntentClassifier router);

        /** What was replayed, for the comparison ("the public dialogues: 360 conversations"). */
        default String describe() {
            return "dialogues replayed";
        }
    }

    /**
     * @param validationExamples held-out examples both models were measured on
     * @param outOfScopeProbes off-topic probes out-of-scope recall was measured on
     * @param liveSawValidation the live model was trained on the validation examples too (its accuracy does not decide)
     * @param worse why activation needs insisting; empty when it does not
     * @param dialogues what the dialogues' resolution was measured on, or why it was not
     */
    public record Comparison(
            int validationExamples,
            int outOfScopeProbes,
            Figures candidate,
            Figures live,
            boolean liveSawValidation,
            List<String> worse,
            String dialogues) {}

    /** What a trainer sees of a job. */
    public record JobView(
            String job,
            State state,
            double progress,
            int examples,
            Instant startedAt,
            Instant finishedAt,
            String error,
            Comparison comparison) {}

    /** Why activation was refused. */
    public static final class ActivationException extends RuntimeException {
        private final boolean worse;
        private final List<String> reasons;

        ActivationException(boolean worse, String message, List<String> reasons) {
            super(message);
            this.worse = worse;
            this.reasons = List.copyOf(reasons);
        }

        /** True when the candidate is worse (the trainer may insist); false when it cannot be activated at all. */
        public boolean worse() {
            return worse;
        }

        public List<String> reasons() {
            return reasons;
        }
    }

    /** Examples that break the rules; nothing was changed. */
    public static final class InvalidExamplesException extends RuntimeException {
        private final List<String> problems;

        InvalidExamplesException(List<String> problems) {
            super(problems.size() + " problems");
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static final class Job {
        final String id;
        final int examples;
        final Instant startedAt;
        volatile State state = State.QUEUED;
        volatile double progress;
        volatile Instant finishedAt;
        volatile String error;
        volatile Comparison comparison;
        volatile ModelIntentClassifier candidate;

        Job(String id, int examples, Instant startedAt) {
            this.id = id;
            this.examples = examples;
            this.startedAt = startedAt;
        }

        JobView view() {
            return new JobView(id, state, progress, examples, startedAt, finishedAt, error, comparison);
        }
    }

    /**
     * @param dir where the examples and models are kept (created if missing)
     * @param live the router the pipeline reads
     * @param baseline the configured (or bundled) model, what a rollback past the first activation restores
     * @param seed the examples to start from when the directory has none
     * @param threshold the configured out-of-scope threshold, or null for each model's own
     * @param executor runs training jobs
     * @param dialogueCheck replays the store's dialogues with a router, or null to compare without them
     */
    public IntentWorkshop(
            Path dir,
            LiveIntentClassifier live,
            Supplier<TextClassifier> baseline,
            Encoders encoders,
            List<TrainingExample> seed,
            Double threshold,
            Executor executor,
            Clock clock,
            TextClassifierTrainer.Options options,
            DialogueCheck dialogueCheck) {
        this.dialogueCheck = dialogueCheck;
        this.dir = Checks.requireNonNull("dir", dir);
        this.live = Checks.requireNonNull("live", live);
        this.baseline = Checks.requireNonNull("baseline", baseline);
        this.encoders = encoders;
        this.threshold = threshold;
        this.executor = Checks.requireNonNull("executor", executor);
        this.clock = Checks.requireNonNull("clock", clock);
        this.options = Checks.requireNonNull("options", options);
        this.probes = loadProbes();
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(EXAMPLES);
            this.examples = group(Files.exists(file) ? new TrainingDataReader().read(file) : seed);
            this.previousIsBaseline = Files.exists(dir.resolve(ACTIVE)) && !Files.exists(dir.resolve(PREVIOUS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the intents directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The activated model file of {@code dir}, if a trainer activated one: it wins over the configured model. */
    public static Optional<Path> activeModel(Path dir) {
        Path file = dir.resolve(ACTIVE);
        return Files.exists(file) ? Optional.of(file) : Optional.empty();
    }

    /** Every intent's examples, by name. */
    public synchronized Map<String, List<String>> examples() {
        return new TreeMap<>(examples);
    }

    /** The language an example is shown under: {@code en}, or {@code zh} for Chinese and mixed text. */
    public String languageOf(String example) {
        return detector.detect(example) == Language.EN ? "en" : "zh";
    }

    /** Whether a rollback has something to restore. */
    public synchronized boolean canRollback() {
        return previous != null || Files.exists(dir.resolve(PREVIOUS)) || previousIsBaseline;
    }

    /** When a trainer last activated or rolled back, null if not since start-up. */
    public synchronized Instant activatedAt() {
        return activatedAt;
    }

    /** Whether the live model is one a trainer activated (rather than the configured one). */
    public boolean trainerModelLive() {
        return Files.exists(dir.resolve(ACTIVE));
    }

    /**
     * Replaces one intent's examples (a new name adds an intent), validated whole and saved before
     * it returns. The live model is unchanged until a candidate trained on them is activated.
     *
     * @throws InvalidExamplesException listing every problem
     */
    public synchronized List<String> replace(String name, List<String> newExamples) {
        List<String> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("name must match " + NAME.pattern() + ", was \"" + name + "\"");
        }
        List<String> cleaned = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, String> owner = new TreeMap<>();
        examples.forEach((intent, texts) -> {
            if (!intent.equals(name)) {
                texts.forEach(t -> owner.put(key(t), intent));
            }
        });
        for (int i = 0; i < newExamples.size(); i++) {
            String text = newExamples.get(i) == null ? "" : newExamples.get(i).strip();
            String where = "examples[" + i + "]: ";
            if (text.isEmpty()) {
                problems.add(where + "is blank");
            } else if (text.length() > MAX_EXAMPLE_CHARS) {
                problems.add(where + "is longer than " + MAX_EXAMPLE_CHARS + " characters");
            } else if (!seen.add(key(text))) {
                problems.add(where + "\"" + text + "\" is given twice");
            } else if (owner.containsKey(key(text))) {
                problems.add(where + "\"" + text + "\" is already an example of " + owner.get(key(text)));
            } else {
                cleaned.add(text);
            }
        }
        if (newExamples.size() < MIN_EXAMPLES) {
            problems.add("an intent needs at least " + MIN_EXAMPLES + " examples, was " + newExamples.size());
        }
        if (newExamples.size() > MAX_EXAMPLES) {
            problems.add("an intent takes at most " + MAX_EXAMPLES + " examples, was " + newExamples.size());
        }
        if (!problems.isEmpty()) {
            throw new InvalidExamplesException(problems);
        }
        Map<String, List<String>> next = new TreeMap<>(examples);
        next.put(name, List.copyOf(cleaned));
        save(next);
        examples = next;
        return examples.get(name);
    }

    /** Starts training a candidate on the current examples; returns its job id at once. */
    public synchronized String train() {
        List<TrainingExample> all = flatten(examples);
        String id = "job-" + jobNumbers.incrementAndGet();
        Job job = new Job(id, all.size(), clock.instant());
        jobs.put(id, job);
        while (jobs.size() > KEPT_JOBS) {
            jobs.remove(jobs.keySet().iterator().next());
        }
        executor.execute(() -> run(job, all));
        return id;
    }

    /** A job as it stands. */
    public synchronized Optional<JobView> job(String id) {
        Job job = jobs.get(id);
        return job == null ? Optional.empty() : Optional.of(job.view());
    }

    /**
     * Makes job {@code id}'s candidate live (saved first, then swapped in at once).
     *
     * @param insist activate even when the comparison found the candidate worse
     * @throws ActivationException when the job is unknown, unfinished, failed, or worse and not insisted on
     */
    public synchronized JobView activate(String id, boolean insist) {
        Job job = jobs.get(id);
        if (job == null || job.state != State.DONE || job.candidate == null) {
            throw new ActivationException(
                    false,
                    job == null
                            ? "No such training job: " + id
                            : "Job " + id + " has no candidate to activate (" + job.state + ")",
                    List.of());
        }
        if (!job.comparison.worse().isEmpty() && !insist) {
            throw new ActivationException(
                    true,
                    "The candidate is worse than the live model; insist to activate it anyway.",
                    job.comparison.worse());
        }
        try {
            Path tmp = dir.resolve(ACTIVE + ".tmp");
            job.candidate.model().save(tmp);
            Path active = dir.resolve(ACTIVE);
            boolean hadActive = Files.exists(active);
            if (hadActive) {
                Files.move(active, dir.resolve(PREVIOUS), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(dir.resolve(PREVIOUS));
            }
            Files.move(tmp, active, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            previousIsBaseline = !hadActive;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the activated model: " + e.getMessage(), e);
        }
        previous = live.swap(job.candidate);
        activatedAt = clock.instant();
        LOG.info("intent model of {} activated{}", id, insist ? " (insisted)" : "");
        return job.view();
    }

    /**
     * Restores the model live before the last activation (the configured one after the first).
     *
     * @throws ActivationException when there is nothing to roll back to
     */
    public synchronized void rollback() {
        if (!canRollback()) {
            throw new ActivationException(false, "There is no earlier model to roll back to.", List.of());
        }
        try {
            Path active = dir.resolve(ACTIVE);
            Path previousFile = dir.resolve(PREVIOUS);
            ModelIntentClassifier restored;
            if (Files.exists(previousFile)) {
                restored = previous != null ? previous : router(TextClassifier.load(previousFile, encoders));
                Files.move(previousFile, active, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                previousIsBaseline = false;
            } else {
                restored = previous != null ? previous : router(baseline.get());
                Files.deleteIfExists(active);
                previousIsBaseline = false;
            }
            live.swap(restored);
            previous = null;
            activatedAt = clock.instant();
            LOG.info("intent model rolled back");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot roll back the intent model: " + e.getMessage(), e);
        }
    }

    private void run(Job job, List<TrainingExample> all) {
        try {
            job.state = State.TRAINING;
            job.progress = 0.05;
            List<TrainingExample> train = new ArrayList<>();
            List<TrainingExample> heldOut = new ArrayList<>();
            for (TrainingExample example : all) {
                (heldOut(example.text()) ? heldOut : train).add(example);
            }
            TextClassifierTrainer.Split split = TextClassifierTrainer.split(train, 0.1, options.seed());
            // The trainer reports its steps, not their share of the work: each step closes a third
            // of the remaining distance to 0.8, so progress moves and never claims to be done.
            TextClassifier model = new TextClassifierTrainer(encoders, options, message -> {
                        LOG.debug("{}: {}", job.id, message);
                        job.progress = job.progress + (0.8 - job.progress) / 3;
                    })
                    .train(split)
                    .classifier();
            job.progress = 0.8;
            job.state = State.EVALUATING;
            ModelIntentClassifier candidate = router(model);
            ModelIntentClassifier current = live.current();
            boolean liveSawValidation = !trainerModelLive();
            int steps = 2 * (heldOut.size() + probes.size() + (dialogueCheck == null ? 0 : 1));
            int[] done = {0};
            Runnable step = () -> job.progress = 0.8 + 0.2 * (++done[0]) / Math.max(1, steps);
            Figures candidateFigures = figures(candidate, heldOut, step);
            Figures liveFigures = figures(current, heldOut, step);
            List<String> worse = new ArrayList<>();
            if (!liveSawValidation && candidateFigures.accuracy() < liveFigures.accuracy() - ACCURACY_TOLERANCE) {
                worse.add(String.format(
                        Locale.ROOT,
                        "accuracy %.3f against the live model's %.3f",
                        candidateFigures.accuracy(),
                        liveFigures.accuracy()));
            }
            if (candidateFigures.outOfScopeRecall() < liveFigures.outOfScopeRecall() - OOS_RECALL_TOLERANCE) {
                worse.add(String.format(
                        Locale.ROOT,
                        "out-of-scope recall %.3f against the live model's %.3f",
                        candidateFigures.outOfScopeRecall(),
                        liveFigures.outOfScopeRecall()));
            }
            Double candidateResolution = candidateFigures.dialoguesResolution();
            Double liveResolution = liveFigures.dialoguesResolution();
            if (candidateResolution != null && candidateResolution < liveResolution - RESOLUTION_TOLERANCE) {
                worse.add(String.format(
                        Locale.ROOT,
                        "dialogues' resolution %.3f against the live model's %.3f",
                        candidateResolution,
                        liveResolution));
            }
            job.comparison = new Comparison(
                    heldOut.size(),
                    probes.size(),
                    candidateFigures,
                    liveFigures,
                    liveSawValidation,
                    worse,
                    dialogueCheck == null
                            ? "not measured: this server has no dialogues to replay; run kefu-eval dialogues"
                            : dialogueCheck.describe());
            LOG.info(
                    "intent training {}: {} examples, candidate {} against live {} on {} held out, {} probes{}",
                    job.id,
                    all.size(),
                    candidateFigures,
                    liveFigures,
                    heldOut.size(),
                    probes.size(),
                    worse.isEmpty() ? "" : "; worse: " + worse);
            job.candidate = candidate;
            job.progress = 1.0;
            job.finishedAt = clock.instant();
            job.state = State.DONE;
        } catch (RuntimeException | Error e) {
            LOG.warn("intent training {} failed", job.id, e);
            job.error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            job.finishedAt = clock.instant();
            job.state = State.FAILED;
        }
    }

    private Figures figures(ModelIntentClassifier router, List<TrainingExample> heldOut, Runnable step) {
        int correct = 0;
        for (TrainingExample example : heldOut) {
            String predicted = predict(router, example.text());
            String expected =
                    example.label().equals(options.outOfScopeLabel()) ? IntentPrediction.OUT_OF_SCOPE : example.label();
            correct += predicted.equals(expected) ? 1 : 0;
            step.run();
        }
        int caught = 0;
        for (String probe : probes) {
            caught += predict(router, probe).equals(IntentPrediction.OUT_OF_SCOPE) ? 1 : 0;
            step.run();
        }
        Double resolution = null;
        if (dialogueCheck != null) {
            resolution = dialogueCheck.resolution(router);
            step.run();
        }
        return new Figures(
                heldOut.isEmpty() ? 0.0 : (double) correct / heldOut.size(),
                probes.isEmpty() ? 0.0 : (double) caught / probes.size(),
                resolution);
    }

    private String predict(ModelIntentClassifier router, String text) {
        return router.classify(normalizer.normalize(text), detector.detect(text))
                .top()
                .name();
    }

    private ModelIntentClassifier router(TextClassifier model) {
        return new ModelIntentClassifier(model, threshold);
    }

    /** Stable across runs and edits: the same text is always on the same side. */
    static boolean heldOut(String text) {
        return Math.floorMod(key(text).hashCode(), 100) < HELD_OUT_PERCENT;
    }

    private static String key(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    private void save(Map<String, List<String>> next) {
        Path file = dir.resolve(EXAMPLES);
        Path tmp = dir.resolve(EXAMPLES + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (TrainingExample example : flatten(next)) {
                    out.write(JSON.writeValueAsString(Map.of("text", example.text(), "label", example.label())));
                    out.write('\n');
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the intents' examples to " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, List<String>> group(List<TrainingExample> all) {
        Map<String, List<String>> byLabel = new TreeMap<>();
        for (TrainingExample example : all) {
            byLabel.computeIfAbsent(example.label(), k -> new ArrayList<>()).add(example.text());
        }
        byLabel.replaceAll((k, v) -> List.copyOf(v));
        return byLabel;
    }

    private static List<TrainingExample> flatten(Map<String, List<String>> byLabel) {
        List<TrainingExample> all = new ArrayList<>();
        byLabel.forEach((label, texts) -> texts.forEach(t -> all.add(new TrainingExample(t, label))));
        return all;
    }

    private static List<String> loadProbes() {
        try (var in = IntentWorkshop.class.getResourceAsStream(PROBES)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the out-of-scope probes " + PROBES + " are missing from the intents jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
