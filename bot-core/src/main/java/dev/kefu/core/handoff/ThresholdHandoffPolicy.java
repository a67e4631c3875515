package dev.kefu.core.handoff;

import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.config.HandoffConfig;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentTrend;
import dev.kefu.core.slot.SalesStages;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured hand-off triggers, checked in a fixed order so the recorded reason is the most
 * specific one: an explicit request first, then VIP tags, a complaint, intents people handle (when
 * the router is sure), this message's tone, the conversation's tone and its fall, and repeated
 * fallbacks.
 *
 * <p>Tone is the shopper's emotion ({@link Sentiment#tone()}), not the valence of what they report:
 * "耳机掉水里坏了 还能保修不" is a calm question with bad news and is answered. Between hand-off and
 * calm lies the offer: a mildly frustrated shopper ("有点失望", "a bit disappointed"), or a message
 * the router only suspects is for people, gets the answer and a button to reach a person. A calm
 * price objection ("太贵了", {@link SalesStages#calmObjection}) that the router calls a complaint is
 * answered: it is a sales stage, and an angry one still hands off on its tone or intent.
 */
public final class ThresholdHandoffPolicy implements HandoffPolicy {
    private final HandoffConfig config;
    private final List<String> phrases;

    public ThresholdHandoffPolicy(HandoffConfig config) {
        this.config = config;
        this.phrases = config.explicitPhrases().stream()
                .map(p -> p.toLowerCase(Locale.ROOT))
                .toList();
    }

    @Override
    public Optional<HandoffTrigger> evaluate(HandoffInput input) {
        Understanding nlu = input.understanding();
        Conversation conversation = input.conversation();
        String text = nlu.normalizedText().toLowerCase(Locale.ROOT);
        for (String phrase : phrases) {
            if (text.contains(phrase)) {
                return fire(HandoffReason.EXPLICIT_REQUEST, Map.of("phrase", phrase));
            }
        }
        for (String tag : config.tags()) {
            if (conversation.shopper().hasTag(tag)) {
                return fire(HandoffReason.SHOPPER_TAG, Map.of("tag", tag));
            }
        }
        Sentiment sentiment = nlu.sentiment();
        if (sentiment.complaint()) {
            return fire(
                    HandoffReason.COMPLAINT,
                    Map.of("cues", String.join(", ", sentiment.cues()), "emotion", format(sentiment.emotion())));
        }
        if (configuredIntent(nlu) && nlu.intent().confidence() >= config.intentMinConfidence()) {
            return intentTrigger(nlu);
        }
        double tone = sentiment.tone();
        if (tone < config.messageSentimentBelow()) {
            return toneTrigger(sentiment, config.messageSentimentBelow(), true);
        }
        SentimentTrend trend = nlu.trend();
        // A first message is judged by its own tone alone (the rule above), not twice.
        if (trend.messages() > 1 && trend.running() < config.conversationSentimentBelow()) {
            return fire(
                    HandoffReason.CONVERSATION_SENTIMENT,
                    Map.of(
                            "running",
                            format(trend.running()),
                            "threshold",
                            format(config.conversationSentimentBelow())));
        }
        if (config.fallingMessages() > 0 && trend.fallingStreak() >= config.fallingMessages()) {
            return fire(
                    HandoffReason.SENTIMENT_FALLING,
                    Map.of(
                            "fallingMessages", Integer.toString(trend.fallingStreak()),
                            "threshold", Integer.toString(config.fallingMessages()),
                            "running", format(trend.running())));
        }
        if (config.consecutiveFallbacks() > 0 && input.answer().kind() == AnswerKind.FALLBACK) {
            int fallbacks = conversation.consecutiveFallbacks() + 1;
            if (fallbacks >= config.consecutiveFallbacks()) {
                return fire(
                        HandoffReason.REPEATED_FALLBACK,
                        Map.of(
                                "fallbacks", Integer.toString(fallbacks),
                                "threshold", Integer.toString(config.consecutiveFallbacks())));
            }
        }
        if (input.answer().wantsHandOff()) { // llm.onFailure: handoff, and the model could not answer
            return fire(
                    HandoffReason.BOT_FAILURE,
                    Map.of("stage", "compose", "error", input.answer().trace().fallback()));
        }
        return Optional.empty();
    }

    /**
     * Why the answer to this message should offer a person: the shopper's tone is below {@code
     * offerBelow} (mild frustration), or the router suspects, short of {@code intentMinConfidence},
     * an intent that people handle.
     */
    @Override
    public Optional<HandoffTrigger> offer(HandoffInput input) {
        Understanding nlu = input.understanding();
        Sentiment sentiment = nlu.sentiment();
        double tone = sentiment.tone();
        if (tone < config.offerBelow()) {
            return toneTrigger(sentiment, config.offerBelow(), false);
        }
        if (configuredIntent(nlu)) {
            return intentTrigger(nlu);
        }
        return Optional.empty();
    }

    /**
     * Whether the message's intent is one people handle; a calm price objection the intent model
     * calls a complaint ("太贵了") is not: the bot answers it (and a staged script may object).
     */
    private boolean configuredIntent(Understanding nlu) {
        return config.intents().contains(nlu.intent().name()) && !SalesStages.objectionReadAsComplaint(nlu);
    }

    private static Optional<HandoffTrigger> intentTrigger(Understanding nlu) {
        return fire(
                HandoffReason.INTENT,
                Map.of(
                        "intent",
                        nlu.intent().name(),
                        "confidence",
                        format(nlu.intent().confidence())));
    }

    /**
     * A tone below {@code threshold}: the details a hand-off and an offer both show; a hand-off also
     * records the valence of what was reported, which the agent weighs.
     */
    private static Optional<HandoffTrigger> toneTrigger(Sentiment sentiment, double threshold, boolean withValence) {
        Map<String, String> details = new HashMap<>(Map.of(
                "score", format(sentiment.tone()),
                "threshold", format(threshold),
                "emotion", sentiment.emotionLabel().code(),
                "cues", String.join(", ", sentiment.cues())));
        if (withValence) {
            details.put("valence", format(sentiment.valence()));
        }
        return fire(HandoffReason.NEGATIVE_SENTIMENT, details);
    }

    private static Optional<HandoffTrigger> fire(HandoffReason reason, Map<String, String> details) {
        return Optional.of(new HandoffTrigger(reason, details));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
