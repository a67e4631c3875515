package dev.kefu.core.handoff;

import dev.kefu.core.conversation.Conversation;

/**
 * Writes the short summary at the top of an agent's context packet. The extractive summarizer is
 * the default; an LLM-backed one may replace it, falling back to the extractive one on failure.
 */
@FunctionalInterface
public interface ConversationSummarizer {
    /** A few sentences at most; never {@code null}, empty for a conversation without shopper text. */
    String summarize(Conversation conversation);
}
