package dev.kefu.core.conversation;

import dev.kefu.core.Coded;

/** What became of an after-sales action the shopper confirmed. */
public enum ActionOutcome implements Coded {
    /** The store's service accepted it. */
    DONE,
    /** There is no store service to send it to: a person does it (the conversation went to the queue). */
    FOR_AGENTS,
    /** The order's status changed since the proposal and no longer allows it; nothing was sent. */
    NOT_ALLOWED,
    /**
     * The store's service was down, slow or refused: the shopper is told and offered a person, and
     * may confirm the same proposal again (the same idempotency key).
     */
    FAILED
}
