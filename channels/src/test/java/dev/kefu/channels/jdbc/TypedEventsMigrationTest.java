package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.StorageConfig;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.intent.Language;
import dev.kefu.core.slot.SuppressionReason;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database at V4 with events as the code before V5 wrote them (string maps, the agent only in
 * the actor, suppressions inside the JSON) reads back after V5 as typed events, with the
 * suppressions in their column, a decision's urgency and language from the message it answered
 * (or none and the hand-off's language), and each conversation's lines shown filled from its
 * replies. On
 * embedded H2, and on PostgreSQL when {@code KEFU_TEST_POSTGRES_URL} is set.
 */
class TypedEventsMigrationTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final String ID = "c-old";

    @TempDir
    Path dataDir;

    /** Each event as the code before V5 stored it: type, actor, data; one second apart. */
    private static final List<List<String>> OLD_ROWS = List.of(
            List.of(
                    "reply",
                    "bot",
                    "{\"answerKind\":\"grounded\",\"citations\":\"policy-shipping,faq-7\",\"composer\":\"llm\","
                            + "\"confidence\":\"0.875\",\"intent\":\"order_status\",\"llmMs\":\"812\","
                            + "\"llmPrompt\":\"v1\",\"running\":\"-0.213\",\"seq\":\"2\",\"sentiment\":\"-0.350\","
                            + "\"slots\":\"script-a:-\",\"slotsSuppressed\":\"one_per_reply,repeated_line\"}"),
            List.of(
                    "reply",
                    "bot",
                    "{\"answerKind\":\"fallback\",\"citations\":\"\",\"confidence\":\"0.400\",\"intent\":\"oos\","
                            + "\"running\":\"0.000\",\"seq\":\"4\",\"sentiment\":\"0.000\",\"slots\":\"script-b:x\"}"),
            List.of("feedback", "shopper", "{\"helpful\":\"false\",\"seq\":\"4\"}"),
            List.of(
                    "handoff",
                    "bot",
                    "{\"composer\":\"template\",\"confidence\":\"0.500\",\"intent\":\"complaint\","
                            + "\"llmDetail\":\"no answer within 800 ms\",\"llmFallback\":\"timeout\","
                            + "\"llmHandOff\":\"true\",\"llmPrompt\":\"v1\",\"priority\":\"urgent\","
                            + "\"reason\":\"negative_sentiment\",\"running\":\"-0.413\",\"seq\":\"6\","
                            + "\"sentiment\":\"-0.820\",\"slotsSuppressed\":\"handoff_pending\","
                            + "\"trigger.score\":\"-0.82\",\"trigger.threshold\":\"-0.60\"}"),
            List.of(
                    "overdue",
                    "system",
                    "{\"actions\":\"notify,offer_message,raise_priority\",\"newPriority\":\"vip\","
                            + "\"priority\":\"urgent\",\"waitedSeconds\":\"960\"}"),
            List.of("claim", "agent:li.na", "{\"priority\":\"vip\",\"waitedSeconds\":\"1000\"}"),
            List.of("release", "agent:li.na", "{}"),
            List.of(
                    "handoff",
                    "system",
                    "{\"priority\":\"normal\",\"reason\":\"repeated_fallback\",\"trigger.fallbacks\":\"2\","
                            + "\"trigger.notHelpfulSeq\":\"8\",\"trigger.threshold\":\"2\"}"),
            List.of(
                    "overdue",
                    "system",
                    "{\"actions\":\"\",\"newPriority\":\"normal\",\"priority\":\"normal\",\"waitedSeconds\":\"0\"}"),
            List.of("close", "agent:wang.wei", "{\"from\":\"queued\"}"),
            List.of("rating", "shopper", "{\"agent\":\"li.na\",\"comment\":\"很好\",\"score\":\"5\"}"),
            List.of("rating", "shopper", "{\"score\":\"3\"}"));

    /** What each old row must read back as. */
    private static List<ConversationEvent> expected() {
        return List.of(
                new ConversationEvent.Replied(
                        ID,
                        at(0),
                        new ConversationEvent.Turn(
                                2,
                                new MessageSignals("order_status", 0.875, -0.35, -0.213, 0.6, Language.ZH),
                                AnswerTrace.llm(812, "v1"),
                                EnumSet.of(SuppressionReason.ONE_PER_REPLY, SuppressionReason.REPEATED_LINE)),
                        AnswerKind.GROUNDED,
                        List.of("policy-shipping", "faq-7"),
                        List.of("script-a:-")),
                new ConversationEvent.Replied(
                        ID,
                        at(1),
                        new ConversationEvent.Turn(
                                4,
                                new MessageSignals("oos", 0.4, 0.0, 0.0, 0.0, Language.EN),
                                AnswerTrace.NONE,
                                Set.of()),
                        AnswerKind.FALLBACK,
                        List.of(),
                        List.of("script-b:x")),
                new ConversationEvent.FeedbackGiven(ID, at(2), 4, false),
                new ConversationEvent.HandedOff(
                        ID,
                        at(3),
                        new HandoffTrigger(
                                HandoffReason.NEGATIVE_SENTIMENT, Map.of("score", "-0.82", "threshold", "-0.60")),
                        Priority.URGENT,
                        new ConversationEvent.Turn(
                                6,
                                new MessageSignals("complaint", 0.5, -0.82, -0.413, 0.0, Language.EN),
                                AnswerTrace.fallback("timeout", "no answer within 800 ms", "v1", null, true),
                                EnumSet.of(SuppressionReason.HANDOFF_PENDING))),
                new ConversationEvent.WentOverdue(
                        ID,
                        at(4),
                        List.of("notify", "offer_message", "raise_priority"),
                        960,
                        Priority.URGENT,
                        Priority.VIP),
                new ConversationEvent.Claimed(ID, at(5), "li.na", 1000, Priority.VIP),
                new ConversationEvent.Released(ID, at(6), "li.na"),
                new ConversationEvent.HandedOff(
                        ID,
                        at(7),
                        new HandoffTrigger(
                                HandoffReason.REPEATED_FALLBACK,
                                Map.of("fallbacks", "2", "notHelpfulSeq", "8", "threshold", "2")),
                        Priority.NORMAL,
                        null),
                new ConversationEvent.WentOverdue(ID, at(8), List.of(), 0, Priority.NORMAL, Priority.NORMAL),
                new ConversationEvent.Closed(ID, at(9), "wang.wei", ConversationState.QUEUED),
                new ConversationEvent.Rated(ID, at(10), 5, "很好", "li.na"),
                new ConversationEvent.Rated(ID, at(11), 3, null, null));
    }

    @Test
    void should_read_events_written_before_v5_as_typed_events_with_their_suppressions_on_h2() throws SQLException {
        String url = JdbcConversationStore.embeddedUrl(dataDir);
        atVersion4WithOldRows(url, "sa", "");

        try (JdbcConversationStore store = JdbcConversationStore.open(
                new StorageConfig(null, null, null, 2), new ConversationConfig(100, 60), dataDir)) {
            assertMigrated(store);
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "KEFU_TEST_POSTGRES_URL", matches = ".+")
    void should_read_events_written_before_v5_as_typed_events_with_their_suppressions_on_postgresql()
            throws SQLException {
        String server = System.getenv("KEFU_TEST_POSTGRES_URL");
        String schema =
                "kefu_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute(server, "CREATE SCHEMA " + schema);
        try {
            String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            atVersion4WithOldRows(url, null, null);
            try (JdbcConversationStore store = JdbcConversationStore.open(
                    new StorageConfig(url, null, null, 2), new ConversationConfig(100, 60), dataDir)) {
                assertMigrated(store);
            }
        } finally {
            execute(server, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void assertMigrated(JdbcConversationStore store) {
        assertThat(store.events(ID)).containsExactlyElementsOf(expected());
        assertThat(store.find(ID).orElseThrow().linesShown()).containsExactly("script-a:-", "script-b:x");
        assertThat(store.find(ID).orElseThrow().subject()).isNull();
        assertThat(store.find("c-quiet").orElseThrow().linesShown()).isEmpty();
        assertThat(store.experimentLog().suppressions(T0))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        SuppressionReason.ONE_PER_REPLY, 1L,
                        SuppressionReason.REPEATED_LINE, 1L,
                        SuppressionReason.HANDOFF_PENDING, 1L));
        assertThat(store.experimentLog().suppressions(at(1))).containsOnlyKeys(SuppressionReason.HANDOFF_PENDING);
    }

    /** The schema at V4, two conversations, and the old rows of one of them. */
    private static void atVersion4WithOldRows(String url, String user, String password) throws SQLException {
        Flyway.configure(TypedEventsMigrationTest.class.getClassLoader())
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .target("4")
                .load()
                .migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            for (String id : List.of(ID, "c-quiet")) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO conversations (id,"
                        + " shopper_tags, state, sentiment_running, sentiment_messages, sentiment_falling_streak,"
                        + " consecutive_fallbacks, language, created_at, updated_at, message_count)"
                        + " VALUES (?, '[]', 'closed', 0, 0, 0, 0, 'en', ?, ?, 0)")) {
                    insert.setString(1, id);
                    insert.setObject(2, T0.atOffset(ZoneOffset.UTC));
                    insert.setObject(3, T0.atOffset(ZoneOffset.UTC));
                    insert.executeUpdate();
                }
            }
            // the shopper message the first reply answered, with the signals the code before V5 kept
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO messages (conversation_id,"
                    + " seq, sender, text, at, citations, intent, confidence, sentiment, running, urgency, language)"
                    + " VALUES (?, 1, 'shopper', 'where is my order', ?, '[]', 'order_status', 0.875, -0.35, -0.213,"
                    + " 0.6, 'zh')")) {
                insert.setString(1, ID);
                insert.setObject(2, T0.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO conversation_events (conversation_id, at, type, actor, data) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < OLD_ROWS.size(); i++) {
                    insert.setString(1, ID);
                    insert.setObject(2, at(i).atOffset(ZoneOffset.UTC));
                    insert.setString(3, OLD_ROWS.get(i).get(0));
                    insert.setString(4, OLD_ROWS.get(i).get(1));
                    insert.setString(5, OLD_ROWS.get(i).get(2));
                    insert.executeUpdate();
                }
            }
        }
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
