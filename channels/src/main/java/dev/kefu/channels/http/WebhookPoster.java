package dev.kefu.channels.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts JSON to a store's webhook off the caller's thread: a failed post (network error, timeout,
 * any status but 2xx) is retried with exponential backoff up to a number of attempts; each post
 * carries an {@code X-Kefu-Event} and an {@code Idempotency-Key}, so a receiver can drop a retry it
 * already took. The hand-off webhook and outreach's share it.
 */
public final class WebhookPoster {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookPoster.class);

    private final URI url;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;

    public WebhookPoster(
            URI url,
            int maxAttempts,
            Duration backoff,
            Duration timeout,
            ScheduledExecutorService scheduler,
            HttpClient http) {
        this.url = url;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.timeout = timeout;
        this.scheduler = scheduler;
        this.http = http;
    }

    /**
     * Posts the body {@code body} makes (on the poster's thread, never the caller's; {@code null}
     * posts nothing) as event {@code event} under {@code idempotencyKey}, and again on failure.
     */
    public void post(String event, String idempotencyKey, Supplier<String> body) {
        schedule(
                () -> {
                    String made = body.get();
                    if (made == null) {
                        return;
                    }
                    HttpRequest request = HttpRequest.newBuilder(url)
                            .timeout(timeout)
                            .header("Content-Type", "application/json; charset=utf-8")
                            .header("User-Agent", "kefu-webhook")
                            .header("X-Kefu-Event", event)
                            .header("Idempotency-Key", idempotencyKey)
                            .POST(HttpRequest.BodyPublishers.ofString(made))
                            .build();
                    attempt(request, event + " " + idempotencyKey, 1);
                },
                0);
    }

    private void attempt(HttpRequest request, String what, int attempt) {
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                LOG.debug("webhook: {} delivered (attempt {})", what, attempt);
                return;
            }
            String why = error != null ? error.getClass().getSimpleName() : "status " + response.statusCode();
            if (attempt >= maxAttempts) {
                LOG.warn("webhook: giving up on {} after {} attempts (last: {})", what, attempt, why);
                return;
            }
            long delay = backoff.toMillis() << Math.min(attempt - 1, 20);
            LOG.info(
                    "webhook: {} failed ({}), attempt {} of {}; retrying in {} ms",
                    what,
                    why,
                    attempt,
                    maxAttempts,
                    delay);
            schedule(() -> attempt(request, what, attempt + 1), delay);
        });
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warn("webhook: shutting down, a notification was not sent");
        }
    }
}
