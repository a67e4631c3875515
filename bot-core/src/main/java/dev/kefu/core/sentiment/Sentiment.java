package dev.kefu.core.sentiment;

import dev.kefu.core.Checks;
import java.util.List;

/**
 * The sentiment of one message, with the two things a review-trained score mixes up kept apart:
 * the shopper's {@code emotion} (anger, frustration, abuse: what calls for a person) and the
 * {@code valence} of what they report (a cracked screen, a late parcel: negative facts that a
 * calm question about warranty or tracking still deserves an answer to).
 *
 * @param score overall polarity from -1 to 1 (model and lexicon), for analytics and marketing
 * @param label the class of the score
 * @param cues the words or phrases that drove the score and the emotion, shown to agents
 * @param urgency from 0 to 1: how strongly the message signals an urgent problem (故障, "scam"),
 *     independent of the score
 * @param emotion from 0 (calm) to 1 (furious): the shopper's own feeling, from emotion cues
 *     (气死, 垃圾, "ridiculous", insults, "!!!", shouting), never from the facts reported
 * @param emotionLabel the band of {@code emotion}
 * @param valence from -1 to 1: how bad (or good) the reported facts are, whatever the tone
 * @param complaint whether the shopper files a complaint or threatens to escalate (投诉, 要求赔偿,
 *     "I want to file a complaint", 12315, lawyers)
 */
public record Sentiment(
        double score,
        SentimentLabel label,
        List<String> cues,
        double urgency,
        double emotion,
        EmotionLabel emotionLabel,
        double valence,
        boolean complaint) {
    public Sentiment {
        Checks.requireSigned("sentiment.score", score);
        Checks.requireNonNull("sentiment.label", label);
        cues = Checks.copyOf("sentiment.cues", cues);
        Checks.requireUnit("sentiment.urgency", urgency);
        Checks.requireUnit("sentiment.emotion", emotion);
        Checks.requireNonNull("sentiment.emotionLabel", emotionLabel);
        Checks.requireSigned("sentiment.valence", valence);
    }

    /**
     * A sentiment known only by its score (an analyzer that does not tell emotion from facts): its
     * negativity is taken for emotion, as before the two were told apart.
     */
    public Sentiment(double score, SentimentLabel label, List<String> cues, double urgency) {
        this(score, label, cues, urgency, Math.max(0.0, -score), EmotionLabel.of(Math.max(0.0, -score)), score, false);
    }

    public static Sentiment neutral() {
        return new Sentiment(0.0, SentimentLabel.NEUTRAL, List.of(), 0.0);
    }

    /**
     * The message's tone as the hand-off policy and the running trend read it, from -1 to 1: minus
     * the emotion when there is any, the score when the message is positive, else 0. A calm report
     * of a problem has tone 0.
     */
    public double tone() {
        if (emotion > 0.0) {
            return -emotion;
        }
        return label == SentimentLabel.POSITIVE ? Math.max(0.0, score) : 0.0;
    }
}
