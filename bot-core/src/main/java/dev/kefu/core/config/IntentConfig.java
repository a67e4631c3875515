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
        Settings.path(errors, "intents.model", model);
        if (outOfScopeThreshold != null) {
            Settings.within(errors, "intents.outOfScopeThreshold", outOfScopeThreshold, 0, 1);
        }
    }
}
