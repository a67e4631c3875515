package dev.kefu.channels.jdbc;

import dev.kefu.core.analytics.ConversationFacts;
import dev.kefu.core.analytics.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The table {@code conversation_facts} (migration V9): one row per conversation with what it counts
 * for in the service figures ({@link ConversationFacts}), written in the transaction that saves the
 * conversation, so the analytics read one row per conversation and are exact. {@code returned} is
 * the one column another conversation sets: the same shopper came back on the same question
 * (docs/ANALYTICS.md, "abandoned").
 */
final class FactsTable {
    /** Seconds in an hour: {@code started_hour} is the start in whole UTC hours since the epoch. */
    static final long HOUR = 3600;

    /** The table and its indexes; one statement each, for H2 and PostgreSQL. */
    static final List<String> DDL = List.of(
            "CREATE TABLE conversation_facts ("
                    + " conversation_id VARCHAR(64) PRIMARY KEY,"
                    + " shopper_id VARCHAR(128),"
                    + " language VARCHAR(8) NOT NULL,"
                    + " started_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " started_hour BIGINT NOT NULL,"
                    + " last_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " first_intent VARCHAR,"
                    + " outcome VARCHAR(16) NOT NULL,"
                    + " returned BOOLEAN DEFAULT FALSE NOT NULL,"
                    + " handoff_reason VARCHAR(32),"
                    + " bot_first_ms BIGINT,"
                    + " agent_first_s BIGINT,"
                    + " queue_wait_s BIGINT,"
                    + " handling_s BIGINT,"
                    + " agent VARCHAR,"
                    + " sla_hit BOOLEAN,"
                    + " rating INTEGER,"
                    + " agent_served BOOLEAN NOT NULL,"
                    + " min_sentiment DOUBLE PRECISION,"
                    + " last_sentiment DOUBLE PRECISION,"
                    + " lines_shown INTEGER NOT NULL)",
            "CREATE INDEX conversation_facts_started ON conversation_facts (started_at)",
            "CREATE INDEX conversation_facts_shopper ON conversation_facts (shopper_id, last_at)");

    /** The written columns, in bind order (then the id). */
    private static final List<String> COLUMNS = List.of(
            "shopper_id",
            "language",
            "started_at",
            "started_hour",
            "last_at",
            "first_intent",
            "outcome",
            "handoff_reason",
            "bot_first_ms",
            "agent_first_s",
            "queue_wait_s",
            "handling_s",
            "agent",
            "sla_hit",
            "rating",
            "agent_served",
            "min_sentiment",
            "last_sentiment",
            "lines_shown");

    static final String UPDATE =
            "UPDATE conversation_facts SET " + String.join(" = ?, ", COLUMNS) + " = ? WHERE conversation_id = ?";
    static final String INSERT = "INSERT INTO conversation_facts (" + String.join(", ", COLUMNS)
            + ", conversation_id) VALUES (" + "?, ".repeat(COLUMNS.size()) + "?)";
    /**
     * The shopper's earlier conversations on the same first question that ended less than {@link
     * Outcome#RETURN_WINDOW} before this one started: they were not resolved after all.
     */
    private static final String MARKED = " WHERE shopper_id = ? AND first_intent = ? AND conversation_id <> ?"
            + " AND started_at <= ? AND last_at >= ? AND returned = FALSE";

    private static final String MARK_RETURNED = "UPDATE conversation_facts SET returned = TRUE" + MARKED;

    private FactsTable() {}

    /** Writes the facts of a conversation (insert or update; {@code returned} stays as it is). */
    static void write(Connection connection, ConversationFacts facts) throws SQLException {
        DailyRollup.dirty(connection, startedHour(facts));
        JdbcConversationStore.upsert(connection, UPDATE, INSERT, FactsTable::bind, facts);
    }

    /**
     * Marks the conversations this one returns to (same shopper, same first intent, ended within
     * {@link Outcome#RETURN_WINDOW} before it started); call once, when its first intent is known.
     */
    static void markReturns(Connection connection, ConversationFacts facts) throws SQLException {
        markReturns(connection, List.of(facts));
    }

    /** {@link #markReturns(Connection, ConversationFacts)} of each, in one batch. */
    static void markReturns(Connection connection, List<ConversationFacts> all) throws SQLException {
        if (all.stream().noneMatch(facts -> facts.shopperId() != null && facts.firstIntent() != null)) {
            return; // an anonymous shopper's conversations are never returns: nothing to prepare
        }
        try (PreparedStatement dirty = connection.prepareStatement("INSERT INTO analytics_dirty (utc_day)"
                        + " SELECT DISTINCT started_hour / 24 FROM conversation_facts" + MARKED);
                PreparedStatement mark = connection.prepareStatement(MARK_RETURNED)) {
            boolean any = false;
            for (ConversationFacts facts : all) {
                if (facts.shopperId() == null || facts.firstIntent() == null) {
                    continue;
                }
                for (PreparedStatement statement : List.of(dirty, mark)) {
                    statement.setString(1, facts.shopperId());
                    statement.setString(2, facts.firstIntent());
                    statement.setString(3, facts.conversationId());
                    JdbcConversationStore.setInstant(statement, 4, facts.startedAt());
                    JdbcConversationStore.setInstant(
                            statement, 5, facts.startedAt().minus(Outcome.RETURN_WINDOW));
                    statement.addBatch();
                }
                any = true;
            }
            if (any) {
                dirty.executeBatch(); // the days of the conversations about to be marked
                mark.executeBatch();
            }
        }
    }

    /** Binds the {@link #COLUMNS} in order, then the id; for {@link #UPDATE}, {@link #INSERT} or a batch of either. */
    static void bind(PreparedStatement s, ConversationFacts f) throws SQLException {
        int i = 0;
        s.setString(++i, f.shopperId());
        s.setString(++i, f.language().code());
        JdbcConversationStore.setInstant(s, ++i, f.startedAt());
        s.setLong(++i, startedHour(f));
        JdbcConversationStore.setInstant(s, ++i, f.lastAt());
        s.setString(++i, f.firstIntent());
        s.setString(++i, f.outcome().code());
        s.setString(++i, f.handoffReason() == null ? null : f.handoffReason().code());
        setLong(s, ++i, f.botFirstMs());
        setLong(s, ++i, f.agentFirstSeconds());
        setLong(s, ++i, f.queueWaitSeconds());
        setLong(s, ++i, f.handlingSeconds());
        s.setString(++i, f.agent());
        if (f.slaHit() == null) {
            s.setNull(++i, Types.BOOLEAN);
        } else {
            s.setBoolean(++i, f.slaHit());
        }
        if (f.rating() == null) {
            s.setNull(++i, Types.INTEGER);
        } else {
            s.setInt(++i, f.rating());
        }
        s.setBoolean(++i, f.agentServed());
        setDouble(s, ++i, f.minSentiment());
        setDouble(s, ++i, f.lastSentiment());
        s.setInt(++i, f.linesShown());
        s.setString(++i, f.conversationId());
    }

    static long startedHour(ConversationFacts f) {
        return Math.floorDiv(f.startedAt().getEpochSecond(), HOUR);
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.DOUBLE);
        } else {
            s.setDouble(index, value);
        }
    }
}
