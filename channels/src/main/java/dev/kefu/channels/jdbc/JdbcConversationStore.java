package dev.kefu.channels.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kefu.core.analytics.ConversationFacts;
import dev.kefu.core.cluster.NodeId;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.StorageConfig;
import dev.kefu.core.conversation.ActionProposal;
import dev.kefu.core.conversation.ActionRequest;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationLocks;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.conversation.HandoffListing;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.conversation.OrderAction;
import dev.kefu.core.conversation.OrderThread;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.conversation.Subject;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.sentiment.SentimentTrend;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations in a relational database (embedded H2 by default, PostgreSQL in production),
 * behind a bounded, expiring in-memory cache.
 *
 * <p>The cache is write-through and filled by {@link #find}: on the embedded database it stays
 * exact because every write goes through this one instance (a node alone) and callers serialise
 * changes to a conversation. On PostgreSQL other nodes write too, so there is no cache: a
 * conversation is read under its lock, fresh ({@link #shared}). {@link #inStates} and {@link #events} always ask the database.
 */
public final class JdbcConversationStore implements ConversationStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcConversationStore.class);

    /**
     * Embedded H2: {@code WRITE_DELAY=0} makes every commit write the MVStore to the file before
     * {@code commit()} returns (the default 500 ms leaves acknowledged messages in memory, lost
     * when the process is killed); {@code DB_CLOSE_ON_EXIT=FALSE} keeps H2's own shutdown hook from
     * closing the database under a save that is still running, {@link #close} closes it instead.
     * {@code QUERY_CACHE_SIZE=64}: every statement of a save stays parsed (H2's 8 were fewer than one
     * save prepares, so each was parsed again); {@code PAGE_SIZE=2048}: every commit rewrites the
     * B-tree leaves it changed, and smaller leaves are fewer bytes per commit (docs/BENCHMARKS.md,
     * "Storage per conversation").
     */
    static final String H2_SETTINGS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64;PAGE_SIZE=2048";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConversationEventCodec EVENTS = new ConversationEventCodec();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {};

    private static final List<String> COLUMNS = List.of(
            "shopper_id",
            "shopper_verified",
            "shopper_tags",
            "state",
            "sentiment_running",
            "sentiment_messages",
            "sentiment_falling_streak",
            "consecutive_fallbacks",
            "trigger_reason",
            "trigger_details",
            "priority",
            "language",
            "queued_at",
            "due_at",
            "overdue_count",
            "agent",
            "claimed_at",
            "created_at",
            "updated_at",
            "message_count",
            "lines_shown",
            "subject",
            "subject_seq",
            "order_thread");
    private static final String UPDATE_CONVERSATION =
            "UPDATE conversations SET " + String.join(" = ?, ", COLUMNS) + " = ? WHERE id = ?";
    private static final String INSERT_CONVERSATION = "INSERT INTO conversations (" + String.join(", ", COLUMNS)
            + ", id) VALUES (" + "?, ".repeat(COLUMNS.size()) + "?)";
    private static final String INSERT_MESSAGE = "INSERT INTO messages (conversation_id, seq, sender, text, at,"
            + " citations, author, intent, confidence, sentiment, running, urgency, language)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_SIGNALS = "UPDATE messages SET intent = ?, confidence = ?, sentiment = ?,"
            + " running = ?, urgency = ?, language = ? WHERE conversation_id = ? AND seq = ?";
    private static final String INSERT_EVENT = "INSERT INTO conversation_events"
            + " (conversation_id, at, type, actor, data, slots_suppressed) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String SELECT_CONVERSATIONS = "SELECT c.id, c." + String.join(", c.", COLUMNS)
            + ", m.seq, m.sender, m.text, m.at, m.citations, m.author, m.intent, m.confidence, m.sentiment,"
            + " m.running, m.urgency, m.language AS m_language"
            + " FROM conversations c LEFT JOIN messages m ON m.conversation_id = c.id WHERE ";
    /** {@link #handedOff}: the rows with a ticket in the given states (the list's marks close it). */
    private static final String SELECT_HANDED_OFF = "SELECT c.id, c.state, c.shopper_id, c.shopper_tags,"
            + " c.shopper_verified, c.trigger_reason, c.trigger_details, c.priority, c.language, c.queued_at,"
            + " c.due_at, c.overdue_count, c.agent, c.claimed_at, (SELECT m.text FROM messages m"
            + " WHERE m.conversation_id = c.id AND m.sender = ? ORDER BY m.seq DESC FETCH FIRST 1 ROWS ONLY)"
            + " AS last_shopper_text FROM conversations c WHERE c.trigger_reason IS NOT NULL AND c.state IN (";

    private static final String SELECT_EVENTS = "SELECT at, type, data, slots_suppressed FROM conversation_events"
            + " WHERE conversation_id = ? ORDER BY id";

    private final HikariDataSource pool;
    private final Cache<String, Conversation> cache;
    /** Other nodes may write this database (PostgreSQL): nothing read is kept. */
    private final boolean shared;

    private final Optional<EmbeddedCompaction> compaction;

    private JdbcConversationStore(HikariDataSource pool, ConversationConfig cacheConfig) {
        this.pool = pool;
        this.shared = shared(pool.getJdbcUrl());
        this.compaction = EmbeddedCompaction.of(pool);
        this.cache = Caffeine.newBuilder()
                .maximumSize(cacheConfig.maxActive())
                .expireAfterAccess(Duration.ofMinutes(cacheConfig.idleExpiryMinutes()))
                .build();
    }

    /**
     * One step of compacting the embedded H2 file (nothing on PostgreSQL), for a timer to call every
     * few seconds: see {@link EmbeddedCompaction}.
     *
     * @return whether live pages were rewritten (never on PostgreSQL)
     */
    public boolean compactEmbedded() {
        return compaction.map(EmbeddedCompaction::step).orElse(false);
    }

    /** The connection pool's series ({@code hikaricp_connections_active}, ...) go to {@code registry}. */
    public void poolMetrics(MeterRegistry registry) {
        pool.setMetricRegistry(registry);
    }

    /** The SQLState of a unique violation, in H2 and PostgreSQL alike: a row that is already there. */
    static final String UNIQUE_VIOLATION = "23505";

    /**
     * Connects (a pool of {@code storage.maxPoolSize} connections) and brings the schema up to date
     * with the migrations in {@code db/migration}.
     *
     * @param storage the database; a {@code null} URL means embedded H2 in {@code dataDir/db/kefu}
     * @param cacheConfig how many conversations to keep in memory, and for how long when idle
     * @param dataDir the server's data directory
     * @throws StorageException naming the URL (without a password) when the database cannot be
     *     reached or migrated
     */
    public static JdbcConversationStore open(StorageConfig storage, ConversationConfig cacheConfig, Path dataDir) {
        boolean embedded = storage.url() == null;
        String url = embedded ? embeddedUrl(dataDir) : storage.url();
        HikariConfig config = new HikariConfig();
        config.setPoolName("kefu-conversations");
        config.setJdbcUrl(url);
        config.setUsername(storage.user() == null && embedded ? "sa" : storage.user());
        config.setPassword(storage.password());
        config.setMaximumPoolSize(storage.maxPoolSize());
        // A shopper waits for this at most: fail the request (and say so) rather than hang for 30 s.
        config.setConnectionTimeout(5_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException(
                    "cannot connect to the conversation database " + redact(url) + ": " + rootMessage(e), e);
        }
        try {
            Flyway.configure(JdbcConversationStore.class.getClassLoader())
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .javaMigrations(new TypedEventsMigration(EVENTS), new AnalyticsFactsMigration())
                    // V11 (the webhook outbox, a table of its own) came after V12-V14: databases
                    // that already have those take it as well
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new StorageException(
                    "cannot migrate the conversation database " + redact(url) + ": " + rootMessage(e), e);
        }
        LOG.info("conversations are stored in {}", redact(url));
        return new JdbcConversationStore(pool, cacheConfig);
    }

    static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("kefu").toAbsolutePath() + H2_SETTINGS;
    }

    /**
     * Whether nodes on this database form a cluster: PostgreSQL, yes; the embedded H2 (one process
     * opens its file), no.
     */
    public static boolean shared(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    /**
     * The service the nodes on this database form, with {@code self} as one of them; empty for a
     * database no other node can share (this node is alone).
     */
    public Optional<PostgresCluster> cluster(NodeId self) {
        return shared
                ? Optional.of(new PostgresCluster(pool, self, PostgresCluster.LOCK_WAIT, PostgresCluster.LEASE))
                : Optional.empty();
    }

    @Override
    public Optional<Conversation> find(String conversationId) {
        Function<String, Conversation> read = id -> {
            List<Conversation> found = query("c.id = ?", List.of(id));
            return found.isEmpty() ? null : found.get(0);
        };
        return Optional.ofNullable(shared ? read.apply(conversationId) : cache.get(conversationId, read));
    }

    /**
     * Writes the conversation row, the messages not stored yet, changed signals of stored messages
     * and the events in one transaction; on any failure it is rolled back, the cached copy dropped
     * and a {@link StorageException} (or the {@link IllegalArgumentException} of a bad argument)
     * thrown.
     */
    @Override
    public void save(Conversation conversation, List<ConversationEvent> events) {
        String id = conversation.id();
        for (ConversationEvent event : events) {
            if (!event.conversationId().equals(id)) {
                throw new IllegalArgumentException(
                        "event of conversation " + event.conversationId() + " saved with conversation " + id);
            }
        }
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Conversation before = shared ? null : cache.getIfPresent(id);
                if (before == null) {
                    List<Conversation> stored = query(connection, "c.id = ?", List.of(id));
                    before = stored.isEmpty() ? null : stored.get(0);
                }
                write(connection, before, conversation, events);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            cache.invalidate(id);
            throw StorageException.of("cannot save conversation " + id, e);
        } catch (RuntimeException e) {
            cache.invalidate(id);
            throw e;
        }
        if (!shared) {
            cache.put(id, conversation);
        }
    }

    @Override
    public List<Conversation> inStates(Set<ConversationState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(states.size(), "?"));
        return byId(query(
                "c.state IN (" + marks + ")",
                states.stream().map(ConversationState::code).toList()));
    }

    @Override
    public List<Conversation> queuedDueBy(Instant at) {
        return byId(query("c.state = ? AND c.due_at <= ?", List.of(ConversationState.QUEUED.code(), at)));
    }

    /**
     * From the conversation rows and, per conversation, its latest shopper message (one indexed
     * lookup each), not from every message of every waiting conversation: thousands wait on a busy
     * day, and an open agent desk is sent the queue on every change.
     */
    @Override
    public List<HandoffListing> handedOff(Set<ConversationState> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(states.size(), "?"));
        List<HandoffListing> found = new ArrayList<>();
        try (Connection connection = pool.getConnection();
                PreparedStatement select = connection.prepareStatement(SELECT_HANDED_OFF + marks + ")")) {
            select.setString(1, Speaker.SHOPPER.code());
            int i = 1;
            for (ConversationState state : states) {
                select.setString(++i, state.code());
            }
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String last = row.getString("last_shopper_text");
                    found.add(new HandoffListing(
                            row.getString("id"),
                            decode(ConversationState.class, row.getString("state")),
                            shopper(row),
                            ticket(row),
                            last == null ? "" : last));
                }
            }
        } catch (SQLException e) {
            throw StorageException.of("cannot list the handed-off conversations", e);
        }
        found.sort(Comparator.comparing(HandoffListing::id));
        return found;
    }

    /** Java's order of ids, not the database collation's, so every store lists the same way. */
    private static List<Conversation> byId(List<Conversation> found) {
        List<Conversation> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparing(Conversation::id));
        return sorted;
    }

    @Override
    public List<ConversationEvent> events(String conversationId) {
        try (Connection connection = pool.getConnection()) {
            return events(connection, conversationId);
        } catch (SQLException e) {
            throw StorageException.of("cannot read the events of conversation " + conversationId, e);
        }
    }

    /** A conversation's events, in the order they were stored. */
    static List<ConversationEvent> events(Connection connection, String conversationId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT_EVENTS)) {
            select.setString(1, conversationId);
            List<ConversationEvent> events = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(EVENTS.decode(
                            conversationId,
                            instant(rows, "at"),
                            rows.getString("type"),
                            rows.getString("data"),
                            rows.getString("slots_suppressed")));
                }
            }
            return events;
        }
    }

    /**
     * The service figures over this database's conversations (table of migration V9).
     *
     * @param neutralBand {@code sentiment.neutralBand}: a shopper message below its negative is negative
     * @param attribution {@code slots.attributionHours}: how long after a line an order counts for it
     */
    public JdbcAnalytics analytics(Clock clock, double neutralBand, Duration attribution) {
        return new JdbcAnalytics(pool, clock, neutralBand, attribution);
    }

    /** The experiment log in the same database (tables of migration V2, events read by the same codec). */
    public JdbcExperimentLog experimentLog() {
        return new JdbcExperimentLog(pool, EVENTS);
    }

    /** The store's shopper profiles in the same database (table of migration V4). */
    public JdbcShopperProfiles shopperProfiles() {
        return new JdbcShopperProfiles(pool);
    }

    /**
     * A shopper's data in this database, to export or erase, and the retention period's deletion;
     * conversations are deleted under {@code locks}, the ones every writer of this store shares.
     */
    public JdbcPersonalData personalData(ConversationLocks locks) {
        return new JdbcPersonalData(pool, shopperProfiles(), locks, cache::invalidateAll);
    }

    /** Outreach's decisions and opt-outs (tables of migration V14) and what its triggers read. */
    public JdbcOutreach outreach() {
        return outreach(JdbcOutreach.MAX_CARTS);
    }

    /** Outreach with another bound on the carts one read returns (tests). */
    JdbcOutreach outreach(int maxCarts) {
        return new JdbcOutreach(pool, shopperProfiles(), maxCarts);
    }

    /** The orders the store pushed, beside the conversations (table of migration V8). */
    public JdbcOrders orders() {
        return new JdbcOrders(pool);
    }

    /** Webhook posts waiting for delivery, shared by every node (table of migration V11). */
    public JdbcWebhookOutbox webhookOutbox() {
        return new JdbcWebhookOutbox(pool);
    }

    /** The trainers' knowledge revisions and publications, shared by every node (tables of migration V12). */
    public JdbcCurationLog curationLog() {
        return new JdbcCurationLog(pool);
    }

    /** The trainers' edited script library, shared by every node (table of migration V13). */
    public JdbcScriptStore scriptStore(Clock clock) {
        return new JdbcScriptStore(pool, clock);
    }

    /** The server's own secrets in the same database (table of migration V7). */
    public JdbcServerSecrets serverSecrets() {
        return new JdbcServerSecrets(pool);
    }

    /**
     * Closes the pool; the embedded database is first closed with {@code SHUTDOWN COMPACT}, which
     * copies its live data into a new file and swaps it in (see {@link EmbeddedCompaction#shutdown}).
     */
    @Override
    public void close() {
        cache.invalidateAll();
        compaction.ifPresent(c -> c.shutdown(pool));
        pool.close();
    }

    private static void write(
            Connection connection, Conversation before, Conversation conversation, List<ConversationEvent> events)
            throws SQLException {
        String id = conversation.id();
        List<ConversationMessage> messages = conversation.messages();
        int stored = before == null ? 0 : before.messages().size();
        if (messages.size() < stored) {
            throw new IllegalArgumentException("conversation " + id + " has " + messages.size() + " messages but "
                    + stored + " are stored: messages are only appended");
        }
        if (before == null) { // not stored: just read in this transaction, or never cached
            try (PreparedStatement insert = connection.prepareStatement(INSERT_CONVERSATION)) {
                bindConversation(insert, conversation);
                insert.executeUpdate();
            }
        } else {
            upsert(
                    connection,
                    UPDATE_CONVERSATION,
                    INSERT_CONVERSATION,
                    JdbcConversationStore::bindConversation,
                    conversation);
        }
        List<ConversationMessage> resignalled = new ArrayList<>();
        for (int i = 0; i < stored; i++) {
            if (!Objects.equals(
                    messages.get(i).signals(), before.messages().get(i).signals())) {
                resignalled.add(messages.get(i));
            }
        }
        if (!resignalled.isEmpty()) {
            try (PreparedStatement update = connection.prepareStatement(UPDATE_SIGNALS)) {
                for (ConversationMessage message : resignalled) {
                    bindSignals(update, 1, message.signals());
                    update.setString(7, id);
                    update.setLong(8, message.seq());
                    update.addBatch();
                }
                update.executeBatch();
            }
        }
        if (messages.size() > stored) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_MESSAGE)) {
                for (ConversationMessage message : messages.subList(stored, messages.size())) {
                    bindMessage(insert, id, message);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (!events.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_EVENT)) {
                for (ConversationEvent event : events) {
                    bindEvent(insert, event);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        writeFacts(connection, before, conversation, events);
    }

    /**
     * The conversation's analytics row from it and all its events (the ones just written
     * included), and, when its first question just became known, the returns it marks. A
     * conversation not stored before has no other events (they reference its row), so they are
     * not read back.
     */
    private static void writeFacts(
            Connection connection, Conversation before, Conversation conversation, List<ConversationEvent> written)
            throws SQLException {
        List<ConversationEvent> all = before == null ? written : events(connection, conversation.id());
        ConversationFacts facts = ConversationFacts.of(conversation, all);
        FactsTable.write(connection, facts);
        if (facts.firstIntent() != null && (before == null || ConversationFacts.firstIntent(before) == null)) {
            FactsTable.markReturns(connection, facts);
        }
    }

    /** Binds {@link #INSERT_MESSAGE}. */
    private static void bindMessage(PreparedStatement insert, String id, ConversationMessage message)
            throws SQLException {
        insert.setString(1, id);
        insert.setLong(2, message.seq());
        insert.setString(3, message.from().code());
        insert.setString(4, message.text());
        setInstant(insert, 5, message.at());
        insert.setString(6, toJson(message.citations()));
        insert.setString(7, message.author());
        bindSignals(insert, 8, message.signals());
    }

    /** Binds {@link #INSERT_EVENT}. */
    private static void bindEvent(PreparedStatement insert, ConversationEvent event) throws SQLException {
        ConversationEventCodec.Row row = EVENTS.encode(event);
        insert.setString(1, event.conversationId());
        setInstant(insert, 2, event.at());
        insert.setString(3, row.type());
        insert.setString(4, row.actor());
        insert.setString(5, row.data());
        insert.setString(6, row.suppressed());
    }

    /** A finished conversation and its events, for {@link #importHistory}. */
    public record Finished(Conversation conversation, List<ConversationEvent> events) {}

    /**
     * Stores finished conversations that are not stored yet, in one transaction and in batches: a
     * history generated for a benchmark, or imported. Each is stored as a save would store it,
     * facts and returns included; the cache is not touched (they are finished).
     */
    public void importHistory(List<Finished> history) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement conversations = connection.prepareStatement(INSERT_CONVERSATION);
                    PreparedStatement messages = connection.prepareStatement(INSERT_MESSAGE);
                    PreparedStatement events = connection.prepareStatement(INSERT_EVENT);
                    PreparedStatement facts = connection.prepareStatement(FactsTable.INSERT)) {
                List<ConversationFacts> written = new ArrayList<>();
                for (Finished f : history) {
                    bindConversation(conversations, f.conversation());
                    conversations.addBatch();
                    for (ConversationMessage message : f.conversation().messages()) {
                        bindMessage(messages, f.conversation().id(), message);
                        messages.addBatch();
                    }
                    for (ConversationEvent event : f.events()) {
                        bindEvent(events, event);
                        events.addBatch();
                    }
                    ConversationFacts fact = ConversationFacts.of(f.conversation(), f.events());
                    FactsTable.bind(facts, fact);
                    facts.addBatch();
                    written.add(fact);
                }
                conversations.executeBatch();
                messages.executeBatch();
                events.executeBatch();
                facts.executeBatch();
                try (PreparedStatement dirty =
                        connection.prepareStatement("INSERT INTO analytics_dirty (utc_day) VALUES (?)")) {
                    for (long day : written.stream()
                            .map(FactsTable::startedHour)
                            .map(hour -> Math.floorDiv(hour, DailyRollup.DAY_HOURS))
                            .distinct()
                            .toList()) {
                        dirty.setLong(1, day);
                        dirty.addBatch();
                    }
                    dirty.executeBatch();
                }
                FactsTable.markReturns(connection, written);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw StorageException.of("cannot import " + history.size() + " conversations", e);
        }
    }

    /** Binds the {@link #COLUMNS} in order, then the id. */
    private static void bindConversation(PreparedStatement statement, Conversation c) throws SQLException {
        HandoffTicket ticket = c.ticket();
        boolean none = ticket == null;
        int i = 0;
        statement.setString(++i, c.shopper().id());
        statement.setBoolean(++i, c.shopper().verified());
        statement.setString(++i, toJson(new TreeSet<>(c.shopper().tags())));
        statement.setString(++i, c.state().code());
        statement.setDouble(++i, c.sentiment().running());
        statement.setInt(++i, c.sentiment().messages());
        statement.setInt(++i, c.sentiment().fallingStreak());
        statement.setInt(++i, c.consecutiveFallbacks());
        statement.setString(++i, none ? null : ticket.trigger().reason().code());
        statement.setString(
                ++i, none ? null : toJson(new TreeMap<>(ticket.trigger().details())));
        statement.setString(++i, none ? null : ticket.priority().code());
        statement.setString(++i, none ? null : ticket.language().code());
        setInstant(statement, ++i, none ? null : ticket.queuedAt());
        setInstant(statement, ++i, none ? null : ticket.dueAt());
        if (none) {
            statement.setNull(++i, Types.INTEGER);
        } else {
            statement.setInt(++i, ticket.overdueCount());
        }
        statement.setString(++i, none ? null : ticket.agent());
        setInstant(statement, ++i, none ? null : ticket.claimedAt());
        setInstant(statement, ++i, c.createdAt());
        setInstant(statement, ++i, c.updatedAt());
        statement.setInt(++i, c.messages().size());
        statement.setString(++i, toJson(c.linesShown()));
        statement.setString(++i, c.subject() == null ? null : c.subject().entryId());
        if (c.subject() == null) {
            statement.setNull(++i, Types.BIGINT);
        } else {
            statement.setLong(++i, c.subject().seq());
        }
        statement.setString(++i, orderThread(c.orderThread()));
        statement.setString(++i, c.id());
    }

    /** Binds intent, confidence, sentiment, running, urgency and language from {@code first} on. */
    private static void bindSignals(PreparedStatement statement, int first, MessageSignals signals)
            throws SQLException {
        if (signals == null) {
            statement.setString(first, null);
            for (int i = first + 1; i < first + 5; i++) {
                statement.setNull(i, Types.DOUBLE);
            }
            statement.setString(first + 5, null);
            return;
        }
        statement.setString(first, signals.intent());
        statement.setDouble(first + 1, signals.confidence());
        statement.setDouble(first + 2, signals.sentiment());
        statement.setDouble(first + 3, signals.running());
        statement.setDouble(first + 4, signals.urgency());
        statement.setString(first + 5, signals.language().code());
    }

    private List<Conversation> query(String where, List<?> parameters) {
        try (Connection connection = pool.getConnection()) {
            return query(connection, where, parameters);
        } catch (SQLException e) {
            throw StorageException.of("cannot read conversations where " + where, e);
        }
    }

    /** The conversations matching {@code where}, with their messages, in the order first seen. */
    static List<Conversation> query(Connection connection, String where, List<?> parameters) throws SQLException {
        Map<String, Function<List<ConversationMessage>, Conversation>> rowsById = new LinkedHashMap<>();
        Map<String, List<ConversationMessage>> messagesById = new LinkedHashMap<>();
        try (PreparedStatement select =
                connection.prepareStatement(SELECT_CONVERSATIONS + where + " ORDER BY c.id, m.seq")) {
            for (int i = 0; i < parameters.size(); i++) {
                if (parameters.get(i) instanceof Instant at) {
                    select.setObject(i + 1, at.atOffset(ZoneOffset.UTC));
                } else {
                    select.setString(i + 1, (String) parameters.get(i));
                }
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String id = rows.getString("id");
                    if (!rowsById.containsKey(id)) {
                        rowsById.put(id, conversation(rows));
                        messagesById.put(id, new ArrayList<>());
                    }
                    if (rows.getString("sender") != null) {
                        messagesById.get(id).add(message(rows));
                    }
                }
            }
        }
        List<Conversation> found = new ArrayList<>();
        rowsById.forEach((id, withMessages) -> found.add(withMessages.apply(messagesById.get(id))));
        return found;
    }

    /** The latest hand-off ticket of this conversation row, or null if it never went to a person. */
    private static HandoffTicket ticket(ResultSet row) throws SQLException {
        String reason = row.getString("trigger_reason");
        if (reason == null) {
            return null;
        }
        return new HandoffTicket(
                new HandoffTrigger(
                        decode(HandoffReason.class, reason), fromJson(row.getString("trigger_details"), STRING_MAP)),
                decode(Priority.class, row.getString("priority")),
                decode(Language.class, row.getString("language")),
                instant(row, "queued_at"),
                instant(row, "due_at"),
                row.getInt("overdue_count"),
                row.getString("agent"),
                instant(row, "claimed_at"));
    }

    private static ShopperContext shopper(ResultSet row) throws SQLException {
        return new ShopperContext(
                row.getString("shopper_id"),
                Set.copyOf(fromJson(row.getString("shopper_tags"), STRINGS)),
                row.getBoolean("shopper_verified"));
    }

    /** The conversation of this row, once given its messages (read from this and the next rows). */
    private static Function<List<ConversationMessage>, Conversation> conversation(ResultSet row) throws SQLException {
        HandoffTicket ticket = ticket(row);
        String id = row.getString("id");
        ShopperContext shopper = shopper(row);
        ConversationState state = decode(ConversationState.class, row.getString("state"));
        SentimentTrend sentiment = new SentimentTrend(
                row.getDouble("sentiment_running"),
                row.getInt("sentiment_messages"),
                row.getInt("sentiment_falling_streak"));
        int fallbacks = row.getInt("consecutive_fallbacks");
        HandoffTicket latest = ticket;
        List<String> linesShown = fromJson(row.getString("lines_shown"), STRINGS);
        String product = row.getString("subject");
        Subject subject = product == null ? null : new Subject(product, row.getLong("subject_seq"));
        OrderThread orders = orderThread(row.getString("order_thread"));
        Instant createdAt = instant(row, "created_at");
        Instant updatedAt = instant(row, "updated_at");
        return messages -> new Conversation(
                id,
                shopper,
                state,
                messages,
                sentiment,
                fallbacks,
                latest,
                linesShown,
                subject,
                orders,
                createdAt,
                updatedAt);
    }

    /** A conversation's order thread as a JSON object, {@code null} when it never spoke of orders. */
    static String orderThread(OrderThread thread) {
        if (thread.equals(OrderThread.NONE)) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("orderNo", thread.orderNo());
        fields.put("awaiting", thread.awaiting().code());
        fields.put("wrongDigits", thread.wrongDigits());
        fields.put("proven", List.copyOf(thread.proven()));
        if (thread.wanted() != null) {
            fields.put("wanted", request(thread.wanted()));
        }
        if (thread.pending() != null) {
            fields.put("pendingSeq", thread.pending().seq());
            fields.put("pending", request(thread.pending().request()));
        }
        return toJson(fields);
    }

    private static Map<String, Object> request(ActionRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("orderNo", request.orderNo());
        fields.put("action", request.action().code());
        fields.put("newAddress", request.newAddress());
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static ActionRequest request(Object json) {
        if (json == null) {
            return null;
        }
        Map<String, Object> fields = (Map<String, Object>) json;
        return new ActionRequest(
                (String) fields.get("orderNo"), decode(OrderAction.class, (String) fields.get("action")), (String)
                        fields.get("newAddress"));
    }

    static OrderThread orderThread(String json) {
        if (json == null) {
            return OrderThread.NONE;
        }
        Map<String, Object> fields = fromJson(json, new TypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked")
        List<String> proven = (List<String>) fields.getOrDefault("proven", List.of());
        return new OrderThread(
                (String) fields.get("orderNo"),
                decode(OrderThread.Awaiting.class, (String) fields.get("awaiting")),
                ((Number) fields.get("wrongDigits")).intValue(),
                Set.copyOf(proven),
                request(fields.get("wanted")),
                fields.containsKey("pending")
                        ? new ActionProposal(
                                ((Number) fields.get("pendingSeq")).longValue(), request(fields.get("pending")))
                        : null);
    }

    private static ConversationMessage message(ResultSet row) throws SQLException {
        String intent = row.getString("intent");
        MessageSignals signals = intent == null
                ? null
                : new MessageSignals(
                        intent,
                        row.getDouble("confidence"),
                        row.getDouble("sentiment"),
                        row.getDouble("running"),
                        row.getDouble("urgency"),
                        decode(Language.class, row.getString("m_language")));
        return new ConversationMessage(
                row.getLong("seq"),
                decode(Speaker.class, row.getString("sender")),
                row.getString("text"),
                instant(row, "at"),
                fromJson(row.getString("citations"), CITATIONS),
                row.getString("author"),
                signals);
    }

    /** Every stored enum is stored as its lowercase code, which is its name in lowercase. */
    static <E extends Enum<E>> E decode(Class<E> type, String code) {
        return Enum.valueOf(type, code.toUpperCase(Locale.ROOT));
    }

    /** Sets the parameters of a statement about {@code value}. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement statement, T value) throws SQLException;
    }

    /**
     * Updates the row of {@code value}, or inserts it when there is none; {@code update} and {@code
     * insert} take the same parameters, which {@code binder} sets.
     */
    static <T> void upsert(Connection connection, String update, String insert, Binder<T> binder, T value)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            binder.bind(statement, value);
            if (statement.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            binder.bind(statement, value);
            statement.executeUpdate();
        }
    }

    /**
     * Runs {@code delete}, a statement with the one parameter {@code key}: whether it deleted a row.
     * A database failure becomes a {@link StorageException} that says what could not be deleted.
     */
    static boolean deleteRow(DataSource database, String delete, String key, String what) {
        try (Connection c = database.getConnection();
                PreparedStatement statement = c.prepareStatement(delete)) {
            statement.setString(1, key);
            return statement.executeUpdate() > 0;
        } catch (SQLException e) {
            throw StorageException.of("cannot delete " + what, e);
        }
    }

    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value + " as JSON", e);
        }
    }

    private static <T> T fromJson(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is not a " + type.getType() + ": " + text, e);
        }
    }

    static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The URL without a {@code password=} parameter's value. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /**
     * The database could not be reached, migrated, read or written. A failure to read or write
     * names the operation and the SQLState but never carries the driver's message, which can hold
     * the values of the statement (a shopper's text, their phone): it goes to the log.
     */
    public static final class StorageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StorageException(String message, Throwable cause) {
            super(message, cause);
        }

        /**
         * {@code operation} failed with {@code e}: the message says what was done, the SQLState and
         * the vendor's error code; the cause keeps the driver's stack trace and class, not its message.
         */
        public static StorageException of(String operation, SQLException e) {
            SQLException withoutValues = new SQLException(
                    e.getClass().getName() + " (its message is not kept: it can hold stored values)",
                    e.getSQLState(),
                    e.getErrorCode());
            withoutValues.setStackTrace(e.getStackTrace());
            return new StorageException(
                    operation + " (SQLState " + e.getSQLState() + ", error " + e.getErrorCode() + ")", withoutValues);
        }
    }
}
