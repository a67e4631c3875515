package dev.kefu.core.handoff;

import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.config.HandoffConfig;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.sentiment.SentimentTrend;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured hand-off triggers, checked in a fixed order so the recorded reason is the most
 * specific one: an explicit request first, then VIP tags, intents people handle, this message's
 * sentiment, the conversation's sentiment and its fall, and repeated fallbacks.
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
        String intent = nlu.intent().name();
        if (config.intents().contains(intent)) {
            return fire(
                    HandoffReason.INTENT,
                    Map.of("intent", intent, "confidence", format(nlu.intent().confidence())));
        }
        double score = nlu.sentiment().score();
        if (score < config.messageSentimentBelow()) {
            return fire(
                    HandoffReason.NEGATIVE_SENTIMENT,
                    Map.of(
                            "score", format(score),
                            "threshold", format(config.messageSentimentBelow()),
                            "cues", String.join(", ", nlu.sentiment().cues())));
        }
        SentimentTrend trend = nlu.trend();
        if (trend.running() < config.conversationSentimentBelow()) {
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

    private static Optional<HandoffTrigger> fire(HandoffReason reason, Map<String, String> details) {
        return Optional.of(new HandoffTrigger(reason, details));
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
