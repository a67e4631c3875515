package dev.kefu.channels.app;

import dev.kefu.core.cluster.Cluster;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The service's timers (the queue's overdue check, the retention, the webhook outbox's drain): every node schedules them, and
 * each run goes ahead only on the node that runs the timers now ({@link Cluster#runsTimers}), so
 * they run once across the cluster, and on another node when the holder stops.
 */
final class ClusterTimers {
    private final Cluster cluster;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    ClusterTimers(Cluster cluster, ScheduledExecutorService timer, Clock clock) {
        this.cluster = cluster;
        this.timer = timer;
        this.clock = clock;
    }

    /** Runs {@code task} every {@code period}, first after one period, on the node that runs the timers. */
    void every(Duration period, Runnable task) {
        long millis = period.toMillis();
        timer.scheduleWithFixedDelay(
                () -> {
                    if (cluster.runsTimers()) {
                        task.run();
                    }
                },
                millis,
                millis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code task} once a day on the node that runs the timers: at once on the node that runs
     * them at start (or takes them over), then a day after its last run (checked every hour).
     */
    void daily(Runnable task) {
        Instant[] last = {null};
        timer.scheduleAtFixedRate(
                () -> {
                    if (!cluster.runsTimers()) {
                        last[0] = null; // taken over by another node: run at once if it comes back
                        return;
                    }
                    Instant now = clock.instant();
                    if (last[0] == null || !now.isBefore(last[0].plus(Duration.ofDays(1)))) {
                        last[0] = now;
                        task.run();
                    }
                },
                0,
                1,
                TimeUnit.HOURS);
    }
}
