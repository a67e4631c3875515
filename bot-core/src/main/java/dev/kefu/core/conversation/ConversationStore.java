package dev.kefu.core.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where conversations live: their transcript, state and events. The embedded database is the
 * server's default; PostgreSQL serves production; the in-memory {@link
 * CaffeineConversationStore} is for tests and tools.
 *
 * <p>Implementations are thread-safe. Callers serialise changes to one conversation (see {@link
 * ConversationLocks}), so a store needs no compare-and-set. {@link #save} returns only once the
 * conversation and its events are durably stored, in one transaction: after it returns, a message
 * is acknowledged.
 */
public interface ConversationStore {
    Optional<Conversation> find(String conversationId);

    /**
     * Stores the conversation as given (its messages are only ever appended to) and the events
     * that came with this change, atomically.
     */
    void save(Conversation conversation, List<ConversationEvent> events);

    default void save(Conversation conversation) {
        save(conversation, List.of());
    }

    /** Every conversation in one of these states (the queue and the agents' conversations). */
    List<Conversation> inStates(Set<ConversationState> states);

    /**
     * The queued conversations whose hand-off is due by {@code at}, ordered by id: the queue timer
     * asks every second, and on a busy day thousands wait, so a database answers from its columns
     * rather than reading the whole queue.
     */
    default List<Conversation> queuedDueBy(Instant at) {
        return inStates(Set.of(ConversationState.QUEUED)).stream()
                .filter(c -> c.ticket() != null && !at.isBefore(c.ticket().dueAt()))
                .toList();
    }

    /**
     * The conversations in these states that went to a person ({@link HandoffListing}: no transcript),
     * ordered by id, for the queue and the agents' lists; a database answers from the conversation
     * rows and each one's latest shopper message.
     */
    default List<HandoffListing> handedOff(Set<ConversationState> states) {
        return inStates(states).stream()
                .filter(c -> c.ticket() != null)
                .map(HandoffListing::of)
                .toList();
    }

    /** A conversation's events, oldest first. */
    List<ConversationEvent> events(String conversationId);
}
