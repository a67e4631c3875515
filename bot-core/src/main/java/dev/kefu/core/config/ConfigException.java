package dev.kefu.core.config;

import java.util.List;

/** The configuration is invalid; {@link #errors()} lists every problem found, not just the first. */
public final class ConfigException extends RuntimeException {
    private final List<String> errors;

    ConfigException(List<String> errors) {
        super("Invalid configuration (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + "):\n  - "
                + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
