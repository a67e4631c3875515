package dev.kefu.channels.jdbc;

import dev.kefu.channels.jdbc.JdbcConversationStore.StorageException;
import dev.kefu.core.cluster.NodeId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publish/subscribe between the nodes of one service over PostgreSQL's {@code LISTEN/NOTIFY}: a
 * short message on a named channel reaches the subscribers of that channel on every other node
 * (not this one: it knows already). Notices are hints, the database stays the source of truth: a
 * notice sent while a node was disconnected is lost, so after a reconnection every subscriber is
 * told {@link Listener#missed} and reads what it follows afresh.
 *
 * <p>Channels are per schema (PostgreSQL's channels are per database), so services in other
 * schemas of the same database do not hear each other. One thread listens on a connection of its
 * own, waiting at most {@link #POLL_MILLIS} for notices, and reconnects after a failure; listeners
 * are called on that thread, in the order the notices were committed, and must return quickly.
 */
public final class ClusterNotices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNotices.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    /** PostgreSQL's bound on a notice's payload is 8000 bytes; a node id and a newline come first. */
    static final int MAX_MESSAGE_CHARS = 7000;

    static final int POLL_MILLIS = 250;
    private static final long RECONNECT_MILLIS = 1_000;

    /** What a subscriber is told. */
    public interface Listener {
        /** Another node published {@code message} on the channel. */
        void notice(String message);

        /** Notices may have been lost (the listening connection was down): read afresh. */
        default void missed() {}
    }

    /** Opens the listening connection (not from the pool: it is held for good). */
    @FunctionalInterface
    interface Connector {
        Connection open() throws SQLException;
    }

    private final DataSource pool;
    private final Connector connector;
    private final NodeId self;
    private final String suffix;
    private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();
    private final Set<String> listening = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param pool where notices are published from
     * @param schema the service's schema: channels are named after it
     */
    ClusterNotices(DataSource pool, Connector connector, NodeId self, String schema) {
        this.pool = pool;
        this.connector = connector;
        this.self = self;
        this.suffix = HexFormat.of().toHexDigits(schema.hashCode());
        this.thread = new Thread(this::listen, "kefu-cluster-notices");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Tells the other nodes {@code message} on {@code channel}, once the current transaction of the
     * publishing connection commits (here: at once).
     *
     * @throws StorageException when the database cannot be reached
     */
    public void publish(String channel, String message) {
        String physical = physical(channel);
        if (message.length() > MAX_MESSAGE_CHARS) {
            throw new IllegalArgumentException("a notice is at most " + MAX_MESSAGE_CHARS + " characters");
        }
        try (Connection connection = pool.getConnection();
                PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, physical);
            notify.setString(2, self.value() + "\n" + message);
            notify.execute();
        } catch (SQLException e) {
            throw StorageException.of("cannot publish a notice on " + channel, e);
        }
    }

    /**
     * Calls {@code listener} with every message another node publishes on {@code channel} from now
     * on; returns once this node listens on the channel (or after 5 s, if the database is down: it
     * will listen once it is back, and tell {@link Listener#missed}).
     */
    public void subscribe(String channel, Listener listener) {
        String physical = physical(channel);
        listeners.computeIfAbsent(physical, c -> new CopyOnWriteArrayList<>()).add(listener);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!listening.contains(physical) && !closed && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The channel's name in the database: {@code channel} of this schema. */
    String physical(String channel) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException(
                    "a channel is a lower-case name of at most 40 letters, digits and _: " + channel);
        }
        return channel + "_" + suffix;
    }

    private void listen() {
        Connection connection = null;
        boolean connectedBefore = false;
        while (!closed) {
            try {
                if (connection == null) {
                    connection = connector.open();
                    listening.clear();
                    if (connectedBefore) {
                        LOG.info("cluster notices: listening again after a lost connection");
                        startListening(connection);
                        missedAll();
                    }
                    connectedBefore = true;
                }
                startListening(connection);
                PGNotification[] notices = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
                if (notices != null) {
                    for (PGNotification notice : notices) {
                        deliver(notice.getName(), notice.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                LOG.warn(
                        "cluster notices: the listening connection failed, reconnecting in {} ms", RECONNECT_MILLIS, e);
                closeQuietly(connection);
                connection = null;
                try {
                    Thread.sleep(RECONNECT_MILLIS);
                } catch (InterruptedException interrupted) {
                    break;
                }
            }
        }
        closeQuietly(connection);
    }

    private void startListening(Connection connection) throws SQLException {
        for (String physical : listeners.keySet()) {
            if (!listening.contains(physical)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + physical); // a checked name: letters, digits and _
                }
                listening.add(physical);
            }
        }
    }

    private void deliver(String physical, String payload) {
        int newline = payload.indexOf('\n');
        if (newline < 0 || payload.substring(0, newline).equals(self.value())) {
            return; // this node's own notice, or not one of ours
        }
        String message = payload.substring(newline + 1);
        for (Listener listener : listeners.getOrDefault(physical, List.of())) {
            try {
                listener.notice(message);
            } catch (RuntimeException e) {
                LOG.warn("cluster notices: a listener of {} failed", physical, e);
            }
        }
    }

    private void missedAll() {
        listeners
                .values()
                .forEach(list -> list.forEach(listener -> {
                    try {
                        listener.missed();
                    } catch (RuntimeException e) {
                        LOG.warn("cluster notices: a listener failed to read afresh", e);
                    }
                }));
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("cluster notices: closing the listening connection failed", e);
            }
        }
    }

    /** Stops listening (within {@link #POLL_MILLIS}). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
