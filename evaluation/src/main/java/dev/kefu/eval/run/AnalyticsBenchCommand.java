package dev.kefu.eval.run;

import dev.kefu.channels.jdbc.JdbcAnalytics;
import dev.kefu.channels.jdbc.JdbcConversationStore;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.config.StorageConfig;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.Language;
import dev.kefu.eval.metrics.Latencies;
import dev.kefu.eval.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kefu-eval analytics-bench --conversations N [--url JDBC] [--days D] --out R}: generates a
 * store-shaped history of N conversations over the last D days ({@link SyntheticHistory}) into a
 * database through the store's own import (facts included), then times the analytics the trainer
 * console asks for: the summary over the last 30 days, the same in one language, the hourly time
 * series and the agents, each once to warm up and then {@value #RUNS} times.
 */
@Command(
        name = "analytics-bench",
        mixinStandardHelpOptions = true,
        description = "Generates a conversation history into a database and times the analytics summary and time"
                + " series.")
public final class AnalyticsBenchCommand implements Callable<Integer> {
    private static final int RUNS = 5;
    private static final int BATCH = 2_000;

    @Option(names = "--conversations", required = true, description = "Conversations to generate, at least 1.")
    int conversations;

    @Option(
            names = "--url",
            description = "JDBC URL of an empty database (a PostgreSQL schema: ...?currentSchema=bench); default: a new"
                    + " embedded H2 in a temporary directory.")
    String url;

    @Option(names = "--days", description = "Days of history, ending now (default: ${DEFAULT-VALUE}).")
    int days = 30;

    @Option(
            names = "--reuse",
            description = "Time the history the database already holds instead of refusing a non-empty one.")
    boolean reuse;

    @Option(names = "--seed", description = "Seed of the generated history (default: ${DEFAULT-VALUE}).")
    long seed = 42L;

    @Mixin
    ReportFile out;

    @Override
    public Integer call() throws Exception {
        if (conversations < 1 || days < 1) {
            throw new IllegalArgumentException("--conversations and --days must be at least 1");
        }
        KefuConfig defaults = ConfigLoader.defaults();
        Path dataDir = Files.createTempDirectory("kefu-analytics-bench");
        String database = url == null ? "h2" : url.startsWith("jdbc:postgresql:") ? "postgresql" : url;
        String jdbc = url != null && url.startsWith("jdbc:postgresql:") && !url.contains("reWriteBatchedInserts")
                ? url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true"
                : url;
        Clock clock = Clock.systemUTC();
        Instant now = clock.instant().truncatedTo(ChronoUnit.HOURS);
        try (JdbcConversationStore store = JdbcConversationStore.open(
                new StorageConfig(jdbc, null, null, 4), new ConversationConfig(1_000, 60), dataDir)) {
            JdbcAnalytics analytics = store.analytics(
                    clock,
                    defaults.sentiment().neutralBand(),
                    Duration.ofHours(defaults.slots().attributionHours()));
            JdbcAnalytics.Window all = new JdbcAnalytics.Window(Instant.EPOCH, now.plus(Duration.ofDays(1)), null);
            long stored = analytics.summary(all).conversations();
            double generateSeconds = 0;
            if (stored > 0 && !reuse) {
                throw new IllegalArgumentException("the database already holds " + stored
                        + " conversations: give an empty one, or --reuse to time them");
            }
            if (stored == 0) {
                long start = System.nanoTime();
                int[] written = {0};
                new SyntheticHistory(seed, now.minus(Duration.ofDays(days)), now)
                        .generate(conversations, BATCH, batch -> {
                            store.importHistory(batch);
                            written[0] += batch.size();
                            if (written[0] % 100_000 < BATCH) {
                                System.err.printf(
                                        java.util.Locale.ROOT,
                                        "%d conversations written, %.0f s%n",
                                        written[0],
                                        (System.nanoTime() - start) / 1e9);
                            }
                        });
                generateSeconds = (System.nanoTime() - start) / 1e9;
                stored = conversations;
            }
            JdbcAnalytics.Window month = new JdbcAnalytics.Window(now.minus(Duration.ofDays(30)), now, null);
            JdbcAnalytics.Window english = new JdbcAnalytics.Window(month.from(), month.to(), Language.EN);
            long inMonth = analytics.summary(month).conversations();
            // Live traffic: before each timed summary one more conversation is stored, so the summary
            // brings today's rollup up to date as it would on a serving database.
            int[] live = {0};
            SyntheticHistory traffic = new SyntheticHistory(seed + 1, now.minus(Duration.ofHours(1)), now);
            Latencies summary = time(
                    () -> {
                        traffic.generate(
                                1,
                                1,
                                batch -> store.importHistory(List.of(new JdbcConversationStore.Finished(
                                        rename(
                                                batch.get(0).conversation(),
                                                "live-" + seed + "-" + System.nanoTime() + "-" + live[0]++),
                                        List.of()))));
                        return null;
                    },
                    () -> analytics.summary(month));
            Latencies summaryEnglish = time(() -> analytics.summary(english));
            Latencies series = time(() ->
                    analytics.timeseries(month, JdbcAnalytics.Metric.HANDOFF_RATE, false, ZoneId.of("Asia/Shanghai")));
            Latencies agents = time(() -> analytics.agents(month));
            Report report = new Report("Analytics benchmark: " + stored + " conversations on " + database)
                    .put("summary_ms_p50", summary.percentileMs(50))
                    .put("summary_ms_max", summary.percentileMs(100))
                    .put("summary_language_ms_p50", summaryEnglish.percentileMs(50))
                    .put("timeseries_ms_p50", series.percentileMs(50))
                    .put("agents_ms_p50", agents.percentileMs(50))
                    .put("conversations", stored)
                    .put("conversations_in_30_days", inMonth)
                    .put("generate_per_s", generateSeconds == 0 ? 0 : stored / generateSeconds)
                    .put("runs", RUNS)
                    .put("cores", Runtime.getRuntime().availableProcessors());
            out.write(
                    report,
                    "%d conversations (%d in 30 days) on %s: summary p50 %.0f ms (max %.0f), time series p50 %.0f ms,"
                            + " agents p50 %.0f ms",
                    stored,
                    inMonth,
                    database,
                    summary.percentileMs(50),
                    summary.percentileMs(100),
                    series.percentileMs(50),
                    agents.percentileMs(50));
        }
        return 0;
    }

    /** One warm-up, then {@value #RUNS} timed runs. */
    private static Latencies time(Supplier<?> query) {
        return time(() -> null, query);
    }

    /** One warm-up, then {@value #RUNS} timed runs, each after {@code before} (not timed). */
    private static Latencies time(Supplier<?> before, Supplier<?> query) {
        before.get();
        query.get();
        Latencies latencies = new Latencies();
        for (int i = 0; i < RUNS; i++) {
            before.get();
            long start = System.nanoTime();
            query.get();
            latencies.add(System.nanoTime() - start);
        }
        return latencies;
    }

    /** The same conversation under another id (its events are left out: a live shopper's first message). */
    private static Conversation rename(Conversation c, String id) {
        return new Conversation(
                id,
                c.shopper(),
                c.state(),
                c.messages(),
                c.sentiment(),
                c.consecutiveFallbacks(),
                c.ticket(),
                c.linesShown(),
                c.subject(),
                c.orderThread(),
                c.createdAt(),
                c.updatedAt());
    }
}
