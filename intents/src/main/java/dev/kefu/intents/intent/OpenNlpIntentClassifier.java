package dev.kefu.intents.intent;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.IntentClassifier;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.IntentScore;
import dev.kefu.core.intent.Language;
import dev.kefu.intents.text.KefuNormalizer;
import dev.kefu.intents.text.Tokenizer;
import dev.kefu.intents.train.TrainingExample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerEventStream;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.EventTrainer;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.maxent.GISTrainer;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.monitoring.StopCriteria;
import opennlp.tools.monitoring.TrainingMeasure;
import opennlp.tools.monitoring.TrainingProgressMonitor;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingConfiguration;
import opennlp.tools.util.TrainingParameters;

/**
 * The intent router: an OpenNLP maximum-entropy document categorizer (GIS with a Gaussian prior)
 * over a bag of {@link Tokenizer} features.
 *
 * <p>A message is out of scope when the model's best label is the out-of-scope class (learned
 * from examples labelled {@code oos}, or another configured label) or when the best in-scope
 * intent's probability is below the threshold. Both are needed: the class catches fluent
 * off-topic questions that resemble the {@code oos} examples, the threshold catches text the
 * model has never seen anything like (its probabilities then stay near uniform).
 *
 * <p>An out-of-scope prediction is named {@link IntentPrediction#OUT_OF_SCOPE}; its confidence is
 * the out-of-scope class's probability when that class won, otherwise {@code 1 - p(best
 * intent)}; its runners-up are the best in-scope intents. An in-scope prediction has the next
 * {@link #RUNNERS_UP} in-scope intents as runners-up. The out-of-scope class never appears as a
 * runner-up.
 *
 * <p>Training is deterministic: fixed GIS parameters, one thread, examples in input order; the
 * same data gives the same model. Thread-safe: the {@link DoccatModel} is immutable and shared;
 * the non-thread-safe {@link DocumentCategorizerME} is created per call, which only wraps the
 * model (no copy), so it costs less than managing a {@code ThreadLocal} in pooled threads.
 * Classification never fails for any text; a broken model throws.
 */
public final class OpenNlpIntentClassifier implements IntentClassifier {
    /** The label of out-of-scope training examples unless another is configured. */
    public static final String DEFAULT_OUT_OF_SCOPE_LABEL = "oos";

    /** How many runners-up a prediction carries. */
    public static final int RUNNERS_UP = 3;

    /** GIS iterations; converged on the demo data (about 0.3 s). */
    public static final int ITERATIONS = 300;

    /**
     * Sigma of GIS's Gaussian prior. Smoothing was worth 7 points of held-out accuracy on the demo
     * data (0.72 to 0.80, mean of three seeded 80/20 splits); sigma 1 and 5 were both worse.
     */
    public static final double GAUSSIAN_SIGMA = 2.0;

    /** Features seen fewer times than this are dropped; 1 keeps all (the demo data is small). */
    public static final int CUTOFF = 1;

    private static final String MODEL_LANGUAGE = "und";

    private final DoccatModel model;
    private final double outOfScopeThreshold;
    private final String outOfScopeLabel;
    private final Tokenizer tokenizer = new Tokenizer();

    /**
     * Wraps a trained model, e.g. one loaded from disk that was trained by {@link #train}.
     *
     * @param outOfScopeThreshold in [0, 1]: below this best-intent probability a message is out of
     *     scope (0 disables the threshold)
     * @param outOfScopeLabel the model's out-of-scope class; it need not exist in the model
     */
    public OpenNlpIntentClassifier(DoccatModel model, double outOfScopeThreshold, String outOfScopeLabel) {
        this.model = Checks.requireNonNull("model", model);
        this.outOfScopeThreshold = Checks.requireUnit("outOfScopeThreshold", outOfScopeThreshold);
        this.outOfScopeLabel = Checks.requireText("outOfScopeLabel", outOfScopeLabel);
        if (model.getMaxentModel().getNumOutcomes() < 2) {
            throw new IllegalArgumentException("model must have at least 2 labels, had "
                    + model.getMaxentModel().getNumOutcomes());
        }
    }

    /** Trains on the examples with the default out-of-scope label {@code oos}. */
    public static OpenNlpIntentClassifier train(List<TrainingExample> examples, double outOfScopeThreshold) {
        return train(examples, outOfScopeThreshold, DEFAULT_OUT_OF_SCOPE_LABEL);
    }

    /**
     * Trains a model on the examples.
     *
     * @param examples at least two distinct labels
     * @param outOfScopeThreshold in [0, 1]
     * @param outOfScopeLabel the label of the out-of-scope examples
     */
    public static OpenNlpIntentClassifier train(
            List<TrainingExample> examples, double outOfScopeThreshold, String outOfScopeLabel) {
        Checks.copyOf("examples", examples);
        Checks.requireUnit("outOfScopeThreshold", outOfScopeThreshold);
        Checks.requireText("outOfScopeLabel", outOfScopeLabel);
        Set<String> labels = new TreeSet<>();
        examples.forEach(e -> labels.add(e.label()));
        if (labels.size() < 2) {
            throw new IllegalArgumentException("training needs at least 2 labels, had " + labels);
        }
        return new OpenNlpIntentClassifier(trainModel(examples), outOfScopeThreshold, outOfScopeLabel);
    }

    private static DoccatModel trainModel(List<TrainingExample> examples) {
        KefuNormalizer normalizer = new KefuNormalizer();
        Tokenizer tokenizer = new Tokenizer();
        List<DocumentSample> samples = new ArrayList<>(examples.size());
        for (TrainingExample example : examples) {
            String[] tokens =
                    tokenizer.tokenize(normalizer.normalize(example.text())).toArray(String[]::new);
            samples.add(new DocumentSample(example.label(), tokens));
        }
        TrainingParameters parameters = new TrainingParameters();
        parameters.put(TrainingParameters.ALGORITHM_PARAM, GISTrainer.MAXENT_VALUE);
        parameters.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
        parameters.put(TrainingParameters.CUTOFF_PARAM, CUTOFF);
        parameters.put(TrainingParameters.THREADS_PARAM, 1);
        parameters.put("GaussianSmoothing", true);
        parameters.put("GaussianSmoothingSigma", GAUSSIAN_SIGMA);
        try {
            // Bag of words only: adding token bigrams (NGramFeatureGenerator) cost 4 points of
            // held-out accuracy; the tokenizer's Han bigrams already carry the word order that matters.
            FeatureGenerator[] features = {new BagOfWordsFeatureGenerator()};
            DoccatFactory factory = new DoccatFactory(features);
            HashMap<String, String> manifest = new HashMap<>();
            // The default progress monitor logs every iteration at INFO; training is silent instead.
            EventTrainer trainer = TrainerFactory.getEventTrainer(
                    parameters, manifest, new TrainingConfiguration(new SilentProgressMonitor(), null));
            MaxentModel maxent = trainer.train(new DocumentCategorizerEventStream(
                    ObjectStreamUtils.createObjectStream(samples), factory.getFeatureGenerators()));
            return new DoccatModel(MODEL_LANGUAGE, maxent, manifest, factory);
        } catch (IOException e) {
            throw new UncheckedIOException("intent model training failed", e);
        }
    }

    @Override
    public IntentPrediction classify(String normalizedText, Language language) {
        Checks.requireNonNull("normalizedText", normalizedText);
        String[] tokens = tokenizer.tokenize(normalizedText).toArray(String[]::new);
        DocumentCategorizerME categorizer = new DocumentCategorizerME(model);
        double[] probabilities = categorizer.categorize(tokens);
        List<IntentScore> ranked = new ArrayList<>(probabilities.length);
        double outOfScopeProbability = 0.0;
        for (int i = 0; i < probabilities.length; i++) {
            String label = categorizer.getCategory(i);
            double p = Math.max(0.0, Math.min(1.0, probabilities[i]));
            if (label.equals(outOfScopeLabel)) {
                outOfScopeProbability = p;
            } else {
                ranked.add(new IntentScore(label, p));
            }
        }
        ranked.sort(
                Comparator.comparingDouble(IntentScore::confidence).reversed().thenComparing(IntentScore::name));
        IntentScore best = ranked.get(0);
        if (outOfScopeProbability > best.confidence()) {
            return new IntentPrediction(
                    new IntentScore(IntentPrediction.OUT_OF_SCOPE, outOfScopeProbability), topOf(ranked, 0));
        }
        if (best.confidence() < outOfScopeThreshold) {
            return new IntentPrediction(
                    new IntentScore(IntentPrediction.OUT_OF_SCOPE, 1.0 - best.confidence()), topOf(ranked, 0));
        }
        return new IntentPrediction(best, topOf(ranked, 1));
    }

    /** The in-scope labels this classifier can predict, sorted. */
    public Set<String> intents() {
        Set<String> intents = new TreeSet<>();
        MaxentModel maxent = model.getMaxentModel();
        for (int i = 0; i < maxent.getNumOutcomes(); i++) {
            if (!maxent.getOutcome(i).equals(outOfScopeLabel)) {
                intents.add(maxent.getOutcome(i));
            }
        }
        return intents;
    }

    public double outOfScopeThreshold() {
        return outOfScopeThreshold;
    }

    /** The trained model, e.g. to serialise it. */
    public DoccatModel model() {
        return model;
    }

    private static List<IntentScore> topOf(List<IntentScore> ranked, int from) {
        return List.copyOf(ranked.subList(from, Math.min(ranked.size(), from + RUNNERS_UP)));
    }

    /** Drops OpenNLP's per-iteration progress messages. */
    private static final class SilentProgressMonitor implements TrainingProgressMonitor {
        private volatile boolean finished;

        @Override
        public void finishedIteration(
                int iteration, int numberCorrectEvents, int totalEvents, TrainingMeasure measure, double value) {}

        @Override
        public void finishedTraining(int iterations, StopCriteria<?> stopCriteria) {
            finished = true;
        }

        @Override
        public boolean isTrainingFinished() {
            return finished;
        }

        @Override
        public void display(boolean clear) {}
    }
}
