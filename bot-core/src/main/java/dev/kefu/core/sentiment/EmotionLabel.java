package dev.kefu.core.sentiment;

import java.util.Locale;

/**
 * How the shopper feels, as opposed to what they report: a broken device reported calmly is
 * {@link #CALM}. The bands are descriptive (agents, reports); the hand-off thresholds are settings.
 */
public enum EmotionLabel {
    /** No sign of feeling beyond the facts (a plain question, a calm problem report). */
    CALM,
    /** Mild disappointment or annoyance (有点失望, "a bit disappointed"). */
    MILD,
    /** Clear frustration or urgency (太差劲, "this is unacceptable"). */
    UPSET,
    /** Anger or abuse (气死, 垃圾, 骗子, "you scammers", shouting). */
    ANGRY;

    /** Intensity at which a message is {@link #MILD}, {@link #UPSET} and {@link #ANGRY}. */
    public static final double MILD_AT = 0.15;

    public static final double UPSET_AT = 0.5;
    public static final double ANGRY_AT = 0.75;

    /** The label of an emotion intensity in [0, 1]. */
    public static EmotionLabel of(double intensity) {
        if (intensity >= ANGRY_AT) {
            return ANGRY;
        }
        if (intensity >= UPSET_AT) {
            return UPSET;
        }
        return intensity >= MILD_AT ? MILD : CALM;
    }

    /** The stable lowercase code used in JSON. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
