package dev.kefu.intents.train;

import dev.kefu.core.Checks;

/**
 * One labelled training sentence.
 *
 * @param text the shopper's message as written (the classifier normalises it)
 * @param label the intent code, e.g. {@code delivery_time}, or the out-of-scope label
 */
public record TrainingExample(String text, String label) {
    public TrainingExample {
        Checks.requireText("example.text", text);
        Checks.requireText("example.label", label);
    }
}
