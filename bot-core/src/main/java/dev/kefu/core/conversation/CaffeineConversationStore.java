package dev.kefu.core.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;

/**
 * An in-memory store, bounded in size and expiring idle conversations, so a busy demo cannot run
 * out of memory. Conversations are lost on restart; production uses a database-backed store.
 */
public final class CaffeineConversationStore implements ConversationStore {
    private final Cache<String, Conversation> cache;

    /**
     * @param maxConversations at most this many conversations are kept (least recently used go first)
     * @param idleExpiry a conversation untouched this long is dropped
     * @param ticker the time source (tests pass a fake one)
     */
    public CaffeineConversationStore(long maxConversations, Duration idleExpiry, Ticker ticker) {
        if (maxConversations < 1) {
            throw new IllegalArgumentException("maxConversations must be >= 1, was " + maxConversations);
        }
        if (idleExpiry == null || idleExpiry.isNegative() || idleExpiry.isZero()) {
            throw new IllegalArgumentException("idleExpiry must be positive, was " + idleExpiry);
        }
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxConversations)
                .expireAfterAccess(idleExpiry)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Optional<Conversation> find(String conversationId) {
        return Optional.ofNullable(cache.getIfPresent(conversationId));
    }

    @Override
    public void save(Conversation conversation) {
        cache.put(conversation.id(), conversation);
    }

    /** Runs pending evictions; for tests and metrics. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
