package dev.kefu.eval.run;

import dev.kefu.eval.metrics.Latencies;
import dev.kefu.eval.report.Report;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.classify.TextClassifierTrainer;
import dev.kefu.intents.train.TrainingDataReader;
import dev.kefu.intents.train.TrainingExample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every train-then-test command shares (a picocli mixin): the report's and the data's,
 * and how the data files are read.
 */
final class TrainTestOptions extends ReportFile {
    @Option(names = "--train", required = true, description = "Training data, JSON Lines {\"text\", \"label\"}.")
    Path trainFile;

    @Option(names = "--test", required = true, description = "Test data, same format.")
    Path testFile;

    @Option(
            names = "--val",
            description = "Validation data; without it, 10% of the training file is held out (seeded).")
    Path valFile;

    @Option(names = "--save-model", description = "Also write the trained model here (for the server).")
    Path modelFile;

    @Option(names = "--seed", description = "Seed for splits and training (default: ${DEFAULT-VALUE}).")
    long seed = 42L;

    /** Predictions made before timing starts (JIT, ONNX Runtime): a serving server is warm. */
    static final int WARM_UP = 100;

    private final TrainingDataReader reader = new TrainingDataReader();

    /** A trained model and how long training took. */
    record Timed(TextClassifierTrainer.Trained trained, double seconds) {}

    /** Trains on the split, timing it, and saves the model when {@code --save-model} asks. */
    Timed train(Encoders encoders, TextClassifierTrainer.Options options, TextClassifierTrainer.Split data)
            throws IOException {
        long start = System.nanoTime();
        TextClassifierTrainer.Trained trained =
                new TextClassifierTrainer(encoders, options, message -> System.err.println("  " + message)).train(data);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (modelFile != null) {
            trained.classifier().save(modelFile);
        }
        return new Timed(trained, seconds);
    }

    /**
     * What every train-then-test report holds: the test run's size and prediction times, then what
     * training used and decided (sizes, time, heads, weights).
     */
    static Report putRun(
            Report report, int tested, Latencies latencies, TextClassifierTrainer.Split data, Timed timed) {
        TextClassifierTrainer.Decisions decisions = timed.trained().decisions();
        return report.put("n_test", tested)
                .put("predict_ms_p50", latencies.percentileMs(50))
                .put("predict_ms_p99", latencies.percentileMs(99))
                .put("train_seconds", timed.seconds())
                .put("n_train", data.train().size())
                .put("n_validation", data.validation().size())
                .put("n_withheld", data.withheld().size())
                .put("encoders", String.join(",", decisions.encoders()))
                .put("head_epochs", decisions.headEpochs().toString())
                .put("embedding_weight", decisions.embeddingWeight())
                .put("temperature", decisions.temperature());
    }

    /** The first validation examples, for warming up before timing. */
    static List<TrainingExample> warmUp(List<TrainingExample> validation) {
        return validation.subList(0, Math.min(WARM_UP, validation.size()));
    }

    List<TrainingExample> test() {
        return reader.read(testFile);
    }

    /** The validation file, or a seeded stratified 10% of the training file. */
    TextClassifierTrainer.Split trainAndValidation() {
        return Datasets.trainAndValidation(
                reader.read(trainFile), valFile == null ? List.of() : reader.read(valFile), seed);
    }
}
