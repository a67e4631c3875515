package dev.kefu.core.sentiment;

import dev.kefu.core.Checks;

/**
 * A conversation's running sentiment: an exponentially weighted mean of its shopper messages'
 * tones ({@link Sentiment#tone()}), and how many messages in a row it has fallen.
 *
 * @param running the weighted mean in [-1, 1]
 * @param messages how many shopper messages it covers
 * @param fallingStreak how many consecutive messages lowered {@code running}
 */
public record SentimentTrend(double running, int messages, int fallingStreak) {
    public SentimentTrend {
        Checks.requireSigned("trend.running", running);
        Checks.requireNonNegative("trend.messages", messages);
        Checks.requireNonNegative("trend.fallingStreak", fallingStreak);
    }

    public static SentimentTrend start() {
        return new SentimentTrend(0.0, 0, 0);
    }

    /**
     * The trend after one more message. A calm message (tone exactly 0) neither extends nor ends a
     * fall: the mean drifting back to 0 after a "thanks" is not a shopper getting upset.
     *
     * @param score the new message's tone
     * @param alpha weight of the new message in (0, 1]; the first message sets the mean outright
     */
    public SentimentTrend next(double score, double alpha) {
        if (!(alpha > 0.0 && alpha <= 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1], was " + alpha);
        }
        double updated = messages == 0 ? score : alpha * score + (1 - alpha) * running;
        updated = Math.max(-1.0, Math.min(1.0, updated));
        int streak;
        if (score == 0.0 && messages > 0) {
            streak = fallingStreak;
        } else {
            streak = updated < running - 1e-9 ? fallingStreak + 1 : 0;
        }
        return new SentimentTrend(updated, messages + 1, streak);
    }
}
