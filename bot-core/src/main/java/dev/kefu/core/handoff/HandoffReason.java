package dev.kefu.core.handoff;

import java.util.Locale;

/** Why a conversation went to a person. Each has a stable code that agents and reports use. */
public enum HandoffReason {
    /** The shopper asked for a person ("转人工", "talk to a human"). */
    EXPLICIT_REQUEST,
    /** This message's sentiment is below the threshold. */
    NEGATIVE_SENTIMENT,
    /** The conversation's running sentiment is below its threshold. */
    CONVERSATION_SENTIMENT,
    /** The running sentiment fell for the configured number of messages in a row. */
    SENTIMENT_FALLING,
    /** Too many answers in a row found nothing. */
    REPEATED_FALLBACK,
    /** The routed intent is one that people handle (complaint, refund dispute). */
    INTENT,
    /** The shopper carries a tag that goes straight to a person (VIP tiers). */
    SHOPPER_TAG,
    /** A stage of the bot failed; a person answers instead of an error. */
    BOT_FAILURE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
