package dev.kefu.eval.run;

import dev.kefu.intents.train.TrainingDataReader;
import dev.kefu.intents.train.TrainingExample;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every train-then-test command shares (a picocli mixin), and how their files are read. */
final class TrainTestOptions {
    @Option(names = "--train", required = true, description = "Training data, JSON Lines {\"text\", \"label\"}.")
    Path trainFile;

    @Option(names = "--test", required = true, description = "Test data, same format.")
    Path testFile;

    @Option(
            names = "--val",
            description = "Validation data; without it, 10% of the training file is held out (seeded).")
    Path valFile;

    @Option(names = "--out", required = true, description = "JSON report; the Markdown report is written beside it.")
    Path out;

    @Option(names = "--save-model", description = "Also write the trained model here (for the server).")
    Path modelFile;

    @Option(names = "--seed", description = "Seed for splits and training (default: ${DEFAULT-VALUE}).")
    long seed = 42L;

    private final TrainingDataReader reader = new TrainingDataReader();

    List<TrainingExample> test() {
        return reader.read(testFile);
    }

    /** (train, validation): the validation file, or a seeded stratified 10% of the training file. */
    List<List<TrainingExample>> trainAndValidation() {
        return Datasets.trainAndValidation(
                reader.read(trainFile), valFile == null ? List.of() : reader.read(valFile), seed);
    }
}
