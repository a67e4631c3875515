package dev.kefu.core.conversation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory store, bounded in size and expiring idle conversations, for tests and tools.
 * Conversations are lost on restart; the server uses a database-backed store.
 */
public final class CaffeineConversationStore implements ConversationStore {
    private final Cache<String, Stored> cache;

    private record Stored(Conversation conversation, List<ConversationEvent> events) {}

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

    /** A store for tests: 10,000 conversations, a day's expiry. */
    public static CaffeineConversationStore forTests() {
        return new CaffeineConversationStore(10_000, Duration.ofDays(1), Ticker.systemTicker());
    }

    @Override
    public Optional<Conversation> find(String conversationId) {
        return Optional.ofNullable(cache.getIfPresent(conversationId)).map(Stored::conversation);
    }

    @Override
    public void save(Conversation conversation, List<ConversationEvent> events) {
        cache.asMap().compute(conversation.id(), (id, old) -> {
            List<ConversationEvent> all = new ArrayList<>(old == null ? List.of() : old.events());
            all.addAll(events);
            return new Stored(conversation, List.copyOf(all));
        });
    }

    @Override
    public List<Conversation> inStates(Set<ConversationState> states) {
        return cache.asMap().values().stream()
                .map(Stored::conversation)
                .filter(c -> states.contains(c.state()))
                .sorted(Comparator.comparing(Conversation::id))
                .toList();
    }

    @Override
    public List<ConversationEvent> events(String conversationId) {
        return Optional.ofNullable(cache.getIfPresent(conversationId))
                .map(Stored::events)
                .orElse(List.of());
    }

    /** Runs pending evictions; for tests and metrics. */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
