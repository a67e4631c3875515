/**
 * Durable conversations: {@link dev.kefu.channels.jdbc.JdbcConversationStore} keeps transcripts,
 * states, hand-off tickets and events in embedded H2 (the default, in the data directory) or
 * PostgreSQL, with one set of Flyway migrations ({@code db/migration}) for both. A save is one
 * transaction and is on disk when it returns, so an acknowledged message survives a crash; the
 * embedded file is compacted on a timer and at close ({@link dev.kefu.channels.jdbc.EmbeddedCompaction}).
 * {@link dev.kefu.channels.jdbc.JdbcPersonalData} exports or erases one shopper's rows across the
 * tables and deletes those past the retention period. On PostgreSQL the nodes of one schema are
 * one service ({@link dev.kefu.channels.jdbc.PostgresCluster}): conversation locks, the timers'
 * lease ({@link dev.kefu.channels.jdbc.JdbcLeases}), the webhook outbox ({@link
 * dev.kefu.channels.jdbc.JdbcWebhookOutbox}) and notices between nodes ({@link
 * dev.kefu.channels.jdbc.ClusterNotices}) live in the database. A failure names the operation and the
 * SQLState, never the driver's message, which can quote a shopper's text.
 */
package dev.kefu.channels.jdbc;
