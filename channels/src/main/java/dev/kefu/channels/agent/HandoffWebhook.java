package dev.kefu.channels.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.channels.agent.AgentDtos.HandoffNotification;
import dev.kefu.channels.live.QueueView;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationObserver;
import dev.kefu.core.handoff.AgentDesk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each hand-off, with its context packet, to a configured URL, for teams whose agents work
 * in another help desk. A failed post (network error, timeout, any status but 2xx) is retried
 * with exponential backoff up to the configured number of attempts; each post carries an {@code
 * Idempotency-Key} (conversation and queue time), so a receiver can drop a retry it already took.
 * Posting never delays the shopper: it runs on its own scheduler after the hand-off is stored.
 */
public final class HandoffWebhook implements ConversationObserver {
    private static final Logger LOG = LoggerFactory.getLogger(HandoffWebhook.class);

    private final URI url;
    private final int maxAttempts;
    private final Duration backoff;
    private final Duration timeout;
    private final AgentDesk desk;
    private final QueueView queue;
    private final ShopperOrders orders;
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final Clock clock;

    public HandoffWebhook(
            URI url,
            int maxAttempts,
            Duration backoff,
            Duration timeout,
            AgentDesk desk,
            ShopperOrders orders,
            QueueView queue,
            ObjectMapper json,
            ScheduledExecutorService scheduler,
            HttpClient http,
            Clock clock) {
        this.url = url;
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.timeout = timeout;
        this.desk = desk;
        this.orders = orders;
        this.queue = queue;
        this.json = json;
        this.scheduler = scheduler;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public void changed(Conversation conversation, List<ConversationEvent> events) {
        events.stream()
                .filter(e -> e.type() == ConversationEvent.Type.HANDOFF)
                .findFirst()
                .ifPresent(handoff -> schedule(() -> post(conversation, handoff), 0));
    }

    private void post(Conversation conversation, ConversationEvent handoff) {
        String body;
        try {
            body = json.writeValueAsString(new HandoffNotification(
                    "handoff",
                    conversation.id(),
                    handoff.at().toString(),
                    queue.item(conversation),
                    AgentDtos.view(conversation, desk, orders, clock.instant())));
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("hand-off webhook: cannot build the notification for {}", conversation.id(), e);
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "kefu-webhook")
                .header("X-Kefu-Event", "handoff")
                .header(
                        "Idempotency-Key",
                        conversation.id() + ":"
                                + conversation.ticket().queuedAt().toEpochMilli())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        attempt(request, conversation.id(), 1);
    }

    private void attempt(HttpRequest request, String conversationId, int attempt) {
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                LOG.debug("hand-off webhook: {} delivered (attempt {})", conversationId, attempt);
                return;
            }
            String why = error != null ? error.getClass().getSimpleName() : "status " + response.statusCode();
            if (attempt >= maxAttempts) {
                LOG.warn(
                        "hand-off webhook: giving up on {} after {} attempts (last: {})", conversationId, attempt, why);
                return;
            }
            long delay = backoff.toMillis() << Math.min(attempt - 1, 20);
            LOG.info(
                    "hand-off webhook: {} failed ({}), attempt {} of {}; retrying in {} ms",
                    conversationId,
                    why,
                    attempt,
                    maxAttempts,
                    delay);
            schedule(() -> attempt(request, conversationId, attempt + 1), delay);
        });
    }

    private void schedule(Runnable task, long delayMillis) {
        try {
            scheduler.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.warn("hand-off webhook: shutting down, a notification was not sent");
        }
    }
}
