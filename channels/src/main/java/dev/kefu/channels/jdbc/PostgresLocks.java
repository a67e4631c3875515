package dev.kefu.channels.jdbc;

import dev.kefu.channels.jdbc.JdbcConversationStore.StorageException;
import dev.kefu.core.conversation.ConversationBusyException;
import dev.kefu.core.conversation.ConversationLocks;
import dev.kefu.core.conversation.StripedConversationLocks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversation locks across the nodes on one PostgreSQL database: a transaction-level advisory
 * lock ({@code pg_advisory_xact_lock}) keyed by the conversation id's hash, held on a connection of
 * its own for as long as the change takes, and released by ending that transaction (or by the
 * database, when the node dies). A node's own threads first queue on its in-memory locks, so a
 * waiting thread holds no connection. A lock not free within {@code wait} is a {@link
 * ConversationBusyException}; two conversations whose hashes collide only wait for each other.
 */
final class PostgresLocks implements ConversationLocks {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresLocks.class);
    /** The first half of every key: Kefu's conversations (ASCII "Kefu"), apart from others' advisory locks. */
    static final int NAMESPACE = 0x4b656675;
    /** PostgreSQL's SQLState of a lock wait past {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final DataSource connections;
    private final Duration wait;
    private final StripedConversationLocks local;
    /** The conversations this thread holds the database's locks of (a nested lock takes nothing). */
    private final ThreadLocal<Set<String>> held = ThreadLocal.withInitial(HashSet::new);

    /** @param connections where the locks' connections come from: a pool apart from the writers' */
    PostgresLocks(DataSource connections, Duration wait) {
        this.connections = connections;
        this.wait = wait;
        this.local = new StripedConversationLocks(256, wait);
    }

    @Override
    public <T> T withLock(String conversationId, Supplier<T> action) {
        return withLocks(List.of(conversationId), action);
    }

    @Override
    public <T> T withLocks(Collection<String> conversationIds, Supplier<T> action) {
        Set<String> mine = held.get();
        List<String> wanted = conversationIds.stream()
                .distinct()
                .filter(id -> !mine.contains(id))
                .sorted(Comparator.comparingInt(String::hashCode).thenComparing(Comparator.naturalOrder()))
                .toList();
        if (wanted.isEmpty()) {
            return action.get();
        }
        return local.withLocks(wanted, () -> {
            Connection connection = lock(wanted);
            mine.addAll(wanted);
            try {
                return action.get();
            } finally {
                mine.removeAll(wanted);
                unlock(connection);
            }
        });
    }

    /** A connection whose open transaction holds the locks of {@code ids}, taken in key order. */
    private Connection lock(List<String> ids) {
        Connection connection = null;
        try {
            connection = connections.getConnection();
            connection.setAutoCommit(false);
            try (Statement timeout = connection.createStatement()) {
                timeout.execute("SET LOCAL lock_timeout = " + Math.max(1, wait.toMillis()));
            }
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                for (String id : ids) {
                    lock.setInt(1, NAMESPACE);
                    lock.setInt(2, id.hashCode());
                    lock.execute();
                }
            }
            return connection;
        } catch (SQLException e) {
            unlock(connection);
            // the lock's wait ran out, or every lock connection stayed taken as long
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || e instanceof SQLTransientConnectionException) {
                throw new ConversationBusyException(ids, wait);
            }
            throw StorageException.of("cannot lock conversation " + String.join(", ", ids), e);
        }
    }

    /** Ends the transaction, which frees its locks; a broken connection is dropped by the pool. */
    private static void unlock(Connection connection) {
        if (connection == null) {
            return;
        }
        try (connection) {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn(
                    "cluster: freeing a conversation lock failed (SQLState {}); its connection is closed",
                    e.getSQLState());
        }
    }
}
