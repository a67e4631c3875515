package dev.kefu.channels.jdbc;

import dev.kefu.core.Checks;
import dev.kefu.core.analytics.Outcome;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.intent.Language;
import dev.kefu.core.slot.experiment.ExperimentLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The service figures of docs/ANALYTICS.md, read from {@code conversation_facts} (one row per
 * conversation, kept exact by the store's saves) with plain aggregates that H2 and PostgreSQL
 * compute alike: counts with {@code FILTER}, integer sums (averages are divided here), and
 * nearest-rank percentiles ({@code PERCENTILE_DISC}). What depends on time (a quiet conversation
 * is assumed resolved after 24 h) is decided in the query against the injected clock. Thread-safe.
 */
public final class JdbcAnalytics {
    /** Percentiles read: the median and the 90th. */
    private static final String P50 = "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY ";

    private static final String P90 = "PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY ";
    /** A stored pending outcome that is now abandoned (the shopper returned). */
    private static final String RETURNED = "(outcome = 'pending' AND returned)";
    /** A stored pending outcome that is now assumed (quiet for 24 h: {@code last_at <= now - 24 h}). */
    private static final String ASSUMED = "(outcome = 'pending' AND NOT returned AND last_at <= ?)";

    private static final String PENDING = "(outcome = 'pending' AND NOT returned AND last_at > ?)";

    private final DataSource database;
    private final Clock clock;
    private final double neutralBand;
    private final Duration attribution;

    /**
     * @param neutralBand {@code sentiment.neutralBand}: a message below its negative is negative
     * @param attribution {@code slots.attributionHours}: how long after a line an order is attributed to it
     */
    JdbcAnalytics(DataSource database, Clock clock, double neutralBand, Duration attribution) {
        this.database = database;
        this.clock = clock;
        this.neutralBand = neutralBand;
        this.attribution = attribution;
    }

    /**
     * The conversations a figure counts: started in {@code from}..{@code to} (exclusive), in {@code
     * language} when one is given.
     */
    public record Window(Instant from, Instant to, Language language) {
        public Window {
            Checks.requireNonNull("from", from);
            Checks.requireNonNull("to", to);
            if (!from.isBefore(to)) {
                throw new IllegalArgumentException("from must be before to, was " + from + " .. " + to);
            }
        }

        /** The window of the same length just before this one (for the change against the previous period). */
        public Window previous() {
            return new Window(from.minus(Duration.between(from, to)), from, language);
        }
    }

    /** Nearest-rank percentiles of one value per conversation; {@code null} when there are none. */
    public record Percentiles(Long p50, Long p90) {}

    public record Resolution(long confirmed, long assumed, long pending, Double rate) {}

    public record Handoffs(long total, Double rate, Map<String, Long> byReason) {}

    public record Unanswered(long count, Double rate) {}

    public record Ratings(long count, Double average) {}

    public record Csat(
            long count, Double average, Map<String, Long> distribution, Ratings botOnly, Ratings agentServed) {}

    public record ResponseTimes(Percentiles botMs, Percentiles agentFirstResponseSeconds) {}

    public record Queue(
            Percentiles waitSeconds, Percentiles handlingSeconds, long slaHits, long slaMisses, Double slaHitRate) {}

    public record Sentiment(long turnedNegative, Double turnedNegativeRate, long endedBetter, Double endedBetterRate) {}

    public record Marketing(
            long linesShown,
            long conversationsWithLines,
            Double interactionDepth,
            long clicks,
            long orders,
            double revenue) {}

    /** {@code GET /api/v1/analytics/summary}; the field names are the API's. */
    public record Summary(
            String from,
            String to,
            String language,
            long conversations,
            Map<String, Long> outcomes,
            Resolution resolution,
            Handoffs handoffs,
            Unanswered unanswered,
            Csat csat,
            ResponseTimes responseTimes,
            Queue queue,
            Sentiment sentiment,
            Marketing marketing) {}

    /** The summary of the conversations started in {@code window}. */
    public Summary summary(Window window) {
        Instant now = clock.instant();
        Instant quiet = now.minus(Outcome.RETURN_WINDOW);
        String negative = "min_sentiment < " + (-neutralBand);
        String sql = "SELECT COUNT(*),"
                + " COUNT(*) FILTER (WHERE outcome = 'confirmed'),"
                + " COUNT(*) FILTER (WHERE " + ASSUMED + "),"
                + " COUNT(*) FILTER (WHERE " + PENDING + "),"
                + " COUNT(*) FILTER (WHERE outcome = 'abandoned' OR " + RETURNED + "),"
                + " COUNT(*) FILTER (WHERE outcome = 'unanswered'),"
                + " COUNT(*) FILTER (WHERE outcome = 'handed_off'),"
                + " COUNT(rating), SUM(rating),"
                + " COUNT(*) FILTER (WHERE rating = 1), COUNT(*) FILTER (WHERE rating = 2),"
                + " COUNT(*) FILTER (WHERE rating = 3), COUNT(*) FILTER (WHERE rating = 4),"
                + " COUNT(*) FILTER (WHERE rating = 5),"
                + " COUNT(rating) FILTER (WHERE NOT agent_served), SUM(rating) FILTER (WHERE NOT agent_served),"
                + " COUNT(rating) FILTER (WHERE agent_served), SUM(rating) FILTER (WHERE agent_served),"
                + " " + P50 + "bot_first_ms), " + P90 + "bot_first_ms),"
                + " " + P50 + "agent_first_s), " + P90 + "agent_first_s),"
                + " " + P50 + "queue_wait_s), " + P90 + "queue_wait_s),"
                + " " + P50 + "handling_s), " + P90 + "handling_s),"
                + " COUNT(*) FILTER (WHERE sla_hit), COUNT(*) FILTER (WHERE NOT sla_hit),"
                + " COUNT(*) FILTER (WHERE " + negative + "),"
                + " COUNT(*) FILTER (WHERE " + negative + " AND last_sentiment >= " + (-neutralBand) + "),"
                + " SUM(lines_shown), COUNT(*) FILTER (WHERE lines_shown > 0)"
                + " FROM conversation_facts WHERE " + where(window);
        try (Connection c = database.getConnection()) {
            Summary summary;
            try (PreparedStatement select = c.prepareStatement(sql)) {
                int i = 0;
                JdbcConversationStore.setInstant(select, ++i, quiet);
                JdbcConversationStore.setInstant(select, ++i, quiet);
                bind(select, i, window);
                try (ResultSet r = select.executeQuery()) {
                    r.next();
                    summary = summary(window, r, byReason(c, window), marketing(c, window));
                }
            }
            return summary;
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the analytics summary", e);
        }
    }

    private Summary summary(Window window, ResultSet r, Map<String, Long> byReason, long[] orders) throws SQLException {
        int i = 0;
        long conversations = r.getLong(++i);
        long confirmed = r.getLong(++i);
        long assumed = r.getLong(++i);
        long pending = r.getLong(++i);
        long abandoned = r.getLong(++i);
        long unanswered = r.getLong(++i);
        long handedOff = r.getLong(++i);
        long ratings = r.getLong(++i);
        long ratingSum = r.getLong(++i);
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int score = 1; score <= 5; score++) {
            distribution.put(Integer.toString(score), r.getLong(++i));
        }
        Ratings botOnly = new Ratings(r.getLong(++i), null);
        botOnly = new Ratings(botOnly.count(), average(r.getLong(++i), botOnly.count()));
        Ratings agentServed = new Ratings(r.getLong(++i), null);
        agentServed = new Ratings(agentServed.count(), average(r.getLong(++i), agentServed.count()));
        Percentiles bot = new Percentiles(longOrNull(r, ++i), longOrNull(r, ++i));
        Percentiles agentFirst = new Percentiles(longOrNull(r, ++i), longOrNull(r, ++i));
        Percentiles wait = new Percentiles(longOrNull(r, ++i), longOrNull(r, ++i));
        Percentiles handling = new Percentiles(longOrNull(r, ++i), longOrNull(r, ++i));
        long hits = r.getLong(++i);
        long misses = r.getLong(++i);
        long negative = r.getLong(++i);
        long better = r.getLong(++i);
        long lines = r.getLong(++i);
        long withLines = r.getLong(++i);
        Map<String, Long> outcomes = new LinkedHashMap<>();
        outcomes.put(Outcome.CONFIRMED.code(), confirmed);
        outcomes.put(Outcome.ASSUMED.code(), assumed);
        outcomes.put(Outcome.PENDING.code(), pending);
        outcomes.put(Outcome.HANDED_OFF.code(), handedOff);
        outcomes.put(Outcome.UNANSWERED.code(), unanswered);
        outcomes.put(Outcome.ABANDONED.code(), abandoned);
        return new Summary(
                window.from().toString(),
                window.to().toString(),
                window.language() == null ? null : window.language().code(),
                conversations,
                outcomes,
                new Resolution(confirmed, assumed, pending, rate(confirmed + assumed, conversations - pending)),
                new Handoffs(handedOff, rate(handedOff, conversations), byReason),
                new Unanswered(unanswered, rate(unanswered, conversations)),
                new Csat(ratings, average(ratingSum, ratings), distribution, botOnly, agentServed),
                new ResponseTimes(bot, agentFirst),
                new Queue(wait, handling, hits, misses, rate(hits, hits + misses)),
                new Sentiment(negative, rate(negative, conversations), better, rate(better, negative)),
                new Marketing(
                        lines, withLines, rate(withLines, conversations), orders[0], orders[1], orders[2] / 100.0));
    }

    /** Hand-offs by the first hand-off's reason, every reason listed. */
    private Map<String, Long> byReason(Connection c, Window window) throws SQLException {
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (HandoffReason reason : HandoffReason.values()) {
            byReason.put(reason.code(), 0L);
        }
        try (PreparedStatement select = c.prepareStatement("SELECT handoff_reason, COUNT(*) FROM conversation_facts"
                + " WHERE handoff_reason IS NOT NULL AND " + where(window) + " GROUP BY handoff_reason")) {
            bind(select, 0, window);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    byReason.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return byReason;
    }

    /**
     * Clicks on lines, and orders with their revenue (in cents, summed exactly) attributed to a line
     * by the experiments' rule, in the window: {@code [clicks, orders, revenueCents]}.
     */
    private long[] marketing(Connection c, Window window) throws SQLException {
        long[] figures = new long[3];
        try (PreparedStatement clicks =
                c.prepareStatement("SELECT COUNT(*) FROM storefront_events WHERE type = ? AND at >= ? AND at < ?")) {
            clicks.setString(1, ExperimentLog.CLICK);
            JdbcConversationStore.setInstant(clicks, 2, window.from());
            JdbcConversationStore.setInstant(clicks, 3, window.to());
            try (ResultSet r = clicks.executeQuery()) {
                r.next();
                figures[0] = r.getLong(1);
            }
        }
        // Orders are few beside conversations: the exposures that attribute each are looked up in Java.
        try (PreparedStatement orders = c.prepareStatement(
                        "SELECT shopper_id, amount, at FROM storefront_events WHERE type = ? AND at >= ? AND at < ?");
                PreparedStatement exposed = c.prepareStatement(
                        "SELECT COUNT(*) FROM slot_exposures" + " WHERE shopper_key = ? AND at <= ? AND at >= ?")) {
            orders.setString(1, ExperimentLog.ORDER);
            JdbcConversationStore.setInstant(orders, 2, window.from());
            JdbcConversationStore.setInstant(orders, 3, window.to());
            try (ResultSet r = orders.executeQuery()) {
                while (r.next()) {
                    Instant at = JdbcConversationStore.instant(r, "at");
                    exposed.setString(1, r.getString("shopper_id"));
                    JdbcConversationStore.setInstant(exposed, 2, at);
                    JdbcConversationStore.setInstant(exposed, 3, at.minus(attribution));
                    try (ResultSet e = exposed.executeQuery()) {
                        e.next();
                        if (e.getLong(1) > 0) {
                            figures[1]++;
                            figures[2] += Math.round(r.getDouble("amount") * 100);
                        }
                    }
                }
            }
        }
        return figures;
    }

    /** The metrics of the time series. */
    public enum Metric {
        CONVERSATIONS,
        HANDOFFS,
        HANDOFF_RATE,
        UNANSWERED,
        RESOLVED,
        RATINGS,
        CSAT_AVERAGE;

        /** The API's name: {@code handoffRate}, {@code csatAverage}, ... */
        public String code() {
            String[] words = name().toLowerCase(Locale.ROOT).split("_");
            StringBuilder code = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                code.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            return code.toString();
        }

        public static Metric fromCode(String code) {
            for (Metric metric : values()) {
                if (metric.code().equals(code)) {
                    return metric;
                }
            }
            throw new IllegalArgumentException("metric must be one of " + codes() + ", was " + code);
        }

        public static List<String> codes() {
            return java.util.Arrays.stream(values()).map(Metric::code).toList();
        }
    }

    /** The counts of one bucket, from which every metric is computed. */
    private record Counts(
            long conversations, long handoffs, long unanswered, long resolved, long ratings, long ratingSum) {
        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0);

        Counts plus(Counts o) {
            return new Counts(
                    conversations + o.conversations,
                    handoffs + o.handoffs,
                    unanswered + o.unanswered,
                    resolved + o.resolved,
                    ratings + o.ratings,
                    ratingSum + o.ratingSum);
        }

        Double value(Metric metric) {
            return switch (metric) {
                case CONVERSATIONS -> (double) conversations;
                case HANDOFFS -> (double) handoffs;
                case HANDOFF_RATE -> rate(handoffs, conversations);
                case UNANSWERED -> (double) unanswered;
                case RESOLVED -> (double) resolved;
                case RATINGS -> (double) ratings;
                case CSAT_AVERAGE -> average(ratingSum, ratings);
            };
        }
    }

    public record Point(String at, Double value) {}

    /**
     * {@code GET /api/v1/analytics/timeseries}: the metric per hour or day (in {@code zone}) of the
     * window, and per weekday (Monday first) and hour of the day.
     */
    public record Timeseries(
            String metric,
            String interval,
            String zone,
            String from,
            String to,
            List<Point> points,
            List<List<Double>> byWeekdayHour) {}

    /**
     * The time series of {@code metric}: conversations counted by the hour they started, grouped
     * in SQL by UTC hour and gathered here into the zone's hours or days (exact for zones a whole
     * number of hours from UTC).
     */
    public Timeseries timeseries(Window window, Metric metric, boolean daily, ZoneId zone) {
        Map<Long, Counts> byHour = new TreeMap<>();
        Instant quiet = clock.instant().minus(Outcome.RETURN_WINDOW);
        String sql = "SELECT started_hour, COUNT(*), COUNT(*) FILTER (WHERE outcome = 'handed_off'),"
                + " COUNT(*) FILTER (WHERE outcome = 'unanswered'),"
                + " COUNT(*) FILTER (WHERE outcome = 'confirmed' OR " + ASSUMED + "),"
                + " COUNT(rating), SUM(rating) FROM conversation_facts WHERE " + where(window)
                + " GROUP BY started_hour";
        try (Connection c = database.getConnection();
                PreparedStatement select = c.prepareStatement(sql)) {
            JdbcConversationStore.setInstant(select, 1, quiet);
            bind(select, 1, window);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    byHour.put(
                            r.getLong(1),
                            new Counts(
                                    r.getLong(2),
                                    r.getLong(3),
                                    r.getLong(4),
                                    r.getLong(5),
                                    r.getLong(6),
                                    r.getLong(7)));
                }
            }
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the analytics time series", e);
        }
        ChronoUnit unit = daily ? ChronoUnit.DAYS : ChronoUnit.HOURS;
        Map<Instant, Counts> buckets = new LinkedHashMap<>();
        ZonedDateTime start = window.from().atZone(zone).truncatedTo(unit);
        for (ZonedDateTime t = start; t.toInstant().isBefore(window.to()); t = t.plus(1, unit)) {
            buckets.put(t.toInstant(), Counts.ZERO);
        }
        Counts[][] grid = new Counts[7][24];
        for (Counts[] row : grid) {
            java.util.Arrays.fill(row, Counts.ZERO);
        }
        byHour.forEach((hour, counts) -> {
            ZonedDateTime local = Instant.ofEpochSecond(hour * FactsTable.HOUR).atZone(zone);
            buckets.merge(local.truncatedTo(unit).toInstant(), counts, Counts::plus);
            int day = local.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue();
            grid[day][local.getHour()] = grid[day][local.getHour()].plus(counts);
        });
        List<Point> points = new ArrayList<>();
        buckets.forEach((at, counts) -> points.add(new Point(at.toString(), counts.value(metric))));
        List<List<Double>> heat = new ArrayList<>();
        for (Counts[] row : grid) {
            List<Double> values = new ArrayList<>();
            for (Counts counts : row) {
                values.add(counts.value(metric));
            }
            heat.add(values);
        }
        return new Timeseries(
                metric.code(),
                daily ? "day" : "hour",
                zone.getId(),
                window.from().toString(),
                window.to().toString(),
                points,
                heat);
    }

    /** One agent's figures. */
    public record AgentFigures(
            String agent, long served, Percentiles firstResponseSeconds, Percentiles handlingSeconds, Ratings csat) {}

    /** {@code GET /api/v1/analytics/agents}: per agent who first claimed the window's conversations, by name. */
    public List<AgentFigures> agents(Window window) {
        String sql = "SELECT agent, COUNT(*), " + P50 + "agent_first_s), " + P90 + "agent_first_s), "
                + P50 + "handling_s), " + P90 + "handling_s), COUNT(rating), SUM(rating)"
                + " FROM conversation_facts WHERE agent IS NOT NULL AND " + where(window) + " GROUP BY agent";
        List<AgentFigures> agents = new ArrayList<>();
        try (Connection c = database.getConnection();
                PreparedStatement select = c.prepareStatement(sql)) {
            bind(select, 0, window);
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    long ratings = r.getLong(7);
                    agents.add(new AgentFigures(
                            r.getString(1),
                            r.getLong(2),
                            new Percentiles(longOrNull(r, 3), longOrNull(r, 4)),
                            new Percentiles(longOrNull(r, 5), longOrNull(r, 6)),
                            new Ratings(ratings, average(r.getLong(8), ratings))));
                }
            }
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the analytics of agents", e);
        }
        // Java's order, not the database collation's, so both databases list the same way.
        agents.sort(java.util.Comparator.comparing(AgentFigures::agent));
        return agents;
    }

    /** The CSV's columns, in order. */
    public static final List<String> CSV_COLUMNS = List.of(
            "conversation_id",
            "started_at",
            "last_at",
            "language",
            "outcome",
            "handoff_reason",
            "first_intent",
            "bot_first_ms",
            "agent_first_s",
            "queue_wait_s",
            "handling_s",
            "sla_hit",
            "agent",
            "rating",
            "min_sentiment",
            "last_sentiment",
            "lines_shown");

    /**
     * {@code GET /api/v1/analytics/conversations.csv}: a header, then one row per conversation of the
     * window in the order they started, written to {@code out} as they are read (the database
     * streams them: PostgreSQL only with auto-commit off and a fetch size). No shopper id: the
     * figures, not who.
     *
     * @return how many rows were written
     */
    public long csv(Window window, Writer out) {
        Instant now = clock.instant();
        String sql = "SELECT conversation_id, started_at, last_at, language, outcome, returned, handoff_reason,"
                + " first_intent, bot_first_ms, agent_first_s, queue_wait_s, handling_s, sla_hit, agent, rating,"
                + " min_sentiment, last_sentiment, lines_shown FROM conversation_facts WHERE " + where(window)
                + " ORDER BY started_at, conversation_id";
        long rows = 0;
        try (Connection c = database.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setFetchSize(1000);
                bind(select, 0, window);
                out.write(String.join(",", CSV_COLUMNS));
                out.write("\r\n");
                try (ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        Instant lastAt = JdbcConversationStore.instant(r, "last_at");
                        Outcome outcome =
                                Outcome.fromCode(r.getString("outcome")).at(r.getBoolean("returned"), lastAt, now);
                        List<String> cells = List.of(
                                r.getString("conversation_id"),
                                JdbcConversationStore.instant(r, "started_at").toString(),
                                lastAt.toString(),
                                r.getString("language"),
                                outcome.code(),
                                text(r.getString("handoff_reason")),
                                text(r.getString("first_intent")),
                                text(r.getObject("bot_first_ms")),
                                text(r.getObject("agent_first_s")),
                                text(r.getObject("queue_wait_s")),
                                text(r.getObject("handling_s")),
                                text(r.getObject("sla_hit")),
                                text(r.getString("agent")),
                                text(r.getObject("rating")),
                                text(r.getObject("min_sentiment")),
                                text(r.getObject("last_sentiment")),
                                Integer.toString(r.getInt("lines_shown")));
                        StringBuilder line = new StringBuilder();
                        for (String cell : cells) {
                            if (line.length() > 0) {
                                line.append(',');
                            }
                            line.append(csvCell(cell));
                        }
                        out.write(line.append("\r\n").toString());
                        rows++;
                    }
                }
                out.flush();
            } finally {
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the analytics conversations", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the analytics CSV", e);
        }
        return rows;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled. */
    static String csvCell(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private static String where(Window window) {
        return "started_at >= ? AND started_at < ?" + (window.language() == null ? "" : " AND language = ?");
    }

    /** Binds the window's parameters after the first {@code before}; returns the last index bound. */
    private static int bind(PreparedStatement statement, int before, Window window) throws SQLException {
        int i = before;
        JdbcConversationStore.setInstant(statement, ++i, window.from());
        JdbcConversationStore.setInstant(statement, ++i, window.to());
        if (window.language() != null) {
            statement.setString(++i, window.language().code());
        }
        return i;
    }

    private static Long longOrNull(ResultSet r, int column) throws SQLException {
        long value = r.getLong(column);
        return r.wasNull() ? null : value;
    }

    /** {@code part / whole} to 4 decimals, or {@code null} when the whole is 0. */
    static Double rate(long part, long whole) {
        return whole <= 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    /** {@code sum / count} to 2 decimals, or {@code null} when the count is 0. */
    static Double average(long sum, long count) {
        return count <= 0 ? null : Math.round(sum * 100.0 / count) / 100.0;
    }
}
