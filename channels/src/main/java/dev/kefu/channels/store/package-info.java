/**
 * Durable conversations: {@link dev.kefu.channels.store.JdbcConversationStore} keeps transcripts,
 * states, hand-off tickets and events in embedded H2 (the default, in the data directory) or
 * PostgreSQL, with one set of Flyway migrations ({@code db/migration}, and the Java migration V5
 * that rewrites stored events) for both. Events are written and read by one codec, {@code
 * ConversationEventCodec}. A save is one transaction and is on disk when it returns, so an
 * acknowledged message survives a crash.
 */
package dev.kefu.channels.store;
