package dev.kefu.channels.app;

import dev.kefu.channels.jdbc.JdbcPersonalData;
import dev.kefu.core.Checks;
import dev.kefu.kb.curation.UnansweredInbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code privacy.retentionDays}: the server's daily task that deletes what is older than the
 * retention period (conversations idle that long, with their messages and events; storefront
 * events, experiment exposures and unanswered questions from before it). The server's timer runs
 * it; its clock is given, so a test runs it at any time it likes.
 */
final class Retention implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final JdbcPersonalData data;
    private final UnansweredInbox inbox;
    private final Duration period;
    private final Clock clock;

    /** @param days the retention period, >= 1 (0, keep for ever, schedules no task) */
    Retention(JdbcPersonalData data, UnansweredInbox inbox, int days, Clock clock) {
        this.data = Checks.requireNonNull("data", data);
        this.inbox = Checks.requireNonNull("inbox", inbox);
        this.period = Duration.ofDays(Checks.requirePositive("days", days));
        this.clock = Checks.requireNonNull("clock", clock);
    }

    /** Deletes everything older than the period now; returns how many of each kind. */
    Map<String, Integer> deleteOld() {
        Instant cutoff = clock.instant().minus(period);
        Map<String, Integer> counts = new LinkedHashMap<>(data.deleteOlderThan(cutoff));
        try {
            counts.put(JdbcPersonalData.UNANSWERED, inbox.forget(question -> question.at()
                    .isBefore(cutoff)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the unanswered inbox", e);
        }
        return counts;
    }

    /** The timer's run: a failure is logged and the next day's run goes ahead. */
    @Override
    public void run() {
        try {
            LOG.info("retention: deleted what was older than {} days: {}", period.toDays(), deleteOld());
        } catch (RuntimeException e) {
            LOG.warn("retention: deleting old conversations and events failed", e);
        }
    }
}
