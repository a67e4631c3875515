package dev.kefu.core.config;

import java.util.List;

/**
 * {@code intents.*}: the intent router.
 *
 * @param model path of a trained model file, or {@code null} for the built-in demo model
 * @param outOfScopeThreshold in [0, 1], or {@code null} for the model's validated threshold
 */
public record IntentConfig(String model, Double outOfScopeThreshold) {
    void validate(List<String> errors) {
        if (model != null && model.isBlank()) {
            errors.add("intents.model must be a path or null, was blank");
        }
        if (outOfScopeThreshold != null && !(outOfScopeThreshold >= 0 && outOfScopeThreshold <= 1)) {
            errors.add("intents.outOfScopeThreshold must be in [0, 1], was " + outOfScopeThreshold);
        }
    }
}
