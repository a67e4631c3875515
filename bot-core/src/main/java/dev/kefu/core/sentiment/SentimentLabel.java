package dev.kefu.core.sentiment;

import java.util.Locale;

/** The coarse sentiment class of a score. */
public enum SentimentLabel {
    NEGATIVE,
    NEUTRAL,
    POSITIVE;

    /** The stable lowercase code used in JSON. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
