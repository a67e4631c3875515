package dev.kefu.channels.http;

import dev.kefu.channels.http.WebhookOutbox.Pending;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the {@link WebhookOutbox}'s due posts, one turn a {@link #run}: each claimed post is
 * sent (at once, each within the timeout), removed on a 2xx answer, else due again after {@code
 * backoff * 2^(attempts-1)}. After the last attempt a post is removed and logged as an ERROR: what
 * it told (the hand-off, the outreach message) stays in its own tables, and a post nobody will
 * send again should not pile up while a receiver is down. Run on one node (the timers' lease
 * holder); the claim keeps a post from being sent twice at once even if two drainers overlap.
 */
public final class WebhookDrain implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDrain.class);
    /** Posts sent at once in one turn, at most. */
    private static final int BATCH = 32;

    private final WebhookOutbox outbox;
    private final HttpClient http;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration timeout;
    private final Clock clock;

    public WebhookDrain(
            WebhookOutbox outbox, HttpClient http, int maxAttempts, Duration backoff, Duration timeout, Clock clock) {
        this.outbox = outbox;
        this.http = http;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** One turn: sends the due posts and records each outcome. A failure is logged; the next turn runs. */
    @Override
    public void run() {
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warn("webhook: the outbox could not be drained", e);
        }
    }

    /** One turn, failing if the outbox does. */
    void drain() {
        Instant now = clock.instant();
        // claimed until every attempt of this turn ended (connect and answer, each within the timeout)
        Instant until = now.plus(timeout.multipliedBy(3));
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (Pending pending : outbox.due(now, BATCH)) {
            if (pending.attempts() >= maxAttempts) { // its drainer died during the last attempt
                giveUp(pending, maxAttempts, "unknown");
            } else if (outbox.claim(pending, until)) {
                sent.add(send(pending));
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> send(Pending pending) {
        HttpRequest request = HttpRequest.newBuilder(pending.url())
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "kefu-webhook")
                .header("X-Kefu-Event", pending.event())
                .header("Idempotency-Key", pending.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(pending.body()))
                .build();
        int attempt = pending.attempts() + 1;
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .<Void>handle((response, error) -> {
                    if (error == null && response.statusCode() / 100 == 2) {
                        LOG.debug("webhook: {} delivered (attempt {})", what(pending), attempt);
                        outbox.remove(pending.id());
                        return null;
                    }
                    String why = error != null ? error.getClass().getSimpleName() : "status " + response.statusCode();
                    if (attempt >= maxAttempts) {
                        giveUp(pending, attempt, why);
                        return null;
                    }
                    long delay = backoff.toMillis() << Math.min(attempt - 1, 20);
                    LOG.info(
                            "webhook: {} failed ({}), attempt {} of {}; retrying in {} ms",
                            what(pending),
                            why,
                            attempt,
                            maxAttempts,
                            delay);
                    outbox.retryAt(pending.id(), clock.instant().plusMillis(delay));
                    return null;
                })
                .exceptionally(
                        e -> { // the outbox failed: the claim expires and the post is tried again
                            LOG.warn("webhook: the outcome of {} could not be stored", what(pending), e);
                            return null;
                        });
    }

    private void giveUp(Pending pending, int attempts, String why) {
        LOG.error("webhook: giving up on {} after {} attempts (last: {})", what(pending), attempts, why);
        outbox.remove(pending.id());
    }

    private static String what(Pending pending) {
        return pending.event() + " " + pending.idempotencyKey();
    }
}
