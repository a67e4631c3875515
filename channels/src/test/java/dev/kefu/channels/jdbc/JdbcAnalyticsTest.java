package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.StorageConfig;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service figures of docs/ANALYTICS.md over a history that has every outcome, on H2, and the
 * same figures on PostgreSQL when {@code KEFU_TEST_POSTGRES_URL} is set (its own schema, dropped
 * afterwards).
 */
class JdbcAnalyticsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
    private static final Instant NOW = T0.plus(Duration.ofDays(2));
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final JdbcAnalytics.Window WINDOW =
            new JdbcAnalytics.Window(T0.minus(Duration.ofDays(1)), NOW, null);

    @TempDir
    Path dataDir;

    /** A conversation being written: its messages and events. */
    private static final class Script {
        Conversation conversation;
        final List<ConversationEvent> events = new ArrayList<>();

        Script(String id, String shopper, Instant start) {
            conversation = Conversation.start(id, new ShopperContext(shopper, Set.of()), start);
        }

        Script turn(Instant at, String intent, double sentiment, AnswerKind kind, Language language, String... slots) {
            conversation = conversation.append(Speaker.SHOPPER, "q", List.of(), at);
            long seq = conversation.messages().size();
            MessageSignals signals = new MessageSignals(intent, 0.9, sentiment, sentiment, 0.0, language);
            conversation = conversation
                    .withSignals(seq, signals)
                    .append(Speaker.BOT, "a", List.of(), at.plusMillis(200 * seq));
            events.add(new ConversationEvent.Replied(
                    conversation.id(),
                    at.plusMillis(200 * seq),
                    new ConversationEvent.Turn(seq + 1, signals, AnswerTrace.template(), Set.of()),
                    kind,
                    List.of(),
                    List.of(slots)));
            return this;
        }

        Script turn(Instant at, String intent, AnswerKind kind) {
            return turn(at, intent, 0.0, kind, Language.EN);
        }

        Script event(ConversationEvent event) {
            events.add(event);
            return this;
        }

        Script agentSays(String agent, Instant at) {
            conversation = conversation.appendFromAgent(agent, "hello", at);
            return this;
        }
    }

    private static Instant at(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    /** Eleven conversations: every outcome, two hand-offs, three ratings, a return, a negative turn. */
    private static List<Script> history() {
        List<Script> all = new ArrayList<>();
        all.add(new Script("c-helped", "s-1", at(0))
                .turn(at(0), "shipping", AnswerKind.GROUNDED)
                .event(new ConversationEvent.FeedbackGiven("c-helped", at(1), 2, true)));
        all.add(new Script("c-quiet", "s-2", at(5)).turn(at(5), "returns", AnswerKind.GROUNDED));
        all.add(new Script("c-recent", "s-3", NOW.minus(Duration.ofHours(1)))
                .turn(NOW.minus(Duration.ofHours(1)), "returns", AnswerKind.GROUNDED));
        all.add(new Script("c-first", "s-9", at(10))
                .turn(at(10), "shipping", 0.0, AnswerKind.GROUNDED, Language.EN, "spring:a"));
        all.add(new Script("c-again", "s-9", at(130)).turn(at(130), "shipping", AnswerKind.GROUNDED));
        all.add(new Script("c-nothing", null, at(20)).turn(at(20), "oos", AnswerKind.FALLBACK));
        all.add(new Script("c-zh", "s-4", at(25))
                .turn(at(25), "size", 0.0, AnswerKind.GROUNDED, Language.ZH, "spring:b", "tea:a")
                .event(new ConversationEvent.Rated("c-zh", at(27), 5, null, null)));
        all.add(new Script("c-upset", "s-5", at(30))
                .turn(at(30), "delivery", -0.8, AnswerKind.GROUNDED, Language.EN)
                .turn(at(31), "delivery", 0.3, AnswerKind.GROUNDED, Language.EN));
        all.add(new Script("c-human", "s-6", at(40))
                .turn(at(40), "human", AnswerKind.HANDOFF_NOTICE)
                .event(new ConversationEvent.HandedOff(
                        "c-human",
                        at(40),
                        new HandoffTrigger(HandoffReason.EXPLICIT_REQUEST, Map.of()),
                        Priority.NORMAL,
                        null))
                .event(new ConversationEvent.WentOverdue(
                        "c-human", at(50), List.of("notify"), 600, Priority.NORMAL, Priority.URGENT))
                .event(new ConversationEvent.Claimed("c-human", at(52), "wang", 720, Priority.URGENT))
                .agentSays("wang", at(53))
                .event(new ConversationEvent.Closed("c-human", at(60), "wang", ConversationState.AGENT))
                .event(new ConversationEvent.Rated("c-human", at(61), 2, null, "wang")));
        all.add(new Script("c-vip", "s-7", at(70))
                .turn(at(70), "order", AnswerKind.HANDOFF_NOTICE)
                .event(new ConversationEvent.HandedOff(
                        "c-vip", at(70), new HandoffTrigger(HandoffReason.SHOPPER_TAG, Map.of()), Priority.VIP, null))
                .event(new ConversationEvent.Claimed("c-vip", at(71), "li.na", 60, Priority.VIP))
                .agentSays("li.na", at(72))
                .event(new ConversationEvent.Released("c-vip", at(75), "li.na"))
                .event(new ConversationEvent.Rated("c-vip", at(76), 4, null, "li.na")));
        all.add(new Script("c-smalltalk", "s-8", at(80)).turn(at(80), "greeting", AnswerKind.SMALL_TALK));
        return all;
    }

    private static void save(JdbcConversationStore store) {
        for (Script script : history()) {
            store.save(script.conversation, script.events);
        }
    }

    private static JdbcAnalytics analytics(JdbcConversationStore store) {
        return store.analytics(CLOCK, 0.25, Duration.ofHours(72));
    }

    @Test
    void should_count_every_outcome_time_rating_and_line_by_the_definitions() {
        try (JdbcConversationStore store = JdbcConversationStoreH2Test.open(dataDir)) {
            save(store);
            JdbcAnalytics.Summary summary = analytics(store).summary(WINDOW);

            assertThat(summary.conversations()).isEqualTo(11);
            assertThat(summary.outcomes())
                    .containsExactly(
                            entry("confirmed", 2L),
                            entry("assumed", 3L),
                            entry("pending", 1L),
                            entry("handed_off", 2L),
                            entry("unanswered", 1L),
                            entry("abandoned", 2L));
            assertThat(summary.resolution()).isEqualTo(new JdbcAnalytics.Resolution(2, 3, 1, 0.5));
            assertThat(summary.handoffs().total()).isEqualTo(2);
            assertThat(summary.handoffs().byReason())
                    .containsEntry("explicit_request", 1L)
                    .containsEntry("shopper_tag", 1L)
                    .containsEntry("intent", 0L);
            assertThat(summary.unanswered()).isEqualTo(new JdbcAnalytics.Unanswered(1, 0.0909));
            assertThat(summary.csat().count()).isEqualTo(3);
            assertThat(summary.csat().average()).isEqualTo(3.67);
            assertThat(summary.csat().distribution())
                    .containsEntry("2", 1L)
                    .containsEntry("4", 1L)
                    .containsEntry("5", 1L);
            assertThat(summary.csat().botOnly()).isEqualTo(new JdbcAnalytics.Ratings(1, 5.0));
            assertThat(summary.csat().agentServed()).isEqualTo(new JdbcAnalytics.Ratings(2, 3.0));
            assertThat(summary.responseTimes().agentFirstResponseSeconds())
                    .isEqualTo(new JdbcAnalytics.Percentiles(120L, 780L));
            assertThat(summary.responseTimes().botMs()).isEqualTo(new JdbcAnalytics.Percentiles(200L, 200L));
            assertThat(summary.queue().waitSeconds()).isEqualTo(new JdbcAnalytics.Percentiles(60L, 720L));
            assertThat(summary.queue().handlingSeconds()).isEqualTo(new JdbcAnalytics.Percentiles(240L, 480L));
            assertThat(summary.queue().slaHitRate()).isEqualTo(0.5);
            assertThat(summary.sentiment()).isEqualTo(new JdbcAnalytics.Sentiment(1, 0.0909, 1, 1.0));
            assertThat(summary.marketing().linesShown()).isEqualTo(3);
            assertThat(summary.marketing().conversationsWithLines()).isEqualTo(2);

            JdbcAnalytics.Summary chinese =
                    analytics(store).summary(new JdbcAnalytics.Window(WINDOW.from(), WINDOW.to(), Language.ZH));
            assertThat(chinese.conversations()).isEqualTo(1);
            assertThat(chinese.csat().average()).isEqualTo(5.0);
        }
    }

    @Test
    void should_keep_the_daily_rollup_exact_when_a_conversation_changes_or_is_erased_after_a_summary() {
        try (JdbcConversationStore store = JdbcConversationStoreH2Test.open(dataDir)) {
            save(store);
            JdbcAnalytics.Summary before = analytics(store).summary(WINDOW);
            Script quiet = history().get(1);
            store.save(quiet.conversation, List.of(new ConversationEvent.Rated("c-quiet", at(9), 1, null, null)));

            JdbcAnalytics.Summary after = analytics(store).summary(WINDOW);

            assertThat(after.csat().count()).isEqualTo(before.csat().count() + 1);
            assertThat(after.outcomes().get("abandoned"))
                    .isEqualTo(before.outcomes().get("abandoned") + 1);
            assertThat(after.outcomes().get("assumed"))
                    .isEqualTo(before.outcomes().get("assumed") - 1);

            store.personalData(dev.kefu.core.conversation.ConversationLocks.inProcess())
                    .erase("s-9", "it", NOW, ids -> 0);
            assertThat(analytics(store).summary(WINDOW).conversations()).isEqualTo(9);
        }
    }

    @Test
    void should_bucket_the_time_series_by_the_zone_s_hours_and_weekdays() {
        try (JdbcConversationStore store = JdbcConversationStoreH2Test.open(dataDir)) {
            save(store);
            JdbcAnalytics.Timeseries series = analytics(store)
                    .timeseries(WINDOW, JdbcAnalytics.Metric.CONVERSATIONS, false, ZoneId.of("Asia/Shanghai"));

            assertThat(series.points()).hasSize(72);
            assertThat(series.points().stream()
                            .mapToDouble(JdbcAnalytics.Point::value)
                            .sum())
                    .isEqualTo(11);
            // 2026-12-01 is a Tuesday; 08:00 UTC is 16:00 in Shanghai.
            assertThat(series.byWeekdayHour().get(1).get(16)).isEqualTo(7.0);
            assertThat(series.byWeekdayHour().get(1).get(17)).isEqualTo(2.0);
            assertThat(series.byWeekdayHour().get(1).get(18)).isEqualTo(1.0);
            JdbcAnalytics.Timeseries daily =
                    analytics(store).timeseries(WINDOW, JdbcAnalytics.Metric.HANDOFF_RATE, true, ZoneOffset.UTC);
            assertThat(daily.points()).hasSize(4);
            assertThat(daily.points().get(1).value()).isEqualTo(0.2);
            assertThat(daily.points().get(0).value()).isNull();
        }
    }

    @Test
    void should_list_agents_and_stream_one_csv_row_per_conversation() {
        try (JdbcConversationStore store = JdbcConversationStoreH2Test.open(dataDir)) {
            save(store);
            List<JdbcAnalytics.AgentFigures> agents = analytics(store).agents(WINDOW);
            assertThat(agents).extracting(JdbcAnalytics.AgentFigures::agent).containsExactly("li.na", "wang");
            assertThat(agents.get(1).firstResponseSeconds().p50()).isEqualTo(780);
            assertThat(agents.get(1).csat()).isEqualTo(new JdbcAnalytics.Ratings(1, 2.0));

            StringWriter csv = new StringWriter();
            assertThat(analytics(store).csv(WINDOW, csv)).isEqualTo(11);
            String[] lines = csv.toString().split("\r\n");
            assertThat(lines).hasSize(12);
            assertThat(lines[0]).isEqualTo(String.join(",", JdbcAnalytics.CSV_COLUMNS));
            assertThat(lines[1]).startsWith("c-helped,2026-12-01T08:00:00Z,").contains(",confirmed,");
            assertThat(csv.toString()).contains("c-first,").contains(",abandoned,");
        }
    }

    @Test
    void should_compute_the_same_figures_on_postgresql_as_on_h2() throws SQLException {
        String url = System.getenv("KEFU_TEST_POSTGRES_URL");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                url != null && !url.isBlank(), "KEFU_TEST_POSTGRES_URL is not set");
        String schema =
                "kefu_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute(url, "CREATE SCHEMA " + schema);
        try (JdbcConversationStore h2 = JdbcConversationStoreH2Test.open(dataDir);
                JdbcConversationStore postgres = JdbcConversationStore.open(
                        new StorageConfig(
                                url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, null, 2),
                        new ConversationConfig(1_000, 60),
                        dataDir.resolve("pg"))) {
            save(h2);
            save(postgres);
            for (JdbcAnalytics.Window window : List.of(
                    WINDOW,
                    new JdbcAnalytics.Window(WINDOW.from(), WINDOW.to(), Language.EN),
                    new JdbcAnalytics.Window(at(0), at(60), null))) {
                assertThat(analytics(postgres).summary(window))
                        .isEqualTo(analytics(h2).summary(window));
                assertThat(analytics(postgres).agents(window))
                        .isEqualTo(analytics(h2).agents(window));
                for (JdbcAnalytics.Metric metric : JdbcAnalytics.Metric.values()) {
                    assertThat(analytics(postgres).timeseries(window, metric, false, ZoneOffset.UTC))
                            .isEqualTo(analytics(h2).timeseries(window, metric, false, ZoneOffset.UTC));
                }
                StringWriter fromH2 = new StringWriter();
                StringWriter fromPostgres = new StringWriter();
                analytics(h2).csv(window, fromH2);
                analytics(postgres).csv(window, fromPostgres);
                assertThat(fromPostgres.toString()).isEqualTo(fromH2.toString());
            }
        } finally {
            execute(url, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
