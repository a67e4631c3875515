package dev.kefu.core.conversation;

import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the changes to one conversation: the pipeline, the agent desk and the queue's timer
 * all read, change and save a conversation under its lock, so no change overwrites another.
 * Striped, so memory stays fixed however many conversations there are; different conversations
 * rarely wait for each other. Whoever needs several conversations at once (an erasure, the
 * retention's deletion) takes them with {@link #withLocks}, in one fixed order, so two such callers
 * never wait for each other in a circle.
 */
public final class ConversationLocks {
    private final ReentrantLock[] stripes;

    public ConversationLocks() {
        this(256);
    }

    public ConversationLocks(int stripes) {
        if (stripes < 1) {
            throw new IllegalArgumentException("stripes must be >= 1, was " + stripes);
        }
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    public <T> T withLock(String conversationId, Supplier<T> action) {
        ReentrantLock lock = stripes[stripe(conversationId)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} holding the locks of all these conversations, taken in stripe order. */
    public <T> T withLocks(Collection<String> conversationIds, Supplier<T> action) {
        int[] order = conversationIds.stream()
                .mapToInt(this::stripe)
                .distinct()
                .sorted()
                .toArray();
        int held = 0;
        try {
            for (int stripe : order) {
                stripes[stripe].lock();
                held++;
            }
            return action.get();
        } finally {
            for (int i = held - 1; i >= 0; i--) {
                stripes[order[i]].unlock();
            }
        }
    }

    private int stripe(String conversationId) {
        return Math.floorMod(conversationId.hashCode(), stripes.length);
    }
}
