package dev.kefu.core.intent;

import dev.kefu.core.Checks;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentTrend;
import java.util.List;

/**
 * Stage ② output: everything the bot understood of one message, in the context of its
 * conversation.
 *
 * @param language detected language of the message
 * @param replyLanguage the language to answer in (the storefront locale wins over detection
 *     only when the message itself is mixed)
 * @param normalizedText the canonical text later stages read
 * @param intent the intent router's prediction
 * @param entities entities found in the text
 * @param sentiment this message's sentiment
 * @param trend the conversation's running sentiment including this message
 */
public record Understanding(
        Language language,
        Language replyLanguage,
        String normalizedText,
        IntentPrediction intent,
        List<Entity> entities,
        Sentiment sentiment,
        SentimentTrend trend) {
    public Understanding {
        Checks.requireNonNull("language", language);
        Checks.requireNonNull("replyLanguage", replyLanguage);
        Checks.requireNonNull("normalizedText", normalizedText);
        Checks.requireNonNull("intent", intent);
        entities = Checks.copyOf("entities", entities);
        Checks.requireNonNull("sentiment", sentiment);
        Checks.requireNonNull("trend", trend);
    }

    /** The name of the intent reported when NLU itself failed. */
    public static final String UNKNOWN_INTENT = "unknown";

    /**
     * What is known of a message whose NLU failed: its text and reply language only. The pipeline
     * hands such a message off with reason {@code bot_failure}; nothing downstream guesses.
     */
    public static Understanding failed(String text, Language replyLanguage, SentimentTrend trend) {
        return new Understanding(
                replyLanguage,
                replyLanguage,
                text,
                new IntentPrediction(new IntentScore(UNKNOWN_INTENT, 0.0), List.of()),
                List.of(),
                Sentiment.neutral(),
                trend);
    }
}
