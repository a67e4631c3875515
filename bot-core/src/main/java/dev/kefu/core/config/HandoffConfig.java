package dev.kefu.core.config;

import java.util.List;

/**
 * {@code handoff.*}: the thresholds and lists that send a conversation to a person, and those that
 * only offer one.
 *
 * <p>The sentiment thresholds compare the message's tone ({@code Sentiment.tone()}: minus the
 * shopper's emotion), not the valence of what they report: a calm question about a broken device
 * is answered.
 *
 * @param messageSentimentBelow hand off when one message's tone is below this, in [-1, 1]
 * @param conversationSentimentBelow hand off when the running tone is below this from the second
 *     message on, in [-1, 1]
 * @param intentMinConfidence a configured intent hands off when routed with at least this
 *     confidence; below it the reply offers a person instead, in [0, 1]
 * @param offerBelow a reply whose message's tone is below this (but not low enough to hand off)
 *     offers a person as a quick reply, in [-1, 0]; -1 never offers
 */
public record HandoffConfig(
        double messageSentimentBelow,
        double conversationSentimentBelow,
        int fallingMessages,
        int consecutiveFallbacks,
        List<String> intents,
        List<String> tags,
        List<String> explicitPhrases,
        boolean countNotHelpful,
        long stageTimeoutMs,
        double intentMinConfidence,
        double offerBelow) {

    public HandoffConfig {
        intents = Settings.list(intents);
        tags = Settings.list(tags);
        explicitPhrases = Settings.list(explicitPhrases);
    }

    void validate(List<String> errors) {
        Settings.within(errors, "handoff.messageSentimentBelow", messageSentimentBelow, -1, 1);
        Settings.within(errors, "handoff.conversationSentimentBelow", conversationSentimentBelow, -1, 1);
        Settings.within(errors, "handoff.intentMinConfidence", intentMinConfidence, 0, 1);
        Settings.within(errors, "handoff.offerBelow", offerBelow, -1, 0);
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
