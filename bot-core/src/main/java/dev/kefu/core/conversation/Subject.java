package dev.kefu.core.conversation;

import dev.kefu.core.Checks;

/**
 * The product a conversation is about: the one the shopper named last, and where. A later message
 * that refers back ("is it in stock?", "这个可以退吗") is about it, for a while.
 *
 * @param entryId the product's knowledge entry id
 * @param seq the sequence number of the shopper message that named it
 */
public record Subject(String entryId, long seq) {
    public Subject {
        Checks.requireText("subject.entryId", entryId);
        Checks.requirePositive("subject.seq", seq);
    }
}
