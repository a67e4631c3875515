package dev.kefu.eval.run;

import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.SentimentConfig;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.eval.metrics.Classification;
import dev.kefu.eval.metrics.Latencies;
import dev.kefu.eval.report.Report;
import dev.kefu.intents.Nlu;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.classify.TextClassifierTrainer;
import dev.kefu.intents.sentiment.ModelSentimentAnalyzer;
import dev.kefu.intents.sentiment.SentimentLexicon;
import dev.kefu.intents.text.KefuNormalizer;
import dev.kefu.intents.text.ScriptLanguageDetector;
import dev.kefu.intents.train.TrainingExample;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code kefu-eval sentiment --train F --test F [--val F] --out R}: trains the sentiment model as
 * {@code train} does and measures it on the test file. When the test labels are only {@code
 * negative} and {@code positive}, the label is the sign of the model's polarity (a neutral score
 * counts as its sign); otherwise the server analyzer's own label (with the lexicon) is used.
 * Latency is the whole analyzer's, as the server runs it.
 */
@Command(
        name = "sentiment",
        mixinStandardHelpOptions = true,
        description = "Trains the sentiment model and measures it on a test file.")
public final class SentimentCommand implements Callable<Integer> {
    @Mixin
    TrainTestOptions files;

    @Override
    public Integer call() throws Exception {
        List<TrainingExample> test = files.test();
        TextClassifierTrainer.Split data = files.trainAndValidation();
        Set<String> testLabels =
                new TreeSet<>(test.stream().map(TrainingExample::label).toList());
        boolean binary = Set.of("negative", "positive").containsAll(testLabels);
        SentimentConfig config = ConfigLoader.defaults().sentiment();

        try (Encoders encoders = Encoders.forThisMachine()) {
            TrainTestOptions.Timed timed = files.train(encoders, Datasets.options(files.seed, "oos", true), data);
            TextClassifierTrainer.Trained trained = timed.trained();
            ModelSentimentAnalyzer analyzer = new ModelSentimentAnalyzer(
                    trained.classifier(),
                    SentimentLexicon.loadResource(Nlu.class, Nlu.DEMO_LEXICON),
                    config.neutralBand(),
                    config.uncuedWeight(),
                    config.lexiconWeight());
            KefuNormalizer normalizer = new KefuNormalizer();
            ScriptLanguageDetector detector = new ScriptLanguageDetector();

            Classification metrics = new Classification();
            Latencies latencies = new Latencies();
            // Warm up (JIT, ONNX Runtime) on validation texts, as a server is warm when it serves.
            for (TrainingExample example : TrainTestOptions.warmUp(data.validation())) {
                analyzer.analyze(normalizer.normalize(example.text()), detector.detect(example.text()));
            }
            try (Progress progress = new Progress("sentiment", test.size())) {
                for (TrainingExample example : test) {
                    long t0 = System.nanoTime();
                    String text = normalizer.normalize(example.text());
                    Sentiment sentiment = analyzer.analyze(text, detector.detect(text));
                    latencies.add(System.nanoTime() - t0);
                    // Binary test data: the sign of the model's polarity (the analyzer's score also
                    // blends in the lexicon and damps messages without cues, for service use).
                    String predicted = binary
                            ? (analyzer.polarity(text) < 0 ? "negative" : "positive")
                            : sentiment.label().code();
                    metrics.add(example.label(), predicted, Math.abs(sentiment.score()));
                    progress.step();
                }
            }
            Report report = new Report("Sentiment: " + files.testFile.getFileName())
                    .put("accuracy", metrics.accuracy())
                    .put("macro_f1", metrics.macroF1())
                    .put("negative_precision", metrics.precision("negative"))
                    .put("negative_recall", metrics.recall("negative"));
            TrainTestOptions.putRun(report, test.size(), latencies, data, timed)
                    .put("val_accuracy", trained.decisions().validationAccuracy())
                    .section("Per label", metrics.perLabelTable())
                    .section("Most frequent confusions", metrics.confusionTable(10))
                    .section("Score magnitude histogram", metrics.confidenceHistogram());
            files.write(report, "accuracy %.4f, macro F1 %.4f", metrics.accuracy(), metrics.macroF1());
        }
        return 0;
    }
}
