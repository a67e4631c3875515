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

    /** The summary's counts, in the order of {@link DailyRollup#COUNT_COLUMNS}. */
    private static final int CONVERSATIONS = 0,
            CONFIRMED = 1,
            ASSUMED_COUNT = 2,
            PENDING_COUNT = 3,
            ABANDONED = 4,
            UNANSWERED = 5,
            HANDED_OFF = 6,
            RATINGS = 7,
            RATING_SUM = 8,
            SCORE_1 = 9,
            BOT_RATINGS = 14,
            BOT_RATING_SUM = 15,
            AGENT_RATINGS = 16,
            AGENT_RATING_SUM = 17,
            SLA_HITS = 18,
            SLA_MISSES = 19,
            NEGATIVE = 20,
            BETTER = 21,
            LINES = 22,
            WITH_LINES = 23;

    /**
     * The count aggregates over {@code conversation_facts}, in {@link DailyRollup#COUNT_COLUMNS}
     * order: {@code direct} for a query of the facts themselves (assumed and pending split by the
     * clock, two parameters), else for the rollup (the open pending ones, split at query time).
     */
    private String aggregates(boolean direct) {
        String negative = "min_sentiment < " + (-neutralBand);
        List<String> all = new ArrayList<>();
        all.add("COUNT(*)");
        all.add("COUNT(*) FILTER (WHERE outcome = 'confirmed')");
        if (direct) {
            all.add("COUNT(*) FILTER (WHERE " + ASSUMED + ")");
            all.add("COUNT(*) FILTER (WHERE " + PENDING + ")");
        } else {
            all.add("COUNT(*) FILTER (WHERE outcome = 'pending' AND NOT returned)");
        }
        all.add("COUNT(*) FILTER (WHERE outcome = 'abandoned' OR " + RETURNED + ")");
        all.add("COUNT(*) FILTER (WHERE outcome = 'unanswered')");
        all.add("COUNT(*) FILTER (WHERE outcome = 'handed_off')");
        all.add("COUNT(rating)");
        all.add("COALESCE(SUM(rating), 0)");
        for (int score = 1; score <= 5; score++) {
            all.add("COUNT(*) FILTER (WHERE rating = " + score + ")");
        }
        all.add("COUNT(rating) FILTER (WHERE NOT agent_served)");
        all.add("COALESCE(SUM(rating) FILTER (WHERE NOT agent_served), 0)");
        all.add("COUNT(rating) FILTER (WHERE agent_served)");
        all.add("COALESCE(SUM(rating) FILTER (WHERE agent_served), 0)");
        all.add("COUNT(*) FILTER (WHERE sla_hit)");
        all.add("COUNT(*) FILTER (WHERE NOT sla_hit)");
        all.add("COUNT(*) FILTER (WHERE " + negative + ")");
        all.add("COUNT(*) FILTER (WHERE " + negative + " AND last_sentiment >= " + (-neutralBand) + ")");
        all.add("COALESCE(SUM(lines_shown), 0)");
        all.add("COUNT(*) FILTER (WHERE lines_shown > 0)");
        return String.join(", ", all);
    }

    /** Counts and histograms of part of a window, to add up before the figures are computed. */
    private static final class Partial {
        final long[] counts = new long[DailyRollup.COUNT_COLUMNS.size()];
        final Map<String, TreeMap<Long, Long>> values = new LinkedHashMap<>();

        void add(Partial other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            other.values.forEach((kind, histogram) -> histogram.forEach((value, n) ->
                    values.computeIfAbsent(kind, k -> new TreeMap<>()).merge(value, n, Long::sum)));
        }

        /** The nearest-rank percentile of a kind's values (as {@code PERCENTILE_DISC}), or null. */
        Long percentile(String kind, double p) {
            TreeMap<Long, Long> histogram = values.getOrDefault(kind, new TreeMap<>());
            long total = histogram.values().stream().mapToLong(Long::longValue).sum();
            if (total == 0) {
                return null;
            }
            long rank = Math.max(1, (long) Math.ceil(p * total - 1e-9));
            long seen = 0;
            for (Map.Entry<Long, Long> e : histogram.entrySet()) {
                seen += e.getValue();
                if (seen >= rank) {
                    return e.getKey();
                }
            }
            return histogram.lastKey();
        }

        Percentiles percentiles(String kind) {
            return new Percentiles(percentile(kind, 0.5), percentile(kind, 0.9));
        }
    }

    /**
     * The summary of the conversations started in {@code window}: the whole UTC days inside it from
     * the daily rollup (brought up to date first), the hours at its edges from the facts.
     */
    public Summary summary(Window window) {
        Instant quiet = clock.instant().minus(Outcome.RETURN_WINDOW);
        long day = Duration.ofDays(1).toSeconds();
        long firstDay = Math.floorDiv(window.from().getEpochSecond() + day - 1, day);
        long endDay = Math.floorDiv(window.to().getEpochSecond(), day);
        try (Connection c = database.getConnection()) {
            Partial all;
            if (firstDay < endDay) {
                DailyRollup.refresh(c, neutralBand, aggregates(false));
                all = rollup(c, firstDay, endDay, window.language(), quiet);
                Instant daysFrom = Instant.ofEpochSecond(firstDay * day);
                Instant daysTo = Instant.ofEpochSecond(endDay * day);
                if (window.from().isBefore(daysFrom)) {
                    all.add(facts(c, new Window(window.from(), daysFrom, window.language()), quiet));
                }
                if (daysTo.isBefore(window.to())) {
                    all.add(facts(c, new Window(daysTo, window.to(), window.language()), quiet));
                }
            } else {
                all = facts(c, window, quiet);
            }
            return summary(window, all, marketing(c, window));
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the analytics summary", e);
        }
    }

    /** The counts and histograms of the facts of {@code window}. */
    private Partial facts(Connection c, Window window, Instant quiet) throws SQLException {
        Partial part = new Partial();
        try (PreparedStatement select =
                c.prepareStatement("SELECT " + aggregates(true) + " FROM conversation_facts WHERE " + where(window))) {
            JdbcConversationStore.setInstant(select, 1, quiet);
            JdbcConversationStore.setInstant(select, 2, quiet);
            bind(select, 2, window);
            try (ResultSet r = select.executeQuery()) {
                r.next();
                for (int i = 0; i < part.counts.length; i++) {
                    part.counts[i] = r.getLong(i + 1);
                }
            }
        }
        StringBuilder values = new StringBuilder();
        for (Map.Entry<String, String> time : DailyRollup.TIMES.entrySet()) {
            values.append("SELECT '")
                    .append(time.getKey())
                    .append("', ")
                    .append(time.getValue())
                    .append(", COUNT(*) FROM conversation_facts WHERE ")
                    .append(where(window))
                    .append(" AND ")
                    .append(time.getValue())
                    .append(" IS NOT NULL GROUP BY ")
                    .append(time.getValue())
                    .append(" UNION ALL ");
        }
        values.append("SELECT '" + DailyRollup.REASON
                        + "' || handoff_reason, 0, COUNT(*) FROM conversation_facts WHERE ")
                .append(where(window))
                .append(" AND handoff_reason IS NOT NULL GROUP BY handoff_reason");
        try (PreparedStatement select = c.prepareStatement(values.toString())) {
            int i = 0;
            for (int k = 0; k <= DailyRollup.TIMES.size(); k++) {
                i = bind(select, i, window);
            }
            try (ResultSet r = select.executeQuery()) {
                part.values.putAll(DailyRollup.values(r));
            }
        }
        return part;
    }

    /** The counts and histograms of whole days {@code firstDay}..{@code endDay} (exclusive) from the rollup. */
    private Partial rollup(Connection c, long firstDay, long endDay, Language language, Instant quiet)
            throws SQLException {
        Partial part = new Partial();
        String days = "utc_day >= ? AND utc_day < ?" + (language == null ? "" : " AND language = ?");
        StringBuilder sums = new StringBuilder();
        for (String column : DailyRollup.COUNT_COLUMNS) {
            sums.append(sums.length() == 0 ? "" : ", ")
                    .append("COALESCE(SUM(")
                    .append(column)
                    .append("), 0)");
        }
        try (PreparedStatement select = c.prepareStatement("SELECT " + sums + " FROM analytics_days WHERE " + days)) {
            bindDays(select, firstDay, endDay, language);
            try (ResultSet r = select.executeQuery()) {
                r.next();
                for (int i = 0; i < part.counts.length; i++) {
                    part.counts[i] = r.getLong(i + 1);
                }
            }
        }
        // The open pending conversations are assumed resolved unless active in the last 24 h.
        try (PreparedStatement tail = c.prepareStatement("SELECT COUNT(*) FROM conversation_facts"
                + " WHERE outcome = 'pending' AND NOT returned AND last_at > ? AND started_hour >= ? AND started_hour < ?"
                + (language == null ? "" : " AND language = ?"))) {
            JdbcConversationStore.setInstant(tail, 1, quiet);
            tail.setLong(2, firstDay * DailyRollup.DAY_HOURS);
            tail.setLong(3, endDay * DailyRollup.DAY_HOURS);
            if (language != null) {
                tail.setString(4, language.code());
            }
            try (ResultSet r = tail.executeQuery()) {
                r.next();
                long open = part.counts[PENDING_COUNT];
                part.counts[PENDING_COUNT] = r.getLong(1);
                part.counts[ASSUMED_COUNT] = open - r.getLong(1);
            }
        }
        try (PreparedStatement select = c.prepareStatement(
                "SELECT kind, measure, SUM(n) FROM analytics_day_values WHERE " + days + " GROUP BY kind, measure")) {
            bindDays(select, firstDay, endDay, language);
            try (ResultSet r = select.executeQuery()) {
                part.values.putAll(DailyRollup.values(r));
            }
        }
        return part;
    }

    private static void bindDays(PreparedStatement statement, long firstDay, long endDay, Language language)
            throws SQLException {
        statement.setLong(1, firstDay);
        statement.setLong(2, endDay);
        if (language != null) {
            statement.setString(3, language.code());
        }
    }

    private Summary summary(Window window, Partial p, long[] orders) {
        long[] n = p.counts;
        long conversations = n[CONVERSATIONS];
        Map<String, Long> distribution = new LinkedHashMap<>();
        for (int score = 1; score <= 5; score++) {
            distribution.put(Integer.toString(score), n[SCORE_1 + score - 1]);
        }
        Map<String, Long> byReason = new LinkedHashMap<>();
        for (HandoffReason reason : HandoffReason.values()) {
            TreeMap<Long, Long> counted = p.values.get(DailyRollup.REASON + reason.code());
            byReason.put(
                    reason.code(),
                    counted == null
                            ? 0L
                            : counted.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum());
        }
        Map<String, Long> outcomes = new LinkedHashMap<>();
        outcomes.put(Outcome.CONFIRMED.code(), n[CONFIRMED]);
        outcomes.put(Outcome.ASSUMED.code(), n[ASSUMED_COUNT]);
        outcomes.put(Outcome.PENDING.code(), n[PENDING_COUNT]);
        outcomes.put(Outcome.HANDED_OFF.code(), n[HANDED_OFF]);
        outcomes.put(Outcome.UNANSWERED.code(), n[UNANSWERED]);
        outcomes.put(Outcome.ABANDONED.code(), n[ABANDONED]);
        long decided = conversations - n[PENDING_COUNT];
        return new Summary(
                window.from().toString(),
                window.to().toString(),
                window.language() == null ? null : window.language().code(),
                conversations,
                outcomes,
                new Resolution(
                        n[CONFIRMED],
                        n[ASSUMED_COUNT],
                        n[PENDING_COUNT],
                        rate(n[CONFIRMED] + n[ASSUMED_COUNT], decided)),
                new Handoffs(n[HANDED_OFF], rate(n[HANDED_OFF], conversations), byReason),
                new Unanswered(n[UNANSWERED], rate(n[UNANSWERED], conversations)),
                new Csat(
                        n[RATINGS],
                        average(n[RATING_SUM], n[RATINGS]),
                        distribution,
                        new Ratings(n[BOT_RATINGS], average(n[BOT_RATING_SUM], n[BOT_RATINGS])),
                        new Ratings(n[AGENT_RATINGS], average(n[AGENT_RATING_SUM], n[AGENT_RATINGS]))),
                new ResponseTimes(p.percentiles("bot_ms"), p.percentiles("agent_first_s")),
                new Queue(
                        p.percentiles("queue_wait_s"),
                        p.percentiles("handling_s"),
                        n[SLA_HITS],
                        n[SLA_MISSES],
                        rate(n[SLA_HITS], n[SLA_HITS] + n[SLA_MISSES])),
                new Sentiment(n[NEGATIVE], rate(n[NEGATIVE], conversations), n[BETTER], rate(n[BETTER], n[NEGATIVE])),
                new Marketing(
                        n[LINES],
                        n[WITH_LINES],
                        rate(n[WITH_LINES], conversations),
                        orders[0],
                        orders[1],
                        orders[2] / 100.0));
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
        String sql = "SELECT agent, COUNT(*), " + medianAndP90("agent_first_s") + ", " + medianAndP90("handling_s")
                + ", COUNT(rating), SUM(rating)"
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

    /** The median and the 90th percentile of {@code column}, nearest-rank, as two select items. */
    private static String medianAndP90(String column) {
        return "PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY " + column
                + "), PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY " + column + ")";
    }
}
