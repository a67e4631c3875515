package dev.kefu.core.shared;

import dev.kefu.core.Checks;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs every {@link Follower} every {@code period} on the given scheduler, so what another node
 * publishes is in use here within about one period; {@link #nudge} runs them at once (for a
 * database notice). A follower that fails is logged and tried again at the next turn: a database
 * that is briefly away must not stop the loop.
 */
public final class FollowLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FollowLoop.class.getName());

    private final Map<String, Follower> followers;
    private final ScheduledExecutorService scheduler;
    private final ScheduledFuture<?> polling;

    /**
     * @param followers by name (for the log), run in this order
     */
    public FollowLoop(Map<String, Follower> followers, ScheduledExecutorService scheduler, Duration period) {
        this.followers = java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(Checks.requireNonNull("followers", followers)));
        this.scheduler = Checks.requireNonNull("scheduler", scheduler);
        long millis = Checks.requireNonNull("period", period).toMillis();
        if (millis < 1) {
            throw new IllegalArgumentException("period must be at least 1 ms, was " + period);
        }
        this.polling = scheduler.scheduleWithFixedDelay(this::followAll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Follows now, on the scheduler (e.g. on a notice that something was published); nothing once
     * the scheduler is shut down.
     */
    public void nudge() {
        try {
            scheduler.execute(this::followAll);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "shutting down: a nudge is dropped");
        }
    }

    private synchronized void followAll() {
        followers.forEach((name, follower) -> {
            try {
                if (follower.follow()) {
                    LOG.log(System.Logger.Level.INFO, "now using the newest " + name + " another node published");
                }
            } catch (Exception e) { // the loop must go on: tried again at the next turn
                LOG.log(System.Logger.Level.WARNING, "cannot follow the newest " + name + "; trying again", e);
            }
        });
    }

    @Override
    public void close() {
        polling.cancel(false);
    }
}
