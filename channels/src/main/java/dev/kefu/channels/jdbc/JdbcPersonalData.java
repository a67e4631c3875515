package dev.kefu.channels.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.channels.jdbc.JdbcConversationStore.StorageException;
import dev.kefu.core.Checks;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationLocks;
import dev.kefu.core.slot.experiment.ExperimentLog.Exposure;
import dev.kefu.core.slot.experiment.ExperimentLog.StorefrontEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;

/**
 * What the conversation database holds about one shopper, to hand it over ({@link #export}) or
 * erase it ({@link #erase}), and the retention period's deletion of old rows ({@link
 * #deleteOlderThan}): the rights of access and erasure that PIPL and GDPR requests need.
 *
 * <p>A shopper's data: the conversations whose {@code shopper_id} is theirs (transcripts, states,
 * events, ratings and feedback among them), the storefront events and experiment exposures of that
 * id or of those conversations, the tags the store keeps for them, and the orders the store pushed
 * for them ({@code PUT /api/v1/orders}, with the phone's last four digits). Conversations are deleted
 * under their {@link ConversationLocks}, so a message being answered meanwhile does not write a
 * conversation back; the cached copies are dropped after the commit.
 *
 * <p>Thread-safe.
 */
public final class JdbcPersonalData {
    /** The kinds of data counted by {@link #erase} and {@link #deleteOlderThan}, as named in their counts. */
    public static final String CONVERSATIONS = "conversations";

    public static final String MESSAGES = "messages";
    public static final String CONVERSATION_EVENTS = "conversationEvents";
    public static final String STOREFRONT_EVENTS = "storefrontEvents";
    public static final String EXPOSURES = "experimentExposures";
    public static final String PROFILES = "shopperProfiles";
    public static final String UNANSWERED = "unansweredQuestions";
    public static final String ORDERS = "orders";
    /** Outreach's decisions about the shopper (its opt-out stays: a stop outlives the erasure). */
    public static final String OUTREACH = "outreachDecisions";
    /** Webhook posts about the shopper or their conversations that were still waiting for delivery. */
    public static final String WEBHOOK_POSTS = "webhookPosts";

    /** Conversations deleted per transaction by the retention period. */
    static final int BATCH = 200;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Integer>> COUNTS = new TypeReference<>() {};
    private static final String OF_SHOPPER = "SELECT id FROM conversations WHERE shopper_id = ?";

    private final DataSource database;
    private final JdbcShopperProfiles profiles;
    private final ConversationLocks locks;
    private final Consumer<Collection<String>> forgetCached;

    JdbcPersonalData(
            DataSource database,
            JdbcShopperProfiles profiles,
            ConversationLocks locks,
            Consumer<Collection<String>> forgetCached) {
        this.database = database;
        this.profiles = profiles;
        this.locks = Checks.requireNonNull("locks", locks);
        this.forgetCached = forgetCached;
    }

    /**
     * Everything stored about one shopper.
     *
     * @param conversations their conversations with every stored event, oldest id first
     * @param storefrontEvents what the storefront reported of them or in their conversations
     * @param exposures the experiment lines they were shown
     * @param profile the tags the store keeps for them
     * @param orders the orders the store pushed for them, newest first, as stored (the wire JSON)
     */
    public record ShopperData(
            String shopperId,
            List<StoredConversation> conversations,
            List<StorefrontEvent> storefrontEvents,
            List<Exposure> exposures,
            Optional<JdbcShopperProfiles.Profile> profile,
            List<String> orders) {
        public ShopperData {
            Checks.requireText("shopperData.shopperId", shopperId);
            conversations = Checks.copyOf("shopperData.conversations", conversations);
            storefrontEvents = Checks.copyOf("shopperData.storefrontEvents", storefrontEvents);
            exposures = Checks.copyOf("shopperData.exposures", exposures);
            Checks.requireNonNull("shopperData.profile", profile);
            orders = Checks.copyOf("shopperData.orders", orders);
        }
    }

    /** A conversation and its events as stored. */
    public record StoredConversation(Conversation conversation, List<StoredEvent> events) {
        public StoredConversation {
            Checks.requireNonNull("storedConversation.conversation", conversation);
            events = Checks.copyOf("storedConversation.events", events);
        }
    }

    /**
     * One row of a conversation's events.
     *
     * @param data the event's values as the JSON object stored
     * @param slotsSuppressed the marketing lines held back with it, comma-separated, or null
     */
    public record StoredEvent(Instant at, String type, String actor, String data, String slotsSuppressed) {
        public StoredEvent {
            Checks.requireNonNull("storedEvent.at", at);
            Checks.requireText("storedEvent.type", type);
            Checks.requireNonNull("storedEvent.actor", actor);
            Checks.requireText("storedEvent.data", data);
        }
    }

    /**
     * The audit line of one erasure, without the content.
     *
     * @param shopperHash the SHA-256 of the shopper id, hex ({@link #hash})
     * @param erasedBy who asked (the store token's name)
     * @param counts how many of each kind were erased
     */
    public record Erasure(String shopperHash, String erasedBy, Instant erasedAt, Map<String, Integer> counts) {
        public Erasure {
            Checks.requireText("erasure.shopperHash", shopperHash);
            Checks.requireText("erasure.erasedBy", erasedBy);
            Checks.requireNonNull("erasure.erasedAt", erasedAt);
            counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }
    }

    /** Everything stored about {@code shopperId} (empty lists when nothing is). */
    public ShopperData export(String shopperId) {
        Checks.requireText("shopperId", shopperId);
        try (Connection c = database.getConnection()) {
            List<StoredConversation> conversations = new ArrayList<>();
            Map<String, List<StoredEvent>> events = events(c, shopperId);
            for (Conversation conversation : JdbcConversationStore.query(c, "c.shopper_id = ?", List.of(shopperId))) {
                conversations.add(
                        new StoredConversation(conversation, events.getOrDefault(conversation.id(), List.of())));
            }
            return new ShopperData(
                    shopperId,
                    conversations,
                    storefrontEvents(c, shopperId),
                    exposures(c, shopperId),
                    profiles.find(shopperId),
                    orders(c, shopperId));
        } catch (SQLException e) {
            throw StorageException.of("cannot export a shopper's data", e);
        }
    }

    /**
     * Erases everything stored about {@code shopperId} in one transaction, with {@code elsewhere}
     * (the unanswered inbox's questions of the shopper's conversations) run inside it so that its
     * failure rolls the erasure back, and keeps an {@link Erasure} line.
     *
     * @param elsewhere removes what other stores hold of these conversations and says how many;
     *     counted as {@value #UNANSWERED}
     * @return how many of each kind were erased, in a stable order
     */
    public Map<String, Integer> erase(
            String shopperId, String actor, Instant at, ToIntFunction<Set<String>> elsewhere) {
        Checks.requireText("shopperId", shopperId);
        Checks.requireText("actor", actor);
        Checks.requireNonNull("at", at);
        Checks.requireNonNull("elsewhere", elsewhere);
        Set<String> known = ids(OF_SHOPPER, List.of(shopperId));
        return locks.withLocks(known, () -> {
            Set<String> ids = new LinkedHashSet<>(known);
            Map<String, Integer> counts = new LinkedHashMap<>();
            try {
                inTransaction(c -> {
                    ids.addAll(ids(c, OF_SHOPPER, List.of(shopperId)));
                    List<Object> byShopper = List.of(shopperId, shopperId);
                    // events, exposures and waiting posts first: they are found through the conversations too
                    int posts = update(
                            c,
                            "DELETE FROM webhook_outbox WHERE shopper_id = ? OR conversation_id IN (" + OF_SHOPPER
                                    + ")",
                            byShopper);
                    int storefront = update(
                            c,
                            "DELETE FROM storefront_events WHERE shopper_id = ? OR conversation_id IN (" + OF_SHOPPER
                                    + ")",
                            byShopper);
                    int exposures = update(
                            c,
                            "DELETE FROM slot_exposures WHERE shopper_key = ? OR conversation_id IN (" + OF_SHOPPER
                                    + ")",
                            byShopper);
                    counts.putAll(deleteConversations(c, OF_SHOPPER, List.of(shopperId)));
                    counts.put(STOREFRONT_EVENTS, storefront);
                    counts.put(EXPOSURES, exposures);
                    counts.put(
                            PROFILES,
                            update(c, "DELETE FROM shopper_profiles WHERE shopper_id = ?", List.of(shopperId)));
                    counts.put(ORDERS, update(c, "DELETE FROM orders WHERE shopper_id = ?", List.of(shopperId)));
                    counts.put(
                            OUTREACH, update(c, "DELETE FROM outreach_log WHERE shopper_key = ?", List.of(shopperId)));
                    counts.put(WEBHOOK_POSTS, posts);
                    counts.put(UNANSWERED, elsewhere.applyAsInt(Set.copyOf(ids)));
                    update(
                            c,
                            "INSERT INTO shopper_erasures (shopper_hash, erased_by, erased_at, counts) VALUES (?, ?, ?, ?)",
                            List.of(hash(shopperId), actor, at, JdbcConversationStore.toJson(counts)));
                });
            } catch (SQLException e) {
                throw StorageException.of("cannot erase a shopper's data", e);
            } finally {
                forgetCached.accept(ids);
            }
            return counts;
        });
    }

    /**
     * Deletes conversations (transcripts, events) last changed before {@code cutoff}, a batch of
     * {@value #BATCH} per transaction, then storefront events and experiment exposures from before it.
     *
     * @return how many of each kind were deleted
     */
    public Map<String, Integer> deleteOlderThan(Instant cutoff) {
        Checks.requireNonNull("cutoff", cutoff);
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put(CONVERSATIONS, 0);
        counts.put(MESSAGES, 0);
        counts.put(CONVERSATION_EVENTS, 0);
        try {
            String oldest =
                    "SELECT id FROM conversations WHERE updated_at < ? ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY";
            Set<String> batch;
            do {
                batch = ids(oldest, List.of(cutoff));
                Set<String> ids = batch;
                locks.withLocks(ids, () -> {
                    List<Object> parameters = new ArrayList<>(ids);
                    parameters.add(cutoff);
                    String still = "SELECT id FROM conversations WHERE id IN ("
                            + String.join(", ", Collections.nCopies(ids.size(), "?")) + ") AND updated_at < ?";
                    try {
                        inTransaction(c -> deleteConversations(c, still, parameters)
                                .forEach((kind, n) -> counts.merge(kind, n, Integer::sum)));
                    } catch (SQLException e) {
                        throw StorageException.of("cannot delete old conversations", e);
                    } finally {
                        forgetCached.accept(ids);
                    }
                    return null;
                });
            } while (batch.size() == BATCH);
            inTransaction(c -> {
                counts.put(STOREFRONT_EVENTS, update(c, "DELETE FROM storefront_events WHERE at < ?", List.of(cutoff)));
                counts.put(EXPOSURES, update(c, "DELETE FROM slot_exposures WHERE at < ?", List.of(cutoff)));
                counts.put(OUTREACH, update(c, "DELETE FROM outreach_log WHERE at < ?", List.of(cutoff)));
            });
        } catch (SQLException e) {
            throw StorageException.of("cannot delete old storefront events and exposures", e);
        }
        return counts;
    }

    /** The audit lines of every erasure, oldest first. */
    public List<Erasure> erasures() {
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT shopper_hash, erased_by, erased_at, counts FROM shopper_erasures ORDER BY id");
                ResultSet row = query.executeQuery()) {
            List<Erasure> erasures = new ArrayList<>();
            while (row.next()) {
                erasures.add(new Erasure(
                        row.getString(1),
                        row.getString(2),
                        JdbcConversationStore.instant(row, "erased_at"),
                        JSON.readValue(row.getString(4), COUNTS)));
            }
            return erasures;
        } catch (SQLException e) {
            throw StorageException.of("cannot read the erasures", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored erasure counts are not a JSON object", e);
        }
    }

    /** The SHA-256 of a shopper id, in hex: names a shopper in the audit without keeping the id. */
    public static String hash(String shopperId) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(shopperId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The events, messages and rows of the conversations {@code selector} (a query of ids) finds. */
    private static Map<String, Integer> deleteConversations(Connection c, String selector, List<Object> parameters)
            throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int events =
                update(c, "DELETE FROM conversation_events WHERE conversation_id IN (" + selector + ")", parameters);
        int messages = update(c, "DELETE FROM messages WHERE conversation_id IN (" + selector + ")", parameters);
        // The analytics rollup recomputes the days these conversations started on.
        update(
                c,
                "INSERT INTO analytics_dirty (utc_day) SELECT DISTINCT started_hour / 24 FROM conversation_facts"
                        + " WHERE conversation_id IN (" + selector + ")",
                parameters);
        update(c, "DELETE FROM conversation_facts WHERE conversation_id IN (" + selector + ")", parameters);
        counts.put(CONVERSATIONS, update(c, "DELETE FROM conversations WHERE id IN (" + selector + ")", parameters));
        counts.put(MESSAGES, messages);
        counts.put(CONVERSATION_EVENTS, events);
        return counts;
    }

    private static Map<String, List<StoredEvent>> events(Connection c, String shopperId) throws SQLException {
        Map<String, List<StoredEvent>> events = new LinkedHashMap<>();
        select(
                c,
                "SELECT conversation_id, at, type, actor, data, slots_suppressed FROM conversation_events"
                        + " WHERE conversation_id IN (" + OF_SHOPPER + ") ORDER BY id",
                List.of(shopperId),
                row -> events.computeIfAbsent(row.getString("conversation_id"), id -> new ArrayList<>())
                        .add(new StoredEvent(
                                JdbcConversationStore.instant(row, "at"),
                                row.getString("type"),
                                row.getString("actor"),
                                row.getString("data"),
                                row.getString("slots_suppressed"))));
        return events;
    }

    private static List<StorefrontEvent> storefrontEvents(Connection c, String shopperId) throws SQLException {
        return select(
                c,
                "SELECT shopper_id, type, product_id, amount, conversation_id, at FROM storefront_events"
                        + " WHERE shopper_id = ? OR conversation_id IN (" + OF_SHOPPER + ") ORDER BY at, id",
                List.of(shopperId, shopperId),
                JdbcExperimentLog::storefrontEvent);
    }

    private static List<Exposure> exposures(Connection c, String shopperId) throws SQLException {
        return select(
                c,
                "SELECT experiment_id, arm, script_id, shopper_key, conversation_id, at FROM slot_exposures"
                        + " WHERE shopper_key = ? OR conversation_id IN (" + OF_SHOPPER + ") ORDER BY at, id",
                List.of(shopperId, shopperId),
                row -> new Exposure(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        JdbcConversationStore.instant(row, "at")));
    }

    /** The orders the store pushed for the shopper, newest first, as stored. */
    private static List<String> orders(Connection c, String shopperId) throws SQLException {
        return select(
                c,
                "SELECT body FROM orders WHERE shopper_id = ? ORDER BY placed_at DESC, order_no",
                List.of(shopperId),
                row -> row.getString(1));
    }

    private Set<String> ids(String query, List<Object> parameters) {
        try (Connection c = database.getConnection()) {
            return ids(c, query, parameters);
        } catch (SQLException e) {
            throw StorageException.of("cannot find conversations", e);
        }
    }

    private static Set<String> ids(Connection c, String query, List<Object> parameters) throws SQLException {
        return new LinkedHashSet<>(select(c, query, parameters, row -> row.getString(1)));
    }

    /** Reads one row (the cursor is on it). */
    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** What {@code reader} makes of each row of {@code sql}, in order. */
    private static <T> List<T> select(Connection c, String sql, List<Object> parameters, RowReader<T> reader)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(reader.read(row));
                }
            }
        }
        return rows;
    }

    private static int update(Connection c, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, parameters);
            return statement.executeUpdate();
        }
    }

    /** Strings and instants, in order. */
    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof Instant instant) {
                JdbcConversationStore.setInstant(statement, i + 1, instant);
            } else {
                statement.setString(i + 1, (String) value);
            }
        }
    }

    /** Work of one transaction. */
    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Work work) throws SQLException {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                JdbcConversationStore.rollback(c, e);
                throw e;
            }
        }
    }
}
