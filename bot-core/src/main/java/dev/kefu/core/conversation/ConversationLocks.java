package dev.kefu.core.conversation;

import java.util.Collection;
import java.util.function.Supplier;

/**
 * Serialises the changes to one conversation: the pipeline, the agent desk and the queue's timer
 * all read, change and save a conversation under its lock, so no change overwrites another. A node
 * alone locks in its own memory ({@link StripedConversationLocks}); nodes sharing one database lock
 * in it, so the lock holds across the cluster. Whoever needs several conversations at once (an
 * erasure, the retention's deletion) takes them with {@link #withLocks}, in one fixed order, so two
 * such callers never wait for each other in a circle. Reentrant for the thread that holds a lock.
 */
public interface ConversationLocks {
    /**
     * Runs {@code action} holding this conversation's lock.
     *
     * @throws ConversationBusyException when the lock was not free in time
     */
    <T> T withLock(String conversationId, Supplier<T> action);

    /**
     * Runs {@code action} holding the locks of all these conversations.
     *
     * @throws ConversationBusyException when a lock was not free in time
     */
    <T> T withLocks(Collection<String> conversationIds, Supplier<T> action);

    /** The locks of a node alone: in memory, waiting as long as it takes. */
    static ConversationLocks inProcess() {
        return new StripedConversationLocks();
    }
}
