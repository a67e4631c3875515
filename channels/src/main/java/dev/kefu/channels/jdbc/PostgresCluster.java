package dev.kefu.channels.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kefu.channels.jdbc.JdbcConversationStore.StorageException;
import dev.kefu.core.DaemonThreads;
import dev.kefu.core.cluster.Cluster;
import dev.kefu.core.cluster.NodeId;
import dev.kefu.core.conversation.ConversationLocks;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes on one PostgreSQL database and schema, as one service: conversation locks in the
 * database ({@link PostgresLocks}, on a pool of their own so a held lock never keeps a writer from
 * a connection), the {@code timers} lease renewed every third of its time to live ({@link
 * JdbcLeases}), and the notices between nodes ({@link ClusterNotices}).
 *
 * <p>This node runs the timers while its last renewal is less than two thirds of the lease's time
 * to live old, so it stops before another node can take the lease over (a third of the time to
 * live after the renewal that failed).
 */
public final class PostgresCluster implements Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresCluster.class);
    /** The lease of the service's timers (overdue check, retention). */
    public static final String TIMERS = "timers";
    /** How long a change may wait for a conversation's lock before it is refused as busy. */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(30);
    /** How long the timers' lease lasts without renewal: a dead holder's timers move after this. */
    public static final Duration LEASE = Duration.ofSeconds(15);

    private final NodeId self;
    private final HikariDataSource lockPool;
    private final PostgresLocks locks;
    private final JdbcLeases leases;
    private final ClusterNotices notices;
    private final Duration lease;
    private final ScheduledExecutorService renewal;
    private volatile long runsTimersUntil;
    private volatile boolean runsTimers;

    PostgresCluster(HikariDataSource pool, NodeId self, Duration lockWait, Duration lease) {
        this.self = self;
        this.lease = lease;
        HikariConfig config = new HikariConfig();
        config.setPoolName("kefu-locks");
        config.setJdbcUrl(pool.getJdbcUrl());
        config.setUsername(pool.getUsername());
        config.setPassword(pool.getPassword());
        config.setMaximumPoolSize(pool.getMaximumPoolSize());
        config.setConnectionTimeout(lockWait.toMillis());
        this.lockPool = new HikariDataSource(config);
        this.locks = new PostgresLocks(lockPool, lockWait);
        this.leases = new JdbcLeases(pool);
        String schema = schema(pool);
        this.notices = new ClusterNotices(pool, this::listeningConnection, self, schema);
        LOG.info(
                "cluster: node {} serves with every node on this PostgreSQL database and schema {}: conversations are"
                        + " locked and changes relayed through it",
                self,
                schema);
        this.renewal = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("kefu-lease"));
        renew(); // before the first timer asks
        long every = Math.max(1, lease.toMillis() / 3);
        renewal.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    private static String schema(HikariDataSource pool) {
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_schema()")) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            throw StorageException.of("cannot read the current schema", e);
        }
    }

    private Connection listeningConnection() throws SQLException {
        Properties properties = new Properties();
        if (lockPool.getUsername() != null) {
            properties.setProperty("user", lockPool.getUsername());
        }
        if (lockPool.getPassword() != null) {
            properties.setProperty("password", lockPool.getPassword());
        }
        properties.setProperty("ApplicationName", "kefu-notices");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(lockPool.getJdbcUrl(), properties);
    }

    private void renew() {
        long started = System.nanoTime();
        boolean held;
        try {
            held = leases.hold(TIMERS, self, lease);
        } catch (RuntimeException e) {
            LOG.warn("cluster: renewing the timers' lease failed", e);
            held = false;
        }
        runsTimersUntil = started + lease.toNanos() * 2 / 3;
        if (held != runsTimers) {
            LOG.info(
                    held ? "cluster: node {} runs the timers now" : "cluster: node {} no longer runs the timers", self);
        }
        runsTimers = held;
    }

    @Override
    public NodeId self() {
        return self;
    }

    @Override
    public boolean alone() {
        return false;
    }

    @Override
    public ConversationLocks locks() {
        return locks;
    }

    @Override
    public boolean runsTimers() {
        return runsTimers && System.nanoTime() - runsTimersUntil < 0;
    }

    /** The notices between the nodes (the live relay's, the knowledge's). */
    public ClusterNotices notices() {
        return notices;
    }

    /** The database's leases, beside the timers' one. */
    public JdbcLeases leases() {
        return leases;
    }

    /** Stops renewing and gives the timers' lease up; this node may still be killed instead, then it expires. */
    void stopRenewing() {
        renewal.shutdownNow();
        runsTimers = false;
    }

    @Override
    public void close() {
        stopRenewing();
        try {
            leases.release(TIMERS, self);
        } catch (RuntimeException e) {
            LOG.warn("cluster: giving the timers' lease up failed; it expires in {}", lease, e);
        }
        notices.close();
        lockPool.close();
    }
}
