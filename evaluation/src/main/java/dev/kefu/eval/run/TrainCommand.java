package dev.kefu.eval.run;

import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.classify.TextClassifierTrainer;
import dev.kefu.intents.train.TrainingDataReader;
import dev.kefu.intents.train.TrainingExample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kefu-eval train --train F... [--val F...] --out MODEL}: trains a classifier (intents or
 * sentiment: the labels decide) and saves the model file the server loads ({@code intents.model},
 * {@code sentiment.model}). The built-in models are rebuilt with this command; see
 * docs/BENCHMARKS.md for the exact invocations.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Trains an intent or sentiment model and saves it for the server.")
public final class TrainCommand implements Callable<Integer> {
    @Option(
            names = "--train",
            required = true,
            description = "Training data, JSON Lines {\"text\", \"label\"}; repeatable.")
    List<Path> trainFiles;

    @Option(
            names = "--val",
            description = "Validation data; repeatable. Without it, 10% of the training data is held out.")
    List<Path> valFiles = new ArrayList<>();

    @Option(names = "--oos-label", description = "Label of out-of-scope examples (default: ${DEFAULT-VALUE}).")
    String oosLabel = "oos";

    @Option(names = "--out", required = true, description = "The model file to write (a zip).")
    Path out;

    @Option(names = "--seed", description = "Seed for splits and training (default: ${DEFAULT-VALUE}).")
    long seed = 42L;

    @Override
    public Integer call() throws Exception {
        TextClassifierTrainer.Split data = Datasets.trainAndValidation(read(trainFiles), read(valFiles), seed);
        try (Encoders encoders = Encoders.forThisMachine()) {
            long start = System.nanoTime();
            TextClassifierTrainer.Trained trained = new TextClassifierTrainer(
                            encoders,
                            Datasets.options(seed, oosLabel, true),
                            message -> System.err.println("  " + message))
                    .train(data);
            trained.classifier().save(out);
            System.out.printf(
                    java.util.Locale.ROOT,
                    "trained %d labels in %.1f s: %s -> %s%n",
                    trained.classifier().labels().size(),
                    (System.nanoTime() - start) / 1e9,
                    trained.decisions(),
                    out);
        }
        return 0;
    }

    private static List<TrainingExample> read(List<Path> files) {
        TrainingDataReader reader = new TrainingDataReader();
        List<TrainingExample> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(reader.read(file));
        }
        return all;
    }
}
