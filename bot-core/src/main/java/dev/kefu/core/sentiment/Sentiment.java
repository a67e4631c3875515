package dev.kefu.core.sentiment;

import dev.kefu.core.Checks;
import java.util.List;

/**
 * The sentiment of one message.
 *
 * @param score from -1 (very negative) to 1 (very positive)
 * @param label the class of the score
 * @param cues the words or phrases that drove the score, shown to agents
 * @param urgency from 0 to 1: how strongly the message signals an urgent problem (故障, "scam"),
 *     independent of the score
 */
public record Sentiment(double score, SentimentLabel label, List<String> cues, double urgency) {
    public Sentiment {
        Checks.requireSigned("sentiment.score", score);
        Checks.requireNonNull("sentiment.label", label);
        cues = Checks.copyOf("sentiment.cues", cues);
        Checks.requireUnit("sentiment.urgency", urgency);
    }

    public static Sentiment neutral() {
        return new Sentiment(0.0, SentimentLabel.NEUTRAL, List.of(), 0.0);
    }
}
