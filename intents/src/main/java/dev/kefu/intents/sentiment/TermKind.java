package dev.kefu.intents.sentiment;

import java.util.Locale;

/**
 * The role of a lexicon term, as written in the lexicon's second column. The kinds keep the
 * shopper's emotion (negative, abuse) apart from the facts they report (problem).
 */
enum TermKind {
    /** Adds its weight (0.3..1.0). */
    POSITIVE,
    /** A feeling or judgement (失望, ridiculous): adds its weight (-1.0..-0.3) and counts as emotion. */
    NEGATIVE,
    /** A negative fact reported (坏了, late): adds its weight (-1.0..-0.3) to score and valence only. */
    PROBLEM,
    /** An insult or accusation (妈的, "you scammers"): strong emotion and urgency (0.5..1.0). */
    ABUSE,
    /** A complaint or a threat to escalate (投诉, 12315): raises urgency (0.5..1.0); a person takes it. */
    COMPLAINT,
    /** Flips the polarity of the next sentiment term nearby; weight 0. */
    NEGATOR,
    /** Multiplies the next sentiment term nearby by its weight (1.2..2.0). */
    INTENSIFIER,
    /** Weakens the next sentiment term nearby by its weight (0.2..0.9): 有点, "a bit". */
    SOFTENER,
    /** Raises urgency by its weight (0.5..1.0) and also counts as mildly negative. */
    URGENCY,
    /** Contains a sentiment term but is none (差价, 不好意思); weight 0. Matching it hides the shorter term. */
    PLAIN;

    /** The code used in the lexicon file. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
