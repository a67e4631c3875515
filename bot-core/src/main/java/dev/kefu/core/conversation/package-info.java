/**
 * Conversation state and its store. {@link dev.kefu.core.conversation.Conversation} is an
 * immutable value; the pipeline loads it, builds the next value and saves it, one message at a
 * time per conversation; it carries what the pipeline needs to know of the conversation (lines
 * shown, the product it is about, fallbacks in a row). What happens besides messages is a {@link
 * dev.kefu.core.conversation.ConversationEvent}: a sealed set of records, one per kind, read with
 * {@code instanceof}. {@link dev.kefu.core.conversation.ConversationStore} implementations are
 * thread-safe and durable to the degree they document.
 */
package dev.kefu.core.conversation;
