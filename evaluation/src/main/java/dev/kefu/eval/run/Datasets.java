package dev.kefu.eval.run;

import dev.kefu.intents.classify.TextClassifierTrainer;
import dev.kefu.intents.train.TrainingExample;
import java.util.List;

/** The split and training settings every command shares, so evaluation trains exactly as {@code train} does. */
final class Datasets {
    /** Share of the training data held out for validation when no validation file is given. */
    static final double VALIDATION_SHARE = 0.1;

    private Datasets() {}

    /** The validation examples given, or a seeded stratified share of the training data (see {@link TextClassifierTrainer#split}). */
    static TextClassifierTrainer.Split trainAndValidation(
            List<TrainingExample> train, List<TrainingExample> validation, long seed) {
        if (!validation.isEmpty()) {
            return TextClassifierTrainer.Split.of(train, validation);
        }
        return TextClassifierTrainer.split(train, VALIDATION_SHARE, seed);
    }

    static TextClassifierTrainer.Options options(long seed, String oosLabel, boolean embeddings) {
        return TextClassifierTrainer.Options.defaults()
                .withSeed(seed)
                .withOutOfScopeLabel(oosLabel)
                .withUseEmbeddings(embeddings);
    }
}
