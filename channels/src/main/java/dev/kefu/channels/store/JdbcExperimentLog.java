package dev.kefu.channels.store;

import dev.kefu.core.slot.experiment.Experiment;
import dev.kefu.core.slot.experiment.ExperimentLog;
import dev.kefu.core.slot.experiment.ExperimentStats.Counts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Exposures and storefront events in the conversation database (tables of migration V2). Counts
 * are computed in Java from one experiment's exposures and the events of its exposed shoppers:
 * portable between H2 and PostgreSQL, and fine for the thousands of shoppers of a store's
 * experiment; a very large one would want the attribution in SQL.
 */
public final class JdbcExperimentLog implements ExperimentLog {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final DataSource database;
    /** Read on every message by the slot planner: kept in memory, written through. */
    private volatile Map<String, Experiment.Status> statuses;

    JdbcExperimentLog(DataSource database) {
        this.database = database;
    }

    @Override
    public Map<String, Experiment.Status> statuses() {
        Map<String, Experiment.Status> known = statuses;
        if (known == null) {
            synchronized (this) {
                if (statuses == null) {
                    statuses = load();
                }
                known = statuses;
            }
        }
        return known;
    }

    private Map<String, Experiment.Status> load() {
        Map<String, Experiment.Status> loaded = new HashMap<>();
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT experiment_id, status FROM experiment_status");
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                loaded.put(row.getString(1), Experiment.Status.fromCode(row.getString(2)));
            }
            return Map.copyOf(loaded);
        } catch (SQLException e) {
            throw new JdbcConversationStore.StorageException("cannot read experiment statuses: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void status(String experimentId, Experiment.Status status, String actor, Instant at) {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete =
                            c.prepareStatement("DELETE FROM experiment_status WHERE experiment_id = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO experiment_status"
                            + " (experiment_id, status, changed_by, changed_at) VALUES (?, ?, ?, ?)")) {
                delete.setString(1, experimentId);
                delete.executeUpdate();
                insert.setString(1, experimentId);
                insert.setString(2, status.code());
                insert.setString(3, actor);
                insert.setObject(4, at.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new JdbcConversationStore.StorageException(
                    "cannot set the status of experiment " + experimentId + ": " + e.getMessage(), e);
        }
        Map<String, Experiment.Status> changed = new HashMap<>(statuses());
        changed.put(experimentId, status);
        statuses = Map.copyOf(changed);
    }

    @Override
    public void exposed(Exposure e) {
        try (Connection c = database.getConnection();
                PreparedStatement statement = c.prepareStatement(
                        "INSERT INTO slot_exposures (experiment_id, arm, script_id, shopper_key, conversation_id, at)"
                                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, e.experimentId());
            statement.setString(2, e.arm());
            statement.setString(3, e.scriptId());
            statement.setString(4, e.shopperKey());
            statement.setString(5, e.conversationId());
            statement.setObject(6, e.at().atOffset(ZoneOffset.UTC));
            statement.executeUpdate();
        } catch (SQLException x) {
            throw new JdbcConversationStore.StorageException("cannot record an exposure: " + x.getMessage(), x);
        }
    }

    @Override
    public void event(StorefrontEvent e) {
        try (Connection c = database.getConnection();
                PreparedStatement statement = c.prepareStatement(
                        "INSERT INTO storefront_events (shopper_id, type, product_id, amount, conversation_id, at)"
                                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, e.shopperId());
            statement.setString(2, e.type());
            statement.setString(3, e.productId());
            if (e.amount() == null) {
                statement.setNull(4, Types.DOUBLE);
            } else {
                statement.setDouble(4, e.amount());
            }
            statement.setString(5, e.conversationId());
            statement.setObject(6, e.at().atOffset(ZoneOffset.UTC));
            statement.executeUpdate();
        } catch (SQLException x) {
            throw new JdbcConversationStore.StorageException("cannot record a storefront event: " + x.getMessage(), x);
        }
    }

    @Override
    public List<StorefrontEvent> events(String shopperId, Instant since) {
        List<StorefrontEvent> events = new ArrayList<>();
        try (Connection c = database.getConnection();
                PreparedStatement query =
                        c.prepareStatement("SELECT type, product_id, amount, conversation_id, at FROM storefront_events"
                                + " WHERE shopper_id = ? AND at >= ? ORDER BY at, id")) {
            query.setString(1, shopperId);
            query.setObject(2, since.atOffset(ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    double value = row.getDouble(3);
                    Double amount = row.wasNull() ? null : value;
                    events.add(new StorefrontEvent(
                            shopperId, row.getString(1), row.getString(2), amount, row.getString(4), instant(row, 5)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new JdbcConversationStore.StorageException(
                    "cannot read the events of a shopper: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, Long> suppressions(Instant since) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT data FROM conversation_events"
                        + " WHERE type IN ('reply', 'handoff') AND at >= ? AND data LIKE '%slotsSuppressed%'")) {
            query.setObject(1, since.atOffset(ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    String reasons = JSON.readTree(row.getString(1))
                            .path("slotsSuppressed")
                            .asText("");
                    for (String reason : reasons.split(",")) {
                        if (!reason.isBlank()) {
                            counts.merge(reason, 1L, Long::sum);
                        }
                    }
                }
            }
            return counts;
        } catch (SQLException | java.io.IOException e) {
            throw new JdbcConversationStore.StorageException("cannot count suppressions: " + e.getMessage(), e);
        }
    }

    /** A shopper's first exposure: the arm they are counted in and when attribution starts. */
    private record First(String arm, String conversationId, Instant at) {}

    @Override
    public Map<String, Counts> counts(String experimentId, Duration window) {
        Map<String, First> firsts = new HashMap<>();
        try (Connection c = database.getConnection();
                PreparedStatement exposures =
                        c.prepareStatement("SELECT shopper_key, arm, conversation_id, at FROM slot_exposures"
                                + " WHERE experiment_id = ? ORDER BY at, id")) {
            exposures.setString(1, experimentId);
            try (ResultSet row = exposures.executeQuery()) {
                while (row.next()) {
                    firsts.putIfAbsent(
                            row.getString(1), new First(row.getString(2), row.getString(3), instant(row, 4)));
                }
            }
            Map<String, long[]> counts = new TreeMap<>();
            for (Map.Entry<String, First> shopper : firsts.entrySet()) {
                First first = shopper.getValue();
                long[] arm = counts.computeIfAbsent(first.arm(), a -> new long[2]);
                arm[0]++;
                if (converted(c, shopper.getKey(), first, window)) {
                    arm[1]++;
                }
            }
            Map<String, Counts> result = new TreeMap<>();
            counts.forEach((arm, n) -> result.put(arm, new Counts(n[0], n[1])));
            return result;
        } catch (SQLException e) {
            throw new JdbcConversationStore.StorageException(
                    "cannot count experiment " + experimentId + ": " + e.getMessage(), e);
        }
    }

    /** Whether the shopper (or their conversation, for an anonymous one) converted in the window. */
    private static boolean converted(Connection c, String shopperKey, First first, Duration window)
            throws SQLException {
        List<String> types = new ArrayList<>(CONVERSIONS);
        String placeholders = String.join(", ", types.stream().map(t -> "?").toList());
        try (PreparedStatement events = c.prepareStatement("SELECT COUNT(*) FROM storefront_events"
                + " WHERE (shopper_id = ? OR conversation_id = ?) AND at >= ? AND at <= ? AND type IN ("
                + placeholders + ")")) {
            events.setString(1, shopperKey);
            events.setString(2, first.conversationId());
            events.setObject(3, first.at().atOffset(ZoneOffset.UTC));
            events.setObject(4, first.at().plus(window).atOffset(ZoneOffset.UTC));
            for (int i = 0; i < types.size(); i++) {
                events.setString(5 + i, types.get(i));
            }
            try (ResultSet row = events.executeQuery()) {
                return row.next() && row.getLong(1) > 0;
            }
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
