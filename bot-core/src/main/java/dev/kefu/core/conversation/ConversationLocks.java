package dev.kefu.core.conversation;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises the changes to one conversation: the pipeline, the agent desk and the queue's timer
 * all read, change and save a conversation under its lock, so no change overwrites another.
 * Striped, so memory stays fixed however many conversations there are; different conversations
 * rarely wait for each other.
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
        ReentrantLock lock = stripes[Math.floorMod(conversationId.hashCode(), stripes.length)];
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
