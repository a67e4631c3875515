package dev.kefu.core.handoff;

import dev.kefu.core.compose.ReplyTexts;
import dev.kefu.core.config.QueueConfig;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.HandoffListing;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The queue's rules: which priority a hand-off gets, its response-time target, the order agents
 * see, and what happens when nobody claims a conversation in time. Pure: the agent desk applies
 * them to stored conversations.
 */
public final class HandoffQueue {
    /** Highest priority first, then the longest waiting. */
    public static final Comparator<Conversation> ORDER = order(Conversation::ticket, Conversation::id);

    /** {@link #ORDER} of the listings agents see. */
    public static final Comparator<HandoffListing> LISTED = order(HandoffListing::ticket, HandoffListing::id);

    private static <T> Comparator<T> order(Function<T, HandoffTicket> ticket, Function<T, String> id) {
        return Comparator.<T, Priority>comparing(t -> ticket.apply(t).priority())
                .thenComparing(t -> ticket.apply(t).queuedAt())
                .thenComparing(id);
    }

    private final QueueConfig config;

    public HandoffQueue(QueueConfig config) {
        this.config = config;
    }

    /** VIP by tag, urgent by the handed-off message's urgency, normal otherwise. */
    public Priority priorityOf(ShopperContext shopper, double urgency) {
        if (config.vipTags().stream().anyMatch(shopper::hasTag)) {
            return Priority.VIP;
        }
        return urgency >= config.urgentAbove() ? Priority.URGENT : Priority.NORMAL;
    }

    public Duration target(Priority priority) {
        int minutes =
                switch (priority) {
                    case VIP -> config.vipTargetMinutes();
                    case URGENT -> config.urgentTargetMinutes();
                    case NORMAL -> config.normalTargetMinutes();
                };
        return Duration.ofMinutes(minutes);
    }

    /** A new ticket for a conversation entering the queue now. */
    public HandoffTicket ticket(
            HandoffTrigger trigger, ShopperContext shopper, double urgency, Language language, Instant now) {
        Priority priority = priorityOf(shopper, urgency);
        return HandoffTicket.queued(trigger, priority, language, now, now.plus(target(priority)));
    }

    /** What the shopper is told on entering the queue, with the expected wait. */
    public String notice(HandoffTicket ticket, boolean botFailure) {
        return (botFailure ? ReplyTexts.BOT_FAILURE : ReplyTexts.HANDOFF)
                .format(ticket.language(), target(ticket.priority()).toMinutes());
    }

    /**
     * The overdue actions for a queued conversation whose claim is due, or empty when it is not
     * queued or not due yet.
     */
    public Optional<Overdue> overdue(Conversation conversation, Instant now) {
        HandoffTicket ticket = conversation.ticket();
        if (conversation.state() != ConversationState.QUEUED || now.isBefore(ticket.dueAt())) {
            return Optional.empty();
        }
        Priority priority = ticket.priority();
        if (config.overdueActions().contains("raise_priority")) {
            priority = priority.raised();
        }
        long minutes = target(priority).toMinutes();
        List<String> notices = new ArrayList<>();
        for (String action : config.overdueActions()) {
            switch (action) {
                case "notify" -> notices.add(ReplyTexts.QUEUE_OVERDUE.format(ticket.language(), minutes));
                case "offer_message" -> notices.add(ReplyTexts.QUEUE_OFFER_MESSAGE.in(ticket.language()));
                default -> {
                    // raise_priority changed the priority above
                }
            }
        }
        ConversationEvent.WentOverdue event = new ConversationEvent.WentOverdue(
                conversation.id(),
                now,
                config.overdueActions(),
                Duration.between(ticket.queuedAt(), now).toSeconds(),
                ticket.priority(),
                priority);
        return Optional.of(new Overdue(ticket.overdue(priority, now.plus(target(priority))), notices, event));
    }

    /**
     * The result of an overdue check.
     *
     * @param ticket the ticket with its new priority and due time
     * @param notices what the shopper is told, in order
     * @param event what is recorded
     */
    public record Overdue(HandoffTicket ticket, List<String> notices, ConversationEvent.WentOverdue event) {
        public Overdue {
            notices = List.copyOf(notices);
        }
    }
}
