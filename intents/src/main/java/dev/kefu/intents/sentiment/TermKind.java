package dev.kefu.intents.sentiment;

import java.util.Locale;

/** The role of a lexicon term, as written in the lexicon's second column. */
enum TermKind {
    /** Adds its weight (0.3..1.0). */
    POSITIVE,
    /** Adds its weight (-1.0..-0.3). */
    NEGATIVE,
    /** Flips the polarity of the next sentiment term nearby; weight 0. */
    NEGATOR,
    /** Multiplies the next sentiment term nearby by its weight (1.2..2.0). */
    INTENSIFIER,
    /** Raises urgency by its weight (0.5..1.0) and also counts as mildly negative. */
    URGENCY;

    /** The code used in the lexicon file. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
