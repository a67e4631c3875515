package dev.kefu.core.outreach;

import dev.kefu.core.Coded;

/** Why an outreach message was not sent, in the order the guard rails are checked. */
public enum HoldReason implements Coded {
    /** The shopper asked for no more (a stop, or an opt-out tag of {@code slots.optOutTags}). */
    OPTED_OUT,
    /** A conversation of the shopper is with a person or waiting for one. */
    OPEN_HANDOFF,
    /** The shopper complained (an intent of {@code slots.forbiddenIntents}) in the last days. */
    COMPLAINT,
    /** The shopper was negative in the last days. */
    NEGATIVE_SENTIMENT,
    /** The store's quiet hours, and the rule is not written for them. */
    QUIET_HOURS,
    /** This rule already reached the shopper recently. */
    ALREADY_SENT,
    /** The shopper already got {@code proactive.maxPerDay} messages in 24 hours. */
    DAILY_CAP,
    /** The rule's experiment is paused or ended. */
    EXPERIMENT_PAUSED,
    /** Neither an open widget nor a webhook can carry it. */
    NO_CHANNEL,
    /** The shopper is in the experiment's holdout: measured, not messaged. */
    HOLDOUT
}
