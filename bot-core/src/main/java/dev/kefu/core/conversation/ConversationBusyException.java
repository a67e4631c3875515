package dev.kefu.core.conversation;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * A conversation's lock was not free in time (another change to it, perhaps on another node, took
 * too long): nothing was changed, the caller may try again.
 */
public final class ConversationBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> conversationIds;

    public ConversationBusyException(Collection<String> conversationIds, Duration waited) {
        super("conversation " + String.join(", ", conversationIds) + " is busy: its lock was not free within "
                + waited.toMillis() + " ms");
        this.conversationIds = List.copyOf(conversationIds);
    }

    public List<String> conversationIds() {
        return conversationIds;
    }
}
