/**
 * Conversation state and its store. {@link dev.kefu.core.conversation.Conversation} is an
 * immutable value; the pipeline loads it, builds the next value and saves it, one message at a
 * time per conversation. {@link dev.kefu.core.conversation.ConversationStore} implementations are
 * thread-safe and durable to the degree they document.
 */
package dev.kefu.core.conversation;
