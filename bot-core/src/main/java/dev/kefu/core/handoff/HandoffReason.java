package dev.kefu.core.handoff;

import java.util.Locale;

/** Why a conversation went to a person. Each has a stable code that agents and reports use. */
public enum HandoffReason {
    /** The shopper asked for a person ("转人工", "talk to a human"). */
    EXPLICIT_REQUEST,
    /** This message's tone (the shopper's emotion: anger, abuse, frustration) is below the threshold. */
    NEGATIVE_SENTIMENT,
    /** The shopper files a complaint or threatens to escalate (投诉, 要求赔偿, "formal complaint", 12315). */
    COMPLAINT,
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
    BOT_FAILURE,
    /** The shopper pressed the quick reply with which a reply offered a person. */
    SHOPPER_ACCEPTED_OFFER,
    /**
     * The shopper confirmed an after-sales action and no store service takes actions ({@code
     * orders.actionsUrl} unset): a person carries it out.
     */
    ORDER_ACTION;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
