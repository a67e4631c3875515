package dev.kefu.core.conversation;

import java.util.Optional;

/**
 * Where conversations live between messages. The in-memory {@link CaffeineConversationStore} is
 * the default; a database-backed store implements the same contract for production.
 *
 * <p>Implementations are thread-safe. The pipeline serialises changes to one conversation, so a
 * store needs no compare-and-set. {@link #save} returns only once the conversation is stored:
 * after it returns, the message is acknowledged to the shopper.
 */
public interface ConversationStore {
    Optional<Conversation> find(String conversationId);

    void save(Conversation conversation);
}
