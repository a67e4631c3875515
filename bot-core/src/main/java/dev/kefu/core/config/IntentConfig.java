package dev.kefu.core.config;

import java.util.List;

/** {@code intents.*}: the intent router. */
public record IntentConfig(String trainingFile, double outOfScopeThreshold) {
    void validate(List<String> errors) {
        if (trainingFile != null && trainingFile.isBlank()) {
            errors.add("intents.trainingFile must be a path or null, was blank");
        }
        if (!(outOfScopeThreshold >= 0 && outOfScopeThreshold <= 1)) {
            errors.add("intents.outOfScopeThreshold must be in [0, 1], was " + outOfScopeThreshold);
        }
    }
}
