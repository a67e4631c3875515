package dev.kefu.core.conversation;

import java.util.List;

/**
 * Told about every change saved through an {@link ObservedConversationStore}: the live channels
 * push new messages and states to the widget and the agent desk, the webhook posts hand-offs.
 * Called after the change is stored, under the conversation's lock, so observers see one
 * conversation's changes in order; they must return quickly (hand slow work to an executor).
 */
@FunctionalInterface
public interface ConversationObserver {
    void changed(Conversation conversation, List<ConversationEvent> events);
}
