package dev.kefu.channels.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.channels.agent.AgentDtos.HandoffNotification;
import dev.kefu.channels.http.WebhookOutbox;
import dev.kefu.channels.http.WebhookPoster;
import dev.kefu.channels.live.QueueView;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationObserver;
import dev.kefu.core.handoff.AgentDesk;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each hand-off, with its context packet, to a configured URL, for teams whose agents work
 * in another help desk. The notification is built when the hand-off is stored and kept in the
 * {@link dev.kefu.channels.http.WebhookOutbox}, from which the node that runs the timers posts it,
 * retried with exponential backoff up to the configured number of attempts, even if this node
 * dies; each post carries an {@code Idempotency-Key} (conversation and queue time), so a receiver
 * can drop a retry it already took.
 */
public final class HandoffWebhook implements ConversationObserver {
    private static final Logger LOG = LoggerFactory.getLogger(HandoffWebhook.class);

    private final WebhookPoster poster;
    private final AgentDesk desk;
    private final QueueView queue;
    private final ShopperOrders orders;
    private final ObjectMapper json;
    private final Clock clock;

    public HandoffWebhook(
            WebhookPoster poster,
            AgentDesk desk,
            ShopperOrders orders,
            QueueView queue,
            ObjectMapper json,
            Clock clock) {
        this.poster = poster;
        this.desk = desk;
        this.orders = orders;
        this.queue = queue;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void changed(Conversation conversation, List<ConversationEvent> events) {
        events.stream()
                .filter(e -> e.type() == ConversationEvent.Type.HANDOFF)
                .findFirst()
                .ifPresent(handoff -> post(conversation, handoff));
    }

    private void post(Conversation conversation, ConversationEvent handoff) {
        poster.post(
                "handoff",
                conversation.id() + ":" + conversation.ticket().queuedAt().toEpochMilli(),
                new WebhookOutbox.About(
                        conversation.id(), conversation.shopper().id()),
                () -> {
                    try {
                        return json.writeValueAsString(new HandoffNotification(
                                "handoff",
                                conversation.id(),
                                handoff.at().toString(),
                                queue.item(conversation),
                                AgentDtos.view(conversation, desk, orders, clock.instant())));
                    } catch (JsonProcessingException | RuntimeException e) {
                        LOG.error("hand-off webhook: cannot build the notification for {}", conversation.id(), e);
                        return null;
                    }
                });
    }
}
