package dev.kefu.intents.classify;

import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.LanguageDetector;
import dev.kefu.core.intent.TextNormalizer;
import dev.kefu.intents.text.KefuNormalizer;
import dev.kefu.intents.text.ScriptLanguageDetector;
import dev.kefu.intents.train.TrainingExample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Trains a {@link TextClassifier} in four steps, each decided on validation data, never on test
 * data:
 *
 * <ol>
 *   <li>fit the lexical head and one embedding head per language present in the training data;
 *   <li>choose the weight between them that maximises validation accuracy;
 *   <li>fit a temperature that minimises validation log-loss, so confidences mean what they say;
 *   <li>choose the out-of-scope threshold: the highest in-scope accuracy at which out-of-scope
 *       recall still reaches the target (the operating point is a decision, not an accident).
 * </ol>
 *
 * <p>Then, optionally, the heads are refitted on training plus validation data with the same
 * settings. Deterministic for a given seed. Not thread-safe; use one trainer per run.
 */
public final class TextClassifierTrainer {
    private final Encoders encoders;
    private final Options options;
    private final Consumer<String> log;
    private final LanguageDetector detector = new ScriptLanguageDetector();
    private final TextNormalizer normalizer = new KefuNormalizer();
    private final Map<String, Map<String, float[]>> embeddingCache = new HashMap<>();
    private final Map<String, Integer> headEpochs = new HashMap<>();

    /**
     * @param seed shuffling and splitting seed
     * @param outOfScopeLabel the label of out-of-scope examples (if the data has any)
     * @param targetOutOfScopeRecall out-of-scope recall the threshold must reach on validation data
     * @param useEmbeddings false trains the lexical head alone (fast, for tests and tiny data)
     * @param refitOnValidation refit the heads on training plus validation data at the end
     * @param epochs the most epochs of an embedding head (validation data stops it earlier)
     * @param embeddingHidden hidden units of the embedding heads, 0 for logistic regression
     */
    public record Options(
            long seed,
            String outOfScopeLabel,
            double targetOutOfScopeRecall,
            boolean useEmbeddings,
            boolean refitOnValidation,
            double lexicalL2,
            int lexicalIterations,
            int epochs,
            double embeddingL2,
            double learningRate,
            int embeddingHidden) {
        public Options {
            if (!(targetOutOfScopeRecall >= 0 && targetOutOfScopeRecall <= 1)) {
                throw new IllegalArgumentException(
                        "targetOutOfScopeRecall must be in [0, 1], was " + targetOutOfScopeRecall);
            }
            if (lexicalIterations < 1
                    || epochs < 1
                    || !(lexicalL2 >= 0)
                    || !(embeddingL2 >= 0)
                    || !(learningRate > 0)
                    || embeddingHidden < 0) {
                throw new IllegalArgumentException("invalid training settings");
            }
        }

        public static Options defaults() {
            return new Options(42L, "oos", 0.75, true, true, 1.0, 15, 20, 1e-4, 2e-3, 256);
        }

        public Options withSeed(long value) {
            return with(value, outOfScopeLabel, useEmbeddings, refitOnValidation);
        }

        public Options withUseEmbeddings(boolean value) {
            return with(seed, outOfScopeLabel, value, refitOnValidation);
        }

        public Options withOutOfScopeLabel(String value) {
            return with(seed, value, useEmbeddings, refitOnValidation);
        }

        public Options withRefitOnValidation(boolean value) {
            return with(seed, outOfScopeLabel, useEmbeddings, value);
        }

        /** These options with the settings the withers change replaced; the learning settings stay. */
        private Options with(long seed, String outOfScopeLabel, boolean useEmbeddings, boolean refitOnValidation) {
            return new Options(
                    seed,
                    outOfScopeLabel,
                    targetOutOfScopeRecall,
                    useEmbeddings,
                    refitOnValidation,
                    lexicalL2,
                    lexicalIterations,
                    epochs,
                    embeddingL2,
                    learningRate,
                    embeddingHidden);
        }
    }

    /** What training decided on validation data, for reports. */
    public record Decisions(
            double embeddingWeight,
            double temperature,
            double outOfScopeThreshold,
            double validationAccuracy,
            double validationInScopeAccuracy,
            double validationOutOfScopeRecall,
            List<String> encoders,
            Map<String, Integer> headEpochs) {}

    /** A trained model and the decisions behind it. */
    public record Trained(TextClassifier classifier, Decisions decisions) {}

    public TextClassifierTrainer(Encoders encoders, Options options, Consumer<String> log) {
        this.encoders = encoders;
        this.options = options;
        this.log = log;
    }

    /**
     * Training data split for training: the examples heads are fitted on, the validation examples
     * every decision is made on, and examples withheld from both during the decisions (phrases of
     * validation sentences, see {@link #split}). A refit uses all three.
     */
    public record Split(List<TrainingExample> train, List<TrainingExample> validation, List<TrainingExample> withheld) {
        public Split {
            train = List.copyOf(train);
            validation = List.copyOf(validation);
            withheld = List.copyOf(withheld);
        }

        /** Given training and validation data: nothing withheld. */
        public static Split of(List<TrainingExample> train, List<TrainingExample> validation) {
            return new Split(train, validation, List.of());
        }
    }

    /** Share of examples that must be phrases of other examples for a split to treat the data as phrase-level. */
    static final double PHRASE_LEVEL_SHARE = 0.2;

    /**
     * Carves a validation share out of training data, stratified by label, seeded.
     *
     * <p>Validation must look like what the model will classify. When the data is phrase-level
     * (at least {@value #PHRASE_LEVEL_SHARE} of the examples are word spans of longer examples, as
     * in SST-2, whose 67,000 examples are the phrases of 6,900 parsed sentences), the validation
     * share is drawn from whole examples only, and every phrase of a validation example is withheld
     * from training: otherwise validation would measure phrases, or sentences whose parts were
     * trained on, and choose the weights, epochs and temperature for the wrong task. On ordinary
     * data nothing is withheld.
     */
    public static Split split(List<TrainingExample> examples, double validationShare, long seed) {
        Map<String, List<Integer>> containedIn = phrases(examples);
        int phraseCount = (int) examples.stream()
                .filter(e -> containedIn.containsKey(spaced(e.text())))
                .count();
        boolean phraseLevel = phraseCount >= PHRASE_LEVEL_SHARE * examples.size();
        Map<String, List<TrainingExample>> byLabel = new TreeMap<>();
        for (TrainingExample example : examples) {
            if (!phraseLevel || !containedIn.containsKey(spaced(example.text()))) {
                byLabel.computeIfAbsent(example.label(), k -> new ArrayList<>()).add(example);
            }
        }
        Random random = new Random(seed);
        java.util.Set<TrainingExample> validation = new java.util.LinkedHashSet<>();
        for (List<TrainingExample> group : byLabel.values()) {
            List<TrainingExample> shuffled = new ArrayList<>(group);
            java.util.Collections.shuffle(shuffled, random);
            int held = group.size() < 2
                    ? 0
                    : Math.min(group.size() - 1, Math.max(1, (int) Math.round(group.size() * validationShare)));
            validation.addAll(shuffled.subList(0, held));
        }
        java.util.Set<String> heldTexts = new java.util.HashSet<>();
        for (TrainingExample example : validation) {
            heldTexts.add(spaced(example.text()));
        }
        List<TrainingExample> train = new ArrayList<>();
        List<TrainingExample> withheld = new ArrayList<>();
        for (TrainingExample example : examples) {
            if (validation.contains(example)) {
                continue;
            }
            boolean phraseOfHeld = phraseLevel
                    && containedIn.getOrDefault(spaced(example.text()), List.of()).stream()
                            .anyMatch(i ->
                                    heldTexts.contains(spaced(examples.get(i).text())));
            (phraseOfHeld ? withheld : train).add(example);
        }
        return new Split(train, List.copyOf(validation), withheld);
    }

    /** For each example text that is a word span of a longer example: the indices of the longer ones. */
    private static Map<String, List<Integer>> phrases(List<TrainingExample> examples) {
        java.util.Set<String> texts = new java.util.HashSet<>();
        for (TrainingExample example : examples) {
            texts.add(spaced(example.text()));
        }
        Map<String, List<Integer>> containedIn = new HashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            String[] words = spaced(examples.get(i).text()).split(" ");
            if (words.length > 64) {
                continue; // long texts are reviews, not parse trees: spans would cost n^2
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int from = 0; from < words.length; from++) {
                StringBuilder span = new StringBuilder();
                for (int to = from; to < words.length; to++) {
                    if (to > from) {
                        span.append(' ');
                    }
                    span.append(words[to]);
                    if (to - from + 1 < words.length && seen.add(span.toString()) && texts.contains(span.toString())) {
                        containedIn
                                .computeIfAbsent(span.toString(), k -> new ArrayList<>())
                                .add(i);
                    }
                }
            }
        }
        return containedIn;
    }

    private static String spaced(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /** Trains on given training and validation data (nothing withheld). */
    public Trained train(List<TrainingExample> trainExamples, List<TrainingExample> validationExamples) {
        return train(Split.of(trainExamples, validationExamples));
    }

    public Trained train(Split split) {
        headEpochs.clear();
        List<TrainingExample> trainExamples = split.train();
        List<TrainingExample> validationExamples = split.validation();
        List<String> labels = List.copyOf(
                new TreeSet<>(trainExamples.stream().map(TrainingExample::label).toList()));
        if (labels.size() < 2) {
            throw new IllegalArgumentException("training needs at least 2 labels, had " + labels);
        }
        String oos = labels.contains(options.outOfScopeLabel()) ? options.outOfScopeLabel() : null;
        Data train = data(trainExamples);
        Data validation = data(validationExamples);
        List<String> encoderNames = options.useEmbeddings() ? encodersFor(train) : List.of();

        log.accept("training lexical head on " + train.size() + " examples, " + labels.size() + " labels");
        LexicalHead lexical = trainLexical(train, labels);
        Map<String, DenseHead> heads = trainEmbeddingHeads(train, labels, encoderNames, validation);
        TextClassifier draft = new TextClassifier(labels, lexical, heads, 0.5, 1.0, oos, 0.0, encoders);

        for (String name : heads.keySet()) {
            List<String> texts = new ArrayList<>(); // embedded in one parallel batch, before the per-text loop
            for (int i = 0; i < validation.size(); i++) {
                if (TextClassifier.headsFor(validation.languages.get(i), heads.keySet())
                        .contains(name)) {
                    texts.add(validation.texts.get(i));
                }
            }
            embed(name, texts);
        }
        double[][] lexicalLog = new double[validation.size()][];
        boolean[] noEvidence = new boolean[validation.size()];
        double[][] embeddingLog = new double[validation.size()][];
        for (int i = 0; i < validation.size(); i++) {
            lexicalLog[i] = draft.lexicalLog(validation.texts.get(i));
            noEvidence[i] = draft.knownWords(validation.texts.get(i)) == 0;
            embeddingLog[i] = heads.isEmpty() ? null : embeddingLogCached(heads, validation, i);
        }
        int[] gold = new int[validation.size()];
        for (int i = 0; i < gold.length; i++) {
            gold[i] = labels.indexOf(validation.labels.get(i));
        }
        double weight = heads.isEmpty() ? 0.0 : chooseWeight(lexicalLog, embeddingLog, gold);
        double[][] scores = new double[validation.size()][];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = TextClassifier.combine(lexicalLog[i], embeddingLog[i], weight);
        }
        double temperature = chooseTemperature(scores, gold);
        int oosIndex = oos == null ? -1 : labels.indexOf(oos);
        Threshold threshold = chooseThreshold(scores, gold, temperature, oosIndex, noEvidence, validation);
        log.accept(String.format(
                java.util.Locale.ROOT,
                "validation: weight %.2f, temperature %.3f, threshold %.3f, accuracy %.4f, in-scope %.4f, oos recall %.4f",
                weight,
                temperature,
                threshold.value,
                threshold.accuracy,
                threshold.inScopeAccuracy,
                threshold.oosRecall));

        if (options.refitOnValidation() && validation.size() > 0) {
            Data all = train.plus(data(split.withheld()).withLabelsIn(labels)).plus(validation.withLabelsIn(labels));
            log.accept("refitting on training plus validation data (" + all.size() + " examples)");
            lexical = trainLexical(all, labels);
            heads = trainEmbeddingHeads(all, labels, encoderNames, null);
        }
        TextClassifier classifier =
                new TextClassifier(labels, lexical, heads, weight, temperature, oos, threshold.value, encoders);
        return new Trained(
                classifier,
                new Decisions(
                        weight,
                        temperature,
                        threshold.value,
                        threshold.accuracy,
                        threshold.inScopeAccuracy,
                        threshold.oosRecall,
                        encoderNames,
                        Map.copyOf(headEpochs)));
    }

    private LexicalHead trainLexical(Data data, List<String> labels) {
        return LexicalHead.train(
                data.texts,
                data.labels,
                labels,
                new LexicalHead.Settings(
                        options.lexicalL2(), options.lexicalIterations(), cutoff(data.size()), 0.1, options.seed()));
    }

    /**
     * Features must occur this often to be kept: every feature on small data, fewer on large data
     * (one per 25,000 examples), which keeps a model trained on 100,000 reviews to a few megabytes
     * without measurable loss.
     */
    static int cutoff(int examples) {
        return Math.max(1, examples / 25_000);
    }

    /**
     * One head per encoder, each trained on the texts it will see at prediction time: the English
     * encoder's head on English and mixed texts, the Chinese encoder's on Chinese and mixed ones.
     * With validation data, each head's number of epochs is chosen on it and remembered, so that a
     * refit (without validation data) trains for the same number.
     */
    private Map<String, DenseHead> trainEmbeddingHeads(
            Data data, List<String> labels, List<String> encoderNames, Data validation) {
        Map<String, DenseHead> heads = new LinkedHashMap<>();
        for (String name : encoderNames) {
            Data own = data.routedTo(name, encoderNames);
            float[][] x = embed(name, own.texts);
            int[] y = own.labels.stream().mapToInt(labels::indexOf).toArray();
            DenseHead.Settings settings = new DenseHead.Settings(
                    options.embeddingHidden(),
                    headEpochs.getOrDefault(name, options.epochs()),
                    32,
                    options.learningRate(),
                    options.embeddingL2(),
                    options.seed());
            Data held = validation == null ? null : validation.routedTo(name, encoderNames);
            if (held == null || held.size() == 0) {
                log.accept("training " + name + " head on " + own.size() + " texts, " + settings.epochs() + " epochs");
                heads.put(name, DenseHead.train(x, y, labels.size(), settings));
            } else {
                DenseHead.Fit fit = DenseHead.train(
                        x,
                        y,
                        labels.size(),
                        settings,
                        embed(name, held.texts),
                        held.labels.stream().mapToInt(labels::indexOf).toArray());
                log.accept("trained " + name + " head on " + own.size() + " texts: " + fit.epochs()
                        + " epochs chosen on validation data");
                headEpochs.put(name, fit.epochs());
                heads.put(name, fit.head());
            }
        }
        return heads;
    }

    private double[] embeddingLogCached(Map<String, DenseHead> heads, Data data, int i) {
        List<String> names = TextClassifier.headsFor(data.languages.get(i), heads.keySet());
        double[] sum = null;
        for (String name : names) {
            double[] log = heads.get(name).logProbabilities(embed(name, List.of(data.texts.get(i)))[0]);
            if (sum == null) {
                sum = new double[log.length];
            }
            for (int k = 0; k < log.length; k++) {
                sum[k] += log[k] / names.size();
            }
        }
        return sum;
    }

    /** Embeddings of the texts, each computed once per run. */
    private float[][] embed(String encoder, List<String> texts) {
        Map<String, float[]> cache = embeddingCache.computeIfAbsent(encoder, k -> new HashMap<>());
        List<String> missing = new ArrayList<>(new java.util.LinkedHashSet<>(
                texts.stream().filter(t -> !cache.containsKey(t)).toList()));
        if (!missing.isEmpty()) {
            long start = System.nanoTime();
            int chunk = 2048;
            for (int from = 0; from < missing.size(); from += chunk) {
                List<String> part = missing.subList(from, Math.min(missing.size(), from + chunk));
                float[][] vectors = encoders.byName(encoder).encodeAll(part);
                for (int i = 0; i < vectors.length; i++) {
                    cache.put(part.get(i), vectors[i]);
                }
                if (missing.size() > chunk) {
                    log.accept(String.format(
                            java.util.Locale.ROOT,
                            "embedding with %s: %d/%d (%.0f%%)",
                            encoder,
                            from + part.size(),
                            missing.size(),
                            100.0 * (from + part.size()) / missing.size()));
                }
            }
            if (missing.size() > 100) {
                log.accept(String.format(
                        java.util.Locale.ROOT,
                        "embedded %d texts with %s in %.1f s",
                        missing.size(),
                        encoder,
                        (System.nanoTime() - start) / 1e9));
            }
        }
        float[][] result = new float[texts.size()][];
        for (int i = 0; i < result.length; i++) {
            result[i] = cache.get(texts.get(i));
        }
        return result;
    }

    /** Encoders for the languages that make up at least 5% of the training texts. */
    private List<String> encodersFor(Data train) {
        int english = 0;
        int chinese = 0;
        for (Language language : train.languages) {
            english += language == Language.EN || language == Language.MIXED ? 1 : 0;
            chinese += language == Language.ZH || language == Language.MIXED ? 1 : 0;
        }
        List<String> names = new ArrayList<>();
        if (english >= 0.05 * train.size()) {
            names.add(Encoders.ENGLISH);
        }
        if (chinese >= 0.05 * train.size()) {
            names.add(Encoders.CHINESE);
        }
        return names;
    }

    private static double chooseWeight(double[][] lexicalLog, double[][] embeddingLog, int[] gold) {
        double bestWeight = 0.5;
        double bestAccuracy = -1;
        double bestLoss = Double.MAX_VALUE;
        for (int step = 0; step <= 20; step++) {
            double weight = step / 20.0;
            int correct = 0;
            double loss = 0;
            for (int i = 0; i < gold.length; i++) {
                double[] p =
                        TextClassifier.softmax(TextClassifier.combine(lexicalLog[i], embeddingLog[i], weight), 1.0);
                int top = argmax(p);
                correct += top == gold[i] ? 1 : 0;
                loss -= gold[i] < 0 ? 0 : Math.log(Math.max(p[gold[i]], 1e-12));
            }
            double accuracy = (double) correct / Math.max(1, gold.length);
            if (accuracy > bestAccuracy + 1e-12 || (Math.abs(accuracy - bestAccuracy) <= 1e-12 && loss < bestLoss)) {
                bestAccuracy = accuracy;
                bestLoss = loss;
                bestWeight = weight;
            }
        }
        return bestWeight;
    }

    private static double chooseTemperature(double[][] scores, int[] gold) {
        if (java.util.Arrays.stream(gold).noneMatch(g -> g >= 0)) {
            return 1.0; // no validation example with a known label: nothing to fit
        }
        double best = 1.0;
        double bestLoss = Double.MAX_VALUE;
        for (int step = 0; step <= 80; step++) {
            double temperature = Math.exp(Math.log(0.05) + step * (Math.log(10.0) - Math.log(0.05)) / 80);
            double loss = 0;
            for (int i = 0; i < gold.length; i++) {
                if (gold[i] >= 0) {
                    loss -= Math.log(Math.max(TextClassifier.softmax(scores[i], temperature)[gold[i]], 1e-12));
                }
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = temperature;
            }
        }
        return best;
    }

    private record Threshold(double value, double accuracy, double inScopeAccuracy, double oosRecall) {}

    private Threshold chooseThreshold(
            double[][] scores, int[] gold, double temperature, int oosIndex, boolean[] noEvidence, Data validation) {
        int n = gold.length;
        int[] top = new int[n];
        double[] confidence = new double[n];
        boolean[] isOos = new boolean[n];
        int oosCount = 0;
        for (int i = 0; i < n; i++) {
            double[] p = TextClassifier.softmax(scores[i], temperature);
            top[i] = argmax(p);
            confidence[i] = p[top[i]];
            isOos[i] = validation.labels.get(i).equals(options.outOfScopeLabel());
            oosCount += isOos[i] ? 1 : 0;
        }
        TreeSet<Double> candidates = new TreeSet<>();
        candidates.add(0.0);
        if (oosCount > 0) {
            for (double c : confidence) {
                candidates.add(c + 1e-9);
            }
        }
        Threshold best = null;
        Threshold fallback = null;
        for (double theta : candidates) {
            int correct = 0;
            int inScope = 0;
            int inScopeCorrect = 0;
            int oosCaught = 0;
            for (int i = 0; i < n; i++) {
                boolean predictedOos = top[i] == oosIndex || confidence[i] < theta || noEvidence[i];
                if (isOos[i]) {
                    oosCaught += predictedOos ? 1 : 0;
                    correct += predictedOos ? 1 : 0;
                } else {
                    inScope++;
                    boolean right = !predictedOos && top[i] == gold[i];
                    inScopeCorrect += right ? 1 : 0;
                    correct += right ? 1 : 0;
                }
            }
            Threshold t = new Threshold(
                    theta,
                    (double) correct / Math.max(1, n),
                    (double) inScopeCorrect / Math.max(1, inScope),
                    oosCount == 0 ? Double.NaN : (double) oosCaught / oosCount);
            if (oosCount == 0) {
                return t;
            }
            if (t.oosRecall >= options.targetOutOfScopeRecall()
                    && (best == null || t.inScopeAccuracy > best.inScopeAccuracy)) {
                best = t;
            }
            if (fallback == null || t.inScopeAccuracy + t.oosRecall > fallback.inScopeAccuracy + fallback.oosRecall) {
                fallback = t;
            }
        }
        return best != null ? best : fallback;
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private Data data(List<TrainingExample> examples) {
        List<String> texts = new ArrayList<>(examples.size());
        List<String> labels = new ArrayList<>(examples.size());
        List<Language> languages = new ArrayList<>(examples.size());
        for (TrainingExample example : examples) {
            String normalized = normalizer.normalize(example.text());
            texts.add(normalized);
            labels.add(example.label());
            languages.add(detector.detect(normalized));
        }
        return new Data(texts, labels, languages);
    }

    private record Data(List<String> texts, List<String> labels, List<Language> languages) {
        int size() {
            return texts.size();
        }

        /** The examples whose label is one of these (validation may hold labels training lacks). */
        Data withLabelsIn(List<String> known) {
            List<String> t = new ArrayList<>();
            List<String> l = new ArrayList<>();
            List<Language> g = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                if (known.contains(labels.get(i))) {
                    t.add(texts.get(i));
                    l.add(labels.get(i));
                    g.add(languages.get(i));
                }
            }
            return new Data(t, l, g);
        }

        /** The examples whose language sends them to this encoder's head. */
        Data routedTo(String encoder, List<String> encoderNames) {
            List<String> t = new ArrayList<>();
            List<String> l = new ArrayList<>();
            List<Language> g = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                if (TextClassifier.headsFor(languages.get(i), encoderNames).contains(encoder)) {
                    t.add(texts.get(i));
                    l.add(labels.get(i));
                    g.add(languages.get(i));
                }
            }
            return new Data(t, l, g);
        }

        Data plus(Data other) {
            List<String> t = new ArrayList<>(texts);
            t.addAll(other.texts);
            List<String> l = new ArrayList<>(labels);
            l.addAll(other.labels);
            List<Language> g = new ArrayList<>(languages);
            g.addAll(other.languages);
            return new Data(t, l, g);
        }
    }
}
