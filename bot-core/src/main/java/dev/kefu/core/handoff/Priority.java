package dev.kefu.core.handoff;

import java.util.Locale;

/**
 * A queued conversation's priority, highest first. Each has a response-time target in {@code
 * queue.*}; the queue is ordered by priority, then by waiting time.
 */
public enum Priority {
    /** A VIP tier tag (a person within minutes). */
    VIP,
    /** The shopper's message signals an urgent problem (故障, "scam", "urgent"). */
    URGENT,
    /** Everyone else. */
    NORMAL;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One step higher, or this one when it is already the highest. */
    public Priority raised() {
        return this == NORMAL ? URGENT : VIP;
    }

    public static Priority fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
