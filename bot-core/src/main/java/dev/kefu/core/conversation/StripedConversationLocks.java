package dev.kefu.core.conversation;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The conversation locks of one process (a node alone, or a node's own part of the cluster's
 * locks). Striped, so memory stays fixed however many conversations there are; different
 * conversations rarely wait for each other. Several conversations are taken in stripe order, so
 * two such callers never wait for each other in a circle. Reentrant.
 */
public final class StripedConversationLocks implements ConversationLocks {
    private final ReentrantLock[] stripes;
    /** How long to wait for a lock; {@code null} waits as long as it takes. */
    private final Duration wait;

    public StripedConversationLocks() {
        this(256, null);
    }

    /** @param wait how long to wait for a lock before {@link ConversationBusyException}; {@code null}: forever */
    public StripedConversationLocks(int stripes, Duration wait) {
        if (stripes < 1) {
            throw new IllegalArgumentException("stripes must be >= 1, was " + stripes);
        }
        this.wait = wait;
        this.stripes = new ReentrantLock[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new ReentrantLock();
        }
    }

    @Override
    public <T> T withLock(String conversationId, Supplier<T> action) {
        ReentrantLock lock = stripes[stripe(conversationId)];
        take(lock, List.of(conversationId));
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> T withLocks(Collection<String> conversationIds, Supplier<T> action) {
        int[] order = conversationIds.stream()
                .mapToInt(this::stripe)
                .distinct()
                .sorted()
                .toArray();
        int held = 0;
        try {
            for (int stripe : order) {
                take(stripes[stripe], conversationIds);
                held++;
            }
            return action.get();
        } finally {
            for (int i = held - 1; i >= 0; i--) {
                stripes[order[i]].unlock();
            }
        }
    }

    private void take(ReentrantLock lock, Collection<String> conversationIds) {
        if (wait == null) {
            lock.lock();
            return;
        }
        try {
            if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ConversationBusyException(conversationIds, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConversationBusyException(conversationIds, wait);
        }
    }

    private int stripe(String conversationId) {
        return Math.floorMod(conversationId.hashCode(), stripes.length);
    }
}
