package dev.kefu.channels.jdbc;

import dev.kefu.channels.jdbc.JdbcConversationStore.StorageException;
import dev.kefu.core.cluster.NodeId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Named leases in PostgreSQL (table of migration V10): one node at a time holds a lease until it
 * expires, renews it to keep it, and any node takes an expired one over. Times are the database's,
 * so the nodes' clocks do not matter.
 */
public final class JdbcLeases {
    private static final String HOLD = "INSERT INTO cluster_leases (name, holder, expires_at)"
            + " VALUES (?, ?, clock_timestamp() + ? * INTERVAL '1 millisecond')"
            + " ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at"
            + " WHERE cluster_leases.holder = EXCLUDED.holder OR cluster_leases.expires_at < clock_timestamp()";

    private final DataSource pool;

    JdbcLeases(DataSource pool) {
        this.pool = pool;
    }

    /**
     * Takes the lease {@code name} for {@code node} (or renews it) until {@code ttl} from now, unless
     * another node holds it unexpired.
     *
     * @return whether {@code node} holds it now
     */
    public boolean hold(String name, NodeId node, Duration ttl) {
        try (Connection connection = pool.getConnection();
                PreparedStatement hold = connection.prepareStatement(HOLD)) {
            hold.setString(1, name);
            hold.setString(2, node.value());
            hold.setLong(3, ttl.toMillis());
            return hold.executeUpdate() == 1;
        } catch (SQLException e) {
            throw StorageException.of("cannot take the lease " + name, e);
        }
    }

    /** Gives the lease up, if {@code node} holds it: another node may take it at once. */
    public void release(String name, NodeId node) {
        try (Connection connection = pool.getConnection();
                PreparedStatement release =
                        connection.prepareStatement("DELETE FROM cluster_leases WHERE name = ? AND holder = ?")) {
            release.setString(1, name);
            release.setString(2, node.value());
            release.executeUpdate();
        } catch (SQLException e) {
            throw StorageException.of("cannot give the lease " + name + " up", e);
        }
    }

    /** Who holds the lease now, if anyone does. */
    public Optional<String> holder(String name) {
        try (Connection connection = pool.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT holder FROM cluster_leases" + " WHERE name = ? AND expires_at >= clock_timestamp()")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw StorageException.of("cannot read the lease " + name, e);
        }
    }
}
