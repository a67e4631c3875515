package dev.kefu.channels.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compaction of the embedded H2 file while the server runs. With {@code WRITE_DELAY=0} (every
 * commit on disk before it returns) H2's own background thread, the one that compacts, never
 * starts, so nothing rewrites the live pages left in mostly dead chunks and the file keeps their
 * space. {@link #step} does what that thread would: {@link MVStore#compact(int, int)} rewrites the
 * live pages of the sparsest chunks older than the retention time into a new chunk, through an
 * ordinary commit; the old chunks' space is then reused once they are older than the retention
 * time (kept at H2's default: a shorter one lost acknowledged saves under {@code kill -9},
 * docs/BENCHMARKS.md "Storage per conversation"). It never moves chunks or truncates the file: that
 * happens at close ({@link #shutdown}).
 */
final class EmbeddedCompaction {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCompaction.class);

    /** Chunks are rewritten while the live share of all chunks is below this percentage. */
    static final int TARGET_FILL_RATE = 90;

    /** At most this many bytes are rewritten per run, so one run stays a few milliseconds long. */
    static final int WRITE_PER_RUN = 4 * 1024 * 1024;

    private final MVStore store;

    private EmbeddedCompaction(MVStore store) {
        this.store = store;
    }

    /** The compaction of {@code database}'s store when it is an embedded H2 one, else empty. */
    static Optional<EmbeddedCompaction> of(DataSource database) {
        try (Connection connection = database.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)) {
                return Optional.empty();
            }
            Session session = connection.unwrap(JdbcConnection.class).getSession();
            if (session instanceof SessionLocal local && local.getDatabase().getStore() != null) {
                return Optional.of(
                        new EmbeddedCompaction(local.getDatabase().getStore().getMvStore()));
            }
            return Optional.empty();
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot reach the embedded store to compact it", e);
        }
    }

    /**
     * One compaction step: whether live pages were rewritten. A failure is logged (the next step
     * tries again), never thrown at the timer.
     */
    boolean step() {
        if (store.isClosed()) {
            return false;
        }
        try {
            return store.compact(TARGET_FILL_RATE, WRITE_PER_RUN);
        } catch (RuntimeException e) {
            LOG.warn("compacting the embedded database failed", e);
            return false;
        }
    }

    /**
     * Closes the database with {@code SHUTDOWN COMPACT}: H2 closes the store cleanly, copies the
     * live data into {@code kefu.mv.db.tempFile} and replaces the file with it by an atomic move, so
     * a process killed meanwhile leaves the closed original. What is left is the live data alone
     * (the retained chunks of the last 45 s, the holes of freed ones and dead pages are gone).
     * A failure is logged: the data is on disk whether or not the file was compacted.
     */
    void shutdown(DataSource database) {
        boolean compacted = false;
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN COMPACT");
            compacted = true;
        } catch (SQLException e) {
            // after SHUTDOWN the pool's connection cannot be closed cleanly (90121): expected
            if (!compacted) {
                LOG.warn("compacting the embedded database at close failed (SQLState {})", e.getSQLState());
            }
        }
    }
}
