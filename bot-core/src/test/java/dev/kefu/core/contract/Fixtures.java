package dev.kefu.core.contract;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.IntentScore;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.sentiment.EmotionLabel;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentLabel;
import dev.kefu.core.sentiment.SentimentTrend;
import java.time.Instant;
import java.util.List;

/** Small builders of stage records for tests. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-11-11T08:00:00Z");

    private Fixtures() {}

    public static Understanding understanding(String text, String intent, double sentimentScore) {
        SentimentLabel label = sentimentScore < -0.2
                ? SentimentLabel.NEGATIVE
                : sentimentScore > 0.2 ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
        Sentiment sentiment =
                new Sentiment(sentimentScore, label, label == SentimentLabel.NEUTRAL ? List.of() : List.of("cue"), 0.0);
        return understanding(text, intent, sentiment, SentimentTrend.start().next(sentimentScore, 0.5));
    }

    /**
     * An English message routed to {@code intent} (confidence 0.9) with this sentiment (emotion and
     * valence apart), in a conversation with this trend.
     */
    public static Understanding understanding(String text, String intent, Sentiment sentiment, SentimentTrend trend) {
        return new Understanding(
                Language.EN,
                Language.EN,
                text,
                new IntentPrediction(new IntentScore(intent, 0.9), List.of()),
                List.of(),
                sentiment,
                trend,
                null,
                false,
                false,
                false);
    }

    /** A calm price objection ("太贵了") as the analyser reads it: negative valence, no emotion. */
    public static Sentiment calmPrice(String... cues) {
        return new Sentiment(-0.69, SentimentLabel.NEGATIVE, List.of(cues), 0.0, 0.0, EmotionLabel.CALM, -0.69, false);
    }

    /** An angry message: strong emotion besides the negative facts. */
    public static Sentiment angry(String... cues) {
        return new Sentiment(
                -0.95, SentimentLabel.NEGATIVE, List.of(cues), 0.3, 0.9, EmotionLabel.of(0.9), -0.8, false);
    }

    public static Conversation conversation() {
        return conversation(ShopperContext.anonymous());
    }

    /** A new conversation "c-1" of this shopper, started at {@link #T0}. */
    public static Conversation conversation(ShopperContext shopper) {
        return Conversation.start("c-1", shopper, T0);
    }
}
