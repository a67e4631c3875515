package dev.kefu.channels.http;

import java.net.URI;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts JSON to a store's webhook through the {@link WebhookOutbox}: a post is stored at once and
 * delivered by the {@link WebhookDrain} (on the node that runs the timers), with retries, so a
 * node that dies leaves no post behind. Each post carries an {@code X-Kefu-Event} and an {@code
 * Idempotency-Key}, so a receiver can drop a retry it already took. The hand-off webhook and
 * outreach's share it.
 */
public final class WebhookPoster {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookPoster.class);

    private final URI url;
    private final WebhookOutbox outbox;
    private final Clock clock;

    public WebhookPoster(URI url, WebhookOutbox outbox, Clock clock) {
        this.url = url;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Stores the body {@code body} makes (at once; {@code null} posts nothing) for posting as event
     * {@code event} under {@code idempotencyKey}; a post waiting under the same key already wins.
     * {@code about} names whom it carries data of (an erasure deletes it while it waits).
     */
    public void post(String event, String idempotencyKey, WebhookOutbox.About about, Supplier<String> body) {
        String made = body.get();
        if (made == null) {
            return;
        }
        try {
            if (!outbox.add(event, idempotencyKey, about, url, made, clock.instant())) {
                LOG.debug("webhook: {} {} is waiting already", event, idempotencyKey);
            }
        } catch (RuntimeException e) { // the caller's work is done and stored: never fail it for this
            LOG.error("webhook: {} {} could not be stored, it will not be sent", event, idempotencyKey, e);
        }
    }
}
