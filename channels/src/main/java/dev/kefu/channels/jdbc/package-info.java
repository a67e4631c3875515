/**
 * Durable conversations: {@link dev.kefu.channels.jdbc.JdbcConversationStore} keeps transcripts,
 * states, hand-off tickets and events in embedded H2 (the default, in the data directory) or
 * PostgreSQL, with one set of Flyway migrations ({@code db/migration}) for both. A save is one
 * transaction and is on disk when it returns, so an acknowledged message survives a crash.
 */
package dev.kefu.channels.jdbc;
