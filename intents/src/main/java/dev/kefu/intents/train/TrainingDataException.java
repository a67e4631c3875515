package dev.kefu.intents.train;

import java.util.List;

/**
 * Training data is invalid; {@link #errors()} lists every bad line, each prefixed with its source
 * and line number, so one run finds all mistakes.
 */
public final class TrainingDataException extends RuntimeException {
    private final List<String> errors;

    TrainingDataException(List<String> errors) {
        super("Invalid training data (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + "):\n  - "
                + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
