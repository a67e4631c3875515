package dev.kefu.core.compose;

/** How an answer came about; the hand-off policy and the unanswered inbox read it. */
public enum AnswerKind {
    /** Built from retrieved knowledge passages, which it cites. */
    GROUNDED,
    /** A greeting, thanks, goodbye or similar that needs no knowledge. */
    SMALL_TALK,
    /** The bot found nothing that answers the message. Counts toward repeated-fallback hand-off. */
    FALLBACK,
    /** From the store's orders (where an order is, what the shopper must give to see it). */
    ORDER,
    /** What the shopper is told when the conversation goes to a person. */
    HANDOFF_NOTICE
}
