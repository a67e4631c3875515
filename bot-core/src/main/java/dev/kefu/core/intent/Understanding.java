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
 * @param subject the entry id of the product the message is about: the one it names, or, when it
 *     refers back ("is it in stock?", "这个可以退吗"), the product the conversation is about; or
 *     {@code null}
 * @param asksWhatGoesWith whether it asks what goes with the product ("what goes with it?", "有什么
 *     配件"), which knowledge answers from the product's graph rather than by search
 * @param aboutSubject whether it asks about the subject itself ("X200多少钱", "多少钱", "is it
 *     waterproof?"), so the subject's own entry answers before its promotions (and, when the
 *     message names no product, before anything); false for a question about a service ("can I
 *     return it?"), which the product's policies and FAQs answer, and for what is no question
 * @param asksWhatsOn whether it is a broad question about what the store offers now ("有什么活动",
 *     "what's new"), which knowledge answers by listing the promotions running now
 */
public record Understanding(
        Language language,
        Language replyLanguage,
        String normalizedText,
        IntentPrediction intent,
        List<Entity> entities,
        Sentiment sentiment,
        SentimentTrend trend,
        String subject,
        boolean asksWhatGoesWith,
        boolean aboutSubject,
        boolean asksWhatsOn) {
    public Understanding {
        Checks.requireAllNonNull(
                "understanding",
                "language replyLanguage normalizedText intent sentiment trend",
                language,
                replyLanguage,
                normalizedText,
                intent,
                sentiment,
                trend);
        entities = Checks.copyOf("understanding.entities", entities);
        if (subject != null) {
            Checks.requireText("subject", subject);
        }
        if (aboutSubject && subject == null) {
            throw new IllegalArgumentException("aboutSubject needs a subject");
        }
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
                trend,
                null,
                false,
                false,
                false);
    }
}
