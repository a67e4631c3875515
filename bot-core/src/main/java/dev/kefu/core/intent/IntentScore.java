package dev.kefu.core.intent;

import dev.kefu.core.Checks;

/**
 * One intent and the classifier's confidence in it.
 *
 * @param name the intent's label, e.g. {@code delivery_time}
 * @param confidence probability-like confidence in [0, 1]
 */
public record IntentScore(String name, double confidence) {
    public IntentScore {
        Checks.requireText("intent.name", name);
        Checks.requireUnit("intent.confidence", confidence);
    }
}
