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
        intents = intents == null ? List.of() : List.copyOf(intents);
        tags = tags == null ? List.of() : List.copyOf(tags);
        explicitPhrases = explicitPhrases == null ? List.of() : List.copyOf(explicitPhrases);
    }

    void validate(List<String> errors) {
        if (!(messageSentimentBelow >= -1 && messageSentimentBelow <= 1)) {
            errors.add("handoff.messageSentimentBelow must be in [-1, 1], was " + messageSentimentBelow);
        }
        if (!(conversationSentimentBelow >= -1 && conversationSentimentBelow <= 1)) {
            errors.add("handoff.conversationSentimentBelow must be in [-1, 1], was " + conversationSentimentBelow);
        }
        if (fallingMessages < 0) {
            errors.add("handoff.fallingMessages must be >= 0, was " + fallingMessages);
        }
        if (consecutiveFallbacks < 0) {
            errors.add("handoff.consecutiveFallbacks must be >= 0, was " + consecutiveFallbacks);
        }
        if (stageTimeoutMs < 1) {
            errors.add("handoff.stageTimeoutMs must be >= 1, was " + stageTimeoutMs);
        }
        for (String phrase : explicitPhrases) {
            if (phrase == null || phrase.isBlank()) {
                errors.add("handoff.explicitPhrases must not contain blank phrases");
            }
        }
    }
}
