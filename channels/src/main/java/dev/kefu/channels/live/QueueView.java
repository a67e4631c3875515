package dev.kefu.channels.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kefu.core.Texts;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.HandoffListing;
import dev.kefu.core.handoff.AgentDesk;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.handoff.HandoffTrigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hand-off queue as agents see it: one item per conversation with its priority, waiting time,
 * expected wait, trigger, tags and the shopper's latest words. The agent REST API answers with it,
 * the hub pushes it to every signed-in desk and the webhook posts one item of it, so all three
 * show the same thing. Thread-safe (it reads the desk, which is).
 */
public final class QueueView {
    private static final int PREVIEW_CHARS = 140;

    private final AgentDesk desk;
    private final Clock clock;

    public QueueView(AgentDesk desk, Clock clock) {
        this.desk = desk;
        this.clock = clock;
    }

    /** Why the bot handed the conversation over, with the rule's details. */
    public record TriggerDto(String reason, Map<String, String> details) {
        public static TriggerDto of(HandoffTrigger trigger) {
            return trigger == null ? null : new TriggerDto(trigger.reason().code(), new TreeMap<>(trigger.details()));
        }
    }

    /** One conversation in the queue or in an agent's list. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record QueueItem(
            String conversationId,
            String state,
            String priority,
            long waitingSeconds,
            long expectedWaitMinutes,
            int overdueCount,
            TriggerDto trigger,
            List<String> tags,
            String preview,
            String language,
            String agent) {}

    public record QueueResponse(List<QueueItem> conversations) {}

    /** The waiting conversations, in the order to take them. */
    public QueueResponse waiting() {
        return response(desk.queue());
    }

    /** The conversations this agent owns. */
    public QueueResponse ownedBy(String agent) {
        return response(desk.ownedBy(agent));
    }

    private QueueResponse response(List<HandoffListing> conversations) {
        Instant now = clock.instant();
        return new QueueResponse(conversations.stream().map(c -> item(c, now)).toList());
    }

    /** One handed-off conversation as the queue shows it. */
    public QueueItem item(Conversation conversation) {
        return item(HandoffListing.of(conversation), clock.instant());
    }

    private QueueItem item(HandoffListing c, Instant now) {
        HandoffTicket ticket = c.ticket();
        return new QueueItem(
                c.id(),
                c.state().code(),
                ticket.priority().code(),
                waitingSeconds(ticket, now),
                desk.expectedWaitMinutes(ticket),
                ticket.overdueCount(),
                TriggerDto.of(ticket.trigger()),
                c.shopper().tags().stream().sorted().toList(),
                Texts.shorten(c.lastShopperText(), PREVIEW_CHARS),
                ticket.language().code(),
                c.owner());
    }

    /** How long the ticket has waited, in whole seconds, never negative. */
    public static long waitingSeconds(HandoffTicket ticket, Instant now) {
        return Math.max(0, Duration.between(ticket.queuedAt(), now).toSeconds());
    }
}
