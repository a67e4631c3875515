package dev.kefu.core.config;

import java.util.List;

/** {@code handoff.*}: the thresholds and lists that send a conversation to a person. */
public record HandoffConfig(
        double messageSentimentBelow,
        double conversationSentimentBelow,
        int fallingMessages,
        int consecutiveFallbacks,
        List<String> intents,
        List<String> tags,
        List<String> explicitPhrases,
        boolean countNotHelpful,
        long stageTimeoutMs) {

    public HandoffConfig {
        intents = Settings.list(intents);
        tags = Settings.list(tags);
        explicitPhrases = Settings.list(explicitPhrases);
    }

    void validate(List<String> errors) {
        if (!(messageSentimentBelow >= -1 && messageSentimentBelow <= 1)) {
            errors.add("handoff.messageSentimentBelow must be in [-1, 1], was " + messageSentimentBelow);
        }
        if (!(conversationSentimentBelow >= -1 && conversationSentimentBelow <= 1)) {
            errors.add("handoff.conversationSentimentBelow must be in [-1, 1], was " + conversationSentimentBelow);
        }
        Settings.atLeast(errors, "handoff.fallingMessages", fallingMessages, 0);
        Settings.atLeast(errors, "handoff.consecutiveFallbacks", consecutiveFallbacks, 0);
        Settings.atLeast(errors, "handoff.stageTimeoutMs", stageTimeoutMs, 1);
        for (String phrase : explicitPhrases) {
            if (phrase == null || phrase.isBlank()) {
                errors.add("handoff.explicitPhrases must not contain blank phrases");
            }
        }
    }
}
