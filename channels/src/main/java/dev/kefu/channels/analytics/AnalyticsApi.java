package dev.kefu.channels.analytics;

import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.jdbc.JdbcAnalytics;
import dev.kefu.channels.jdbc.JdbcAnalytics.Window;
import dev.kefu.core.intent.Language;
import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/v1/analytics/*} (bearer trainer token): the summary, the time series, the agents and
 * the conversations as CSV, over the conversations started in {@code from}..{@code to} (ISO-8601
 * instants, {@code to} exclusive; by default the last {@value #DEFAULT_DAYS} days), optionally in
 * one {@code language}. Definitions: docs/ANALYTICS.md.
 */
public final class AnalyticsApi {
    static final int DEFAULT_DAYS = 30;
    /** The longest window: a year and a bit, so a year-on-year comparison fits. */
    static final Duration MAX_WINDOW = Duration.ofDays(400);

    private final JdbcAnalytics analytics;
    private final Clock clock;

    public AnalyticsApi(JdbcAnalytics analytics, Clock clock) {
        this.analytics = analytics;
        this.clock = clock;
    }

    public record AgentsResponse(String from, String to, List<JdbcAnalytics.AgentFigures> agents) {}

    /** {@code GET /api/v1/analytics/summary?from=&to=[&language=]}. */
    public void summary(Context ctx) {
        ctx.json(analytics.summary(window(ctx)));
    }

    /** {@code GET /api/v1/analytics/timeseries?metric=&interval=hour|day[&from=&to=&language=&zone=]}. */
    public void timeseries(Context ctx) {
        Window window = window(ctx);
        JdbcAnalytics.Metric metric;
        try {
            metric = JdbcAnalytics.Metric.fromCode(orDefault(ctx.queryParam("metric"), "conversations"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD, "metric must be one of " + JdbcAnalytics.Metric.codes() + ".");
        }
        String interval = orDefault(ctx.queryParam("interval"), "hour");
        if (!interval.equals("hour") && !interval.equals("day")) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "interval must be hour or day.");
        }
        ZoneId zone;
        try {
            zone = ctx.queryParam("zone") == null ? ZoneOffset.UTC : ZoneId.of(ctx.queryParam("zone"));
        } catch (DateTimeException e) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD, "zone must be a time zone id such as Asia/Shanghai.");
        }
        ctx.json(analytics.timeseries(window, metric, interval.equals("day"), zone));
    }

    /** {@code GET /api/v1/analytics/agents[?from=&to=&language=]}. */
    public void agents(Context ctx) {
        Window window = window(ctx);
        ctx.json(new AgentsResponse(window.from().toString(), window.to().toString(), analytics.agents(window)));
    }

    /** {@code GET /api/v1/analytics/conversations.csv[?from=&to=&language=]}: streamed as it is read. */
    public void csv(Context ctx) throws java.io.IOException {
        Window window = window(ctx);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"kefu-conversations.csv\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
        analytics.csv(window, out);
        out.flush();
    }

    /** The window of the request; a bad or missing-but-required parameter is a 400 naming it. */
    Window window(Context ctx) {
        if (ctx.queryParam("channel") != null) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD,
                    "channel is not supported: conversations do not record the channel they came through.");
        }
        Instant to = instant(ctx.queryParam("to"), "to", clock.instant());
        Instant from = instant(ctx.queryParam("from"), "from", to.minus(Duration.ofDays(DEFAULT_DAYS)));
        if (!from.isBefore(to)) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "from must be before to.");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD, "from..to must be at most " + MAX_WINDOW.toDays() + " days.");
        }
        return new Window(from, to, language(ctx.queryParam("language")));
    }

    private static Instant instant(String value, String name, Instant absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD, name + " must be an ISO-8601 instant such as 2026-12-01T00:00:00Z.");
        }
    }

    private static Language language(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Language.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "language must be zh, en or mixed.");
        }
    }

    private static String orDefault(String value, String absent) {
        return value == null || value.isBlank() ? absent : value;
    }
}
