package dev.kefu.core.handoff;

import java.util.Locale;

/** An agent-desk request that cannot be done as asked; {@link Reason#code()} is the API's error code. */
public final class DeskException extends RuntimeException {
    private final Reason reason;

    public DeskException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public enum Reason {
        /** No such conversation. */
        NOT_FOUND,
        /** Another agent claimed it first. */
        ALREADY_CLAIMED,
        /** It is not waiting in the queue (the bot serves it, or it is closed). */
        NOT_QUEUED,
        /** Only the agent who owns it may do this. */
        NOT_OWNER,
        /** The shopper already rated it: one rating per conversation, so CSAT cannot be stuffed. */
        ALREADY_RATED;

        public String code() {
            return name().toUpperCase(Locale.ROOT);
        }
    }
}
