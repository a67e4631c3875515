package dev.kefu.eval.run;

import dev.kefu.eval.metrics.Classification;
import dev.kefu.eval.metrics.Latencies;
import dev.kefu.eval.report.Report;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.classify.Prediction;
import dev.kefu.intents.classify.TextClassifier;
import dev.kefu.intents.classify.TextClassifierTrainer;
import dev.kefu.intents.train.TrainingExample;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kefu-eval intents --train F --test F [--val F] [--oos-label oos] --out R}: trains the
 * intent classifier exactly as the server's model is trained and measures it on the test file
 * (metric definitions of Larson et al. 2019: in-scope accuracy counts every in-scope query, and
 * predicting out-of-scope for one is an error).
 */
@Command(
        name = "intents",
        mixinStandardHelpOptions = true,
        description = "Trains the intent classifier and measures it on a test file.")
public final class IntentsCommand implements Callable<Integer> {
    @Mixin
    TrainTestOptions files;

    @Option(names = "--oos-label", description = "Label of out-of-scope examples (default: ${DEFAULT-VALUE}).")
    String oosLabel = "oos";

    @Option(names = "--no-embeddings", description = "Lexical head only (faster, weaker).")
    boolean noEmbeddings;

    @Override
    public Integer call() throws Exception {
        List<TrainingExample> test = files.test();
        TextClassifierTrainer.Split data = files.trainAndValidation();
        List<TrainingExample> validation = data.validation();
        TextClassifierTrainer.Options options = Datasets.options(files.seed, oosLabel, !noEmbeddings);

        try (Encoders encoders = Encoders.forThisMachine()) {
            TrainTestOptions.Timed timed = files.train(encoders, options, data);
            TextClassifierTrainer.Trained trained = timed.trained();
            TextClassifier classifier = trained.classifier();

            Classification all = new Classification();
            Latencies latencies = new Latencies();
            int inScope = 0;
            int inScopeCorrect = 0;
            int oos = 0;
            int oosCaught = 0;
            int predictedOos = 0;
            // Warm up (JIT, ONNX Runtime) on validation texts, as a server is warm when it serves.
            for (TrainingExample example : TrainTestOptions.warmUp(validation)) {
                classifier.predict(example.text());
            }
            try (Progress progress = new Progress("intents", test.size())) {
                for (TrainingExample example : test) {
                    long t0 = System.nanoTime();
                    Prediction prediction = classifier.predict(example.text());
                    boolean outOfScope = classifier.outOfScope(prediction);
                    latencies.add(System.nanoTime() - t0);
                    String predicted = outOfScope ? oosLabel : prediction.topLabel();
                    all.add(example.label(), predicted, prediction.topProbability());
                    predictedOos += outOfScope ? 1 : 0;
                    if (example.label().equals(oosLabel)) {
                        oos++;
                        oosCaught += outOfScope ? 1 : 0;
                    } else {
                        inScope++;
                        inScopeCorrect += predicted.equals(example.label()) ? 1 : 0;
                    }
                    progress.step();
                }
            }
            TextClassifierTrainer.Decisions decisions = trained.decisions();
            Report report = new Report("Intent classification: " + files.testFile.getFileName())
                    .put("accuracy", all.accuracy())
                    .put("in_scope_accuracy", ratio(inScopeCorrect, inScope))
                    .put("oos_recall", ratio(oosCaught, oos))
                    .put("oos_precision", ratio(oosCaught, predictedOos))
                    .put("macro_f1", all.macroF1());
            TrainTestOptions.putRun(report, test.size(), latencies, data, timed)
                    .put("labels", classifier.labels().size())
                    .put("oos_threshold", decisions.outOfScopeThreshold())
                    .put("val_in_scope_accuracy", decisions.validationInScopeAccuracy())
                    .put("val_oos_recall", decisions.validationOutOfScopeRecall())
                    .section("Per label", all.perLabelTable())
                    .section("Most frequent confusions", all.confusionTable(20))
                    .section("Confidence histogram", all.confidenceHistogram());
            files.write(
                    report,
                    "accuracy %.4f, in-scope %.4f, oos recall %s",
                    all.accuracy(),
                    ratio(inScopeCorrect, inScope),
                    oos == 0 ? "n/a" : String.format(Locale.ROOT, "%.4f", ratio(oosCaught, oos)));
        }
        return 0;
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }
}
