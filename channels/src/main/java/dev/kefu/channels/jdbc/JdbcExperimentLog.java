package dev.kefu.channels.jdbc;

import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.slot.SuppressionReason;
import dev.kefu.core.slot.experiment.ArmTally;
import dev.kefu.core.slot.experiment.Experiment;
import dev.kefu.core.slot.experiment.ExperimentLog;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Exposures and storefront events in the conversation database (tables of migration V2). A tally
 * reads three result sets (the experiment's exposures, its exposed shoppers' conversion events, and
 * the hand-offs, ratings and feedback of its exposed conversations) and attributes them in Java:
 * portable between H2 and PostgreSQL, and fine for the thousands of shoppers of a store's
 * experiment; a very large one would want the attribution in SQL.
 */
public final class JdbcExperimentLog implements ExperimentLog {
    private static final String INSERT_EXPOSURE =
            "INSERT INTO slot_exposures (experiment_id, arm, script_id, shopper_key, conversation_id, at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)";
    private static final String INSERT_EVENT =
            "INSERT INTO storefront_events (shopper_id, type, product_id, amount, conversation_id, at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)";

    private final DataSource database;
    private final ConversationEventCodec events;
    /** Read on every message by the slot planner: kept in memory, written through. */
    private volatile Map<String, Experiment.Status> statuses;

    JdbcExperimentLog(DataSource database, ConversationEventCodec events) {
        this.database = database;
        this.events = events;
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

    /**
     * Reads the statuses again, for another node on this database may have paused or ended an
     * experiment. Called by a poll or a notice.
     *
     * @return whether a status changed
     */
    public synchronized boolean follow() {
        Map<String, Experiment.Status> loaded = load();
        boolean changed = !loaded.equals(statuses);
        statuses = loaded;
        return changed;
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
            throw JdbcConversationStore.StorageException.of("cannot read experiment statuses", e);
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
            throw JdbcConversationStore.StorageException.of("cannot set the status of experiment " + experimentId, e);
        }
        Map<String, Experiment.Status> changed = new HashMap<>(statuses());
        changed.put(experimentId, status);
        statuses = Map.copyOf(changed);
    }

    @Override
    public void exposed(Exposure e) {
        insert("an exposure", INSERT_EXPOSURE, statement -> {
            statement.setString(1, e.experimentId());
            statement.setString(2, e.arm());
            statement.setString(3, e.scriptId());
            statement.setString(4, e.shopperKey());
            statement.setString(5, e.conversationId());
            statement.setObject(6, e.at().atOffset(ZoneOffset.UTC));
        });
    }

    @Override
    public void event(StorefrontEvent e) {
        insert("a storefront event", INSERT_EVENT, statement -> {
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
        });
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    private interface Parameters {
        void set(PreparedStatement statement) throws SQLException;
    }

    /** Inserts one row; {@code what} names it in the error. */
    private void insert(String what, String sql, Parameters parameters) {
        try (Connection c = database.getConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            parameters.set(statement);
            statement.executeUpdate();
        } catch (SQLException x) {
            throw JdbcConversationStore.StorageException.of("cannot record " + what, x);
        }
    }

    @Override
    public List<StorefrontEvent> events(String shopperId, Instant since) {
        List<StorefrontEvent> events = new ArrayList<>();
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT " + EVENT_COLUMNS + " FROM storefront_events"
                        + " WHERE shopper_id = ? AND at >= ? ORDER BY at, id")) {
            query.setString(1, shopperId);
            query.setObject(2, since.atOffset(ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    events.add(storefrontEvent(row));
                }
            }
            return events;
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the events of a shopper", e);
        }
    }

    @Override
    public Map<SuppressionReason, Long> suppressions(Instant since) {
        Map<SuppressionReason, Long> counts = new EnumMap<>(SuppressionReason.class);
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT slots_suppressed FROM conversation_events"
                        + " WHERE slots_suppressed IS NOT NULL AND at >= ?")) {
            query.setObject(1, since.atOffset(ZoneOffset.UTC));
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    for (SuppressionReason reason : ConversationEventCodec.suppressed(row.getString(1))) {
                        counts.merge(reason, 1L, Long::sum);
                    }
                }
            }
            return counts;
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot count suppressions", e);
        }
    }

    /** A shopper's first exposure: the arm they are counted in and when attribution starts. */
    private record First(String arm, String conversationId, Instant at) {}

    /** A conversation's first exposure in the experiment, under its shopper's arm. */
    private record Shown(String arm, Instant at) {}

    @Override
    public Map<String, ArmTally> tally(String experimentId, Duration window) {
        try (Connection c = database.getConnection()) {
            Map<String, First> firsts = new LinkedHashMap<>();
            Map<String, Shown> conversations = new LinkedHashMap<>();
            try (PreparedStatement exposures =
                    c.prepareStatement("SELECT shopper_key, arm, conversation_id, at FROM slot_exposures"
                            + " WHERE experiment_id = ? ORDER BY at, id")) {
                exposures.setString(1, experimentId);
                try (ResultSet row = exposures.executeQuery()) {
                    while (row.next()) {
                        String key = row.getString(1);
                        Instant at = instant(row, 4);
                        First first = firsts.get(key);
                        if (first == null) {
                            first = new First(row.getString(2), row.getString(3), at);
                            firsts.put(key, first);
                        }
                        conversations.putIfAbsent(row.getString(3), new Shown(first.arm(), at));
                    }
                }
            }
            Map<String, long[]> shoppers = new TreeMap<>(); // exposures, clicks, conversions, orders
            Map<String, double[]> revenue = new TreeMap<>();
            Conversions conversions = conversionsOf(c, experimentId);
            for (Map.Entry<String, First> shopper : firsts.entrySet()) {
                First first = shopper.getValue();
                long[] n = shoppers.computeIfAbsent(first.arm(), a -> new long[4]);
                double[] sum = revenue.computeIfAbsent(first.arm(), a -> new double[1]);
                n[0]++;
                Set<String> types = new HashSet<>();
                Map<Long, StorefrontEvent> events = new HashMap<>(); // by row: an event can match both ways
                conversions.byShopper().getOrDefault(shopper.getKey(), Map.of()).forEach(events::put);
                conversions
                        .byConversation()
                        .getOrDefault(first.conversationId(), Map.of())
                        .forEach(events::put);
                for (StorefrontEvent event : events.values()) {
                    if (!event.at().isBefore(first.at())
                            && !event.at().isAfter(first.at().plus(window))) {
                        types.add(event.type());
                        if (ORDER.equals(event.type()) && event.amount() != null) {
                            sum[0] += event.amount();
                        }
                    }
                }
                n[1] += types.contains(CLICK) ? 1 : 0;
                n[2] += types.stream().anyMatch(CONVERSIONS::contains) ? 1 : 0;
                n[3] += types.contains(ORDER) ? 1 : 0;
            }
            Map<String, long[]> service = serviceOf(c, events, experimentId, conversations);
            Map<String, ArmTally> result = new TreeMap<>();
            shoppers.forEach((arm, n) -> {
                long[] s = service.getOrDefault(arm, new long[5]);
                result.put(
                        arm, new ArmTally(n[0], n[1], n[2], n[3], revenue.get(arm)[0], s[0], s[1], s[2], s[3], s[4]));
            });
            return result;
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot count experiment " + experimentId, e);
        }
    }

    /** Conversion events by shopper id and by conversation id (an event may be in both). */
    private record Conversions(
            Map<String, Map<Long, StorefrontEvent>> byShopper,
            Map<String, Map<Long, StorefrontEvent>> byConversation) {}

    /** The conversion and click events of the experiment's exposed shoppers and conversations, in one query. */
    private static Conversions conversionsOf(Connection c, String experimentId) throws SQLException {
        List<String> types =
                Stream.concat(CONVERSIONS.stream(), Stream.of(CLICK)).toList();
        String placeholders = String.join(", ", types.stream().map(t -> "?").toList());
        Conversions byKey = new Conversions(new HashMap<>(), new HashMap<>());
        try (PreparedStatement events = c.prepareStatement("SELECT " + EVENT_COLUMNS + ", id FROM storefront_events"
                + " WHERE type IN (" + placeholders + ") AND (shopper_id IN"
                + " (SELECT shopper_key FROM slot_exposures WHERE experiment_id = ?)"
                + " OR conversation_id IN (SELECT conversation_id FROM slot_exposures WHERE experiment_id = ?))")) {
            for (int i = 0; i < types.size(); i++) {
                events.setString(1 + i, types.get(i));
            }
            events.setString(types.size() + 1, experimentId);
            events.setString(types.size() + 2, experimentId);
            try (ResultSet row = events.executeQuery()) {
                while (row.next()) {
                    StorefrontEvent event = storefrontEvent(row);
                    long id = row.getLong(7);
                    byKey.byShopper()
                            .computeIfAbsent(event.shopperId(), k -> new HashMap<>())
                            .put(id, event);
                    if (event.conversationId() != null) {
                        byKey.byConversation()
                                .computeIfAbsent(event.conversationId(), k -> new HashMap<>())
                                .put(id, event);
                    }
                }
            }
        }
        return byKey;
    }

    /**
     * Per arm, the service side of its exposed conversations after their first exposure:
     * conversations, hand-offs, ratings, rating sum, conversations with a thumbs-down.
     */
    private static Map<String, long[]> serviceOf(
            Connection c, ConversationEventCodec codec, String experimentId, Map<String, Shown> conversations)
            throws SQLException {
        Map<String, long[]> byArm = new TreeMap<>();
        conversations.values().forEach(shown -> byArm.computeIfAbsent(shown.arm(), a -> new long[5])[0]++);
        Set<String> handedOff = new HashSet<>();
        Set<String> thumbsDown = new HashSet<>();
        try (PreparedStatement events =
                c.prepareStatement("SELECT conversation_id, type, data, slots_suppressed, at FROM conversation_events"
                        + " WHERE type IN ('handoff', 'rating', 'feedback') AND conversation_id IN"
                        + " (SELECT conversation_id FROM slot_exposures WHERE experiment_id = ?)")) {
            events.setString(1, experimentId);
            try (ResultSet row = events.executeQuery()) {
                while (row.next()) {
                    String conversation = row.getString(1);
                    Shown shown = conversations.get(conversation);
                    Instant at = instant(row, 5);
                    if (shown == null || at.isBefore(shown.at())) {
                        continue;
                    }
                    long[] n = byArm.get(shown.arm());
                    ConversationEvent event =
                            codec.decode(conversation, at, row.getString(2), row.getString(3), row.getString(4));
                    if (event instanceof ConversationEvent.HandedOff && handedOff.add(conversation)) {
                        n[1]++;
                    } else if (event instanceof ConversationEvent.Rated rating) {
                        n[2]++;
                        n[3] += rating.score();
                    } else if (event instanceof ConversationEvent.FeedbackGiven verdict
                            && !verdict.helpful()
                            && thumbsDown.add(conversation)) {
                        n[4]++;
                    }
                }
            }
        }
        return byArm;
    }

    /** The columns {@link #storefrontEvent} reads. */
    private static final String EVENT_COLUMNS = "shopper_id, type, product_id, amount, conversation_id, at";

    /**
     * The storefront event of a row with the columns {@code shopper_id, type, product_id, amount,
     * conversation_id, at}.
     */
    static StorefrontEvent storefrontEvent(ResultSet row) throws SQLException {
        double value = row.getDouble("amount");
        Double amount = row.wasNull() ? null : value; // before any other column is read
        return new StorefrontEvent(
                row.getString("shopper_id"),
                row.getString("type"),
                row.getString("product_id"),
                amount,
                row.getString("conversation_id"),
                JdbcConversationStore.instant(row, "at"));
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
