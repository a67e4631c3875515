package dev.kefu.core.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A store that tells its {@link ConversationObserver}s about every saved change. Every writer
 * (pipeline, agent desk, queue timer) saves through it, so observers see all changes from one
 * place. An observer that throws is logged and skipped: the change is already stored.
 */
public final class ObservedConversationStore implements ConversationStore {
    private static final Logger LOG = LoggerFactory.getLogger(ObservedConversationStore.class);

    private final ConversationStore delegate;
    private final List<ConversationObserver> observers = new CopyOnWriteArrayList<>();

    public ObservedConversationStore(ConversationStore delegate) {
        this.delegate = delegate;
    }

    public void observe(ConversationObserver observer) {
        observers.add(observer);
    }

    @Override
    public Optional<Conversation> find(String conversationId) {
        return delegate.find(conversationId);
    }

    @Override
    public void save(Conversation conversation, List<ConversationEvent> events) {
        delegate.save(conversation, events);
        for (ConversationObserver observer : observers) {
            try {
                observer.changed(conversation, events);
            } catch (RuntimeException e) {
                LOG.warn("conversation observer {} failed", observer.getClass().getSimpleName(), e);
            }
        }
    }

    @Override
    public List<Conversation> inStates(Set<ConversationState> states) {
        return delegate.inStates(states);
    }

    @Override
    public List<Conversation> queuedDueBy(Instant at) {
        return delegate.queuedDueBy(at);
    }

    @Override
    public List<HandoffListing> handedOff(Set<ConversationState> states) {
        return delegate.handedOff(states);
    }

    @Override
    public List<ConversationEvent> events(String conversationId) {
        return delegate.events(conversationId);
    }
}
