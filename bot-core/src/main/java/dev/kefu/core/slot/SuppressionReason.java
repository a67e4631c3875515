package dev.kefu.core.slot;

import dev.kefu.core.Coded;
import java.util.Locale;

/**
 * Why stage ⑥ dropped proposed marketing lines. Each has a stable {@link #code()} that is stored with
 * the decision, counted by the experiment log and shown to trainers.
 */
public enum SuppressionReason implements Coded {
    /** This message's sentiment is negative. */
    NEGATIVE_SENTIMENT,
    /** The conversation's running sentiment is below neutral. */
    CONVERSATION_SENTIMENT,
    /** The conversation is going to a person, or is with one. */
    HANDOFF_PENDING,
    /** The message's intent is one without marketing (complaints, refunds). */
    FORBIDDEN_INTENT,
    /** The shopper carries an opt-out tag. */
    OPTED_OUT,
    /** The conversation was already shown this line. */
    REPEATED_LINE,
    /** The conversation was shown its most lines. */
    CONVERSATION_CAP,
    /** Another line went out with the same reply. */
    ONE_PER_REPLY;

    /** The reason with this code; an unknown code is an {@link IllegalArgumentException} naming it. */
    public static SuppressionReason fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
