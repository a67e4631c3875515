package dev.kefu.channels.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.Dtos.CitationDto;
import dev.kefu.channels.http.Dtos.MessageDto;
import dev.kefu.channels.live.QueueView;
import dev.kefu.channels.live.QueueView.QueueItem;
import dev.kefu.channels.live.QueueView.TriggerDto;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.conversation.ActionRequest;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.handoff.AgentDesk;
import dev.kefu.core.handoff.ContextPacket;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.order.OrderJson;
import dev.kefu.core.slot.SuppressionReason;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The JSON shapes of the agent API, the desk's WebSocket and the webhook (see the contracts document). */
final class AgentDtos {
    private AgentDtos() {}

    public record MeResponse(String agent, List<String> cannedReplies) {}

    public record IntentDto(long seq, String intent, double confidence) {}

    public record SentimentPointDto(long seq, double score, double running) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ContextDto(
            List<IntentDto> intents,
            List<SentimentPointDto> sentimentTrend,
            List<String> tags,
            List<CitationDto> triedEntries,
            String summary,
            TriggerDto trigger,
            String priority,
            String queuedAt,
            Long waitingSeconds,
            List<JsonNode> orders,
            boolean ordersUnavailable,
            List<ActionDto> actions) {}

    /**
     * An after-sales action of the conversation, from its events: proposed by the bot message
     * {@code seq}, then {@code declined}, {@code confirmed} (waiting for the store's answer), or
     * what became of it ({@code done}, {@code for_agents}, {@code not_allowed}, {@code failed}).
     *
     * @param reference the store's reference, when it gave one
     * @param detail why it failed, when it did
     */
    public record ActionDto(
            long seq,
            String orderNo,
            String action,
            @JsonInclude(JsonInclude.Include.NON_NULL) String newAddress,
            String status,
            @JsonInclude(JsonInclude.Include.NON_NULL) String reference,
            @JsonInclude(JsonInclude.Include.NON_NULL) String detail,
            String proposedAt,
            String updatedAt) {
        ActionDto with(String newStatus, String newReference, String newDetail, String at) {
            return new ActionDto(seq, orderNo, action, newAddress, newStatus, newReference, newDetail, proposedAt, at);
        }
    }

    public record EventDto(String at, String type, String actor, Map<String, String> data) {}

    /** {@code GET /api/v1/agent/conversations/{id}} and the result of every agent action. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ConversationView(
            String conversationId,
            String state,
            String agent,
            List<MessageDto> messages,
            ContextDto context,
            List<EventDto> events) {}

    /** The hand-off webhook's body. */
    public record HandoffNotification(
            String event, String conversationId, String at, QueueItem queue, ConversationView conversation) {}

    static ConversationView view(Conversation c, AgentDesk desk, ShopperOrders shopperOrders, Instant now) {
        ContextPacket packet = desk.context(c);
        HandoffTicket ticket = packet.ticket();
        List<ConversationEvent> events = desk.events(c.id());
        ShopperOrders.Shown orders = shopperOrders.of(c, events);
        ContextDto context = new ContextDto(
                packet.intents().stream()
                        .map(i -> new IntentDto(i.seq(), i.intent(), round(i.confidence())))
                        .toList(),
                packet.sentimentTrend().stream()
                        .map(p -> new SentimentPointDto(p.seq(), round(p.score()), round(p.running())))
                        .toList(),
                packet.tags().stream().sorted().toList(),
                packet.triedEntries().stream()
                        .map(e -> new CitationDto(e.entryId(), e.title()))
                        .toList(),
                packet.summary(),
                ticket == null ? null : TriggerDto.of(ticket.trigger()),
                ticket == null ? null : ticket.priority().code(),
                ticket == null ? null : ticket.queuedAt().toString(),
                ticket == null ? null : QueueView.waitingSeconds(ticket, now),
                orders.orders().stream().<JsonNode>map(OrderJson::write).toList(),
                orders.unavailable(),
                actions(events));
        return new ConversationView(
                c.id(),
                c.state().code(),
                c.owner(),
                c.messages().stream().map(MessageDto::of).toList(),
                context,
                events.stream().map(AgentDtos::event).toList());
    }

    /** The conversation's after-sales actions, in the order proposed, each as it stands now. */
    static List<ActionDto> actions(List<ConversationEvent> events) {
        Map<Long, ActionDto> actions = new java.util.LinkedHashMap<>();
        for (ConversationEvent e : events) {
            String at = e.at().toString();
            if (e instanceof ConversationEvent.ActionProposed p) {
                ActionRequest r = p.request();
                actions.put(
                        p.seq(),
                        new ActionDto(
                                p.seq(),
                                r.orderNo(),
                                r.action().code(),
                                r.newAddress(),
                                "proposed",
                                null,
                                null,
                                at,
                                at));
            } else if (e instanceof ConversationEvent.ActionDeclined d) {
                actions.computeIfPresent(d.seq(), (seq, a) -> a.with("declined", null, null, at));
            } else if (e instanceof ConversationEvent.ActionConfirmed c) {
                actions.computeIfPresent(c.seq(), (seq, a) -> a.with("confirmed", null, null, at));
            } else if (e instanceof ConversationEvent.ActionResult r) {
                actions.computeIfPresent(
                        r.seq(), (seq, a) -> a.with(r.outcome().code(), r.reference(), r.detail(), at));
            }
        }
        return List.copyOf(actions.values());
    }

    static EventDto event(ConversationEvent e) {
        return new EventDto(e.at().toString(), e.type().code(), e.actor(), data(e));
    }

    /**
     * An event's values as the agent API has always shown them: flat names ({@code seq}, {@code
     * answerKind}, {@code composer}, {@code llmFallback}, {@code trigger.<detail>}, ...), texts,
     * numbers with three decimals, lists comma-separated.
     */
    private static Map<String, String> data(ConversationEvent e) {
        Map<String, String> data = new TreeMap<>();
        if (e instanceof ConversationEvent.Replied reply) {
            turn(data, reply.turn());
            data.put("answerKind", reply.answerKind().name().toLowerCase(Locale.ROOT));
            data.put("citations", String.join(",", reply.citations()));
            if (!reply.slots().isEmpty()) {
                data.put("slots", String.join(",", reply.slots()));
            }
        } else if (e instanceof ConversationEvent.HandedOff handoff) {
            if (handoff.turn() != null) {
                turn(data, handoff.turn());
            }
            data.put("reason", handoff.trigger().reason().code());
            data.put("priority", handoff.priority().code());
            handoff.trigger().details().forEach((name, value) -> data.put("trigger." + name, value));
        } else if (e instanceof ConversationEvent.Claimed claim) {
            data.put("waitedSeconds", Long.toString(claim.waitedSeconds()));
            data.put("priority", claim.priority().code());
        } else if (e instanceof ConversationEvent.Closed close) {
            data.put("from", close.from().code());
        } else if (e instanceof ConversationEvent.WentOverdue overdue) {
            data.put("actions", String.join(",", overdue.actions()));
            data.put("waitedSeconds", Long.toString(overdue.waitedSeconds()));
            data.put("priority", overdue.priority().code());
            data.put("newPriority", overdue.newPriority().code());
        } else if (e instanceof ConversationEvent.Rated rating) {
            data.put("score", Integer.toString(rating.score()));
            putIfPresent(data, "comment", rating.comment());
            putIfPresent(data, "agent", rating.agent());
        } else if (e instanceof ConversationEvent.FeedbackGiven verdict) {
            data.put("seq", Long.toString(verdict.seq()));
            data.put("helpful", Boolean.toString(verdict.helpful()));
        } else if (e instanceof ConversationEvent.ActionProposed p) {
            action(data, p.seq(), p.request());
        } else if (e instanceof ConversationEvent.ActionConfirmed c) {
            action(data, c.seq(), c.request());
            data.put("idempotencyKey", c.idempotencyKey());
        } else if (e instanceof ConversationEvent.ActionDeclined d) {
            action(data, d.seq(), d.request());
        } else if (e instanceof ConversationEvent.ActionResult r) {
            action(data, r.seq(), r.request());
            data.put("outcome", r.outcome().code());
            putIfPresent(data, "reference", r.reference());
            putIfPresent(data, "detail", r.detail());
        }
        if (!e.suppressed().isEmpty()) {
            data.put(
                    "slotsSuppressed",
                    e.suppressed().stream()
                            .map(SuppressionReason::code)
                            .sorted()
                            .collect(Collectors.joining(",")));
        }
        return data;
    }

    /** An after-sales action's values: the proposing message, the order, the action, the new address. */
    private static void action(Map<String, String> data, long seq, ActionRequest request) {
        data.put("seq", Long.toString(seq));
        data.put("orderNo", request.orderNo());
        data.put("action", request.action().code());
        putIfPresent(data, "newAddress", request.newAddress());
    }

    /** What the bot understood and how it wrote the answer. */
    private static void turn(Map<String, String> data, ConversationEvent.Turn turn) {
        data.put("seq", Long.toString(turn.seq()));
        data.put("intent", turn.signals().intent());
        data.put("confidence", decimals(turn.signals().confidence()));
        data.put("sentiment", decimals(turn.signals().sentiment()));
        data.put("running", decimals(turn.signals().running()));
        AnswerTrace trace = turn.trace();
        putIfPresent(
                data,
                "composer",
                trace.composer() == null ? null : trace.composer().code());
        putIfPresent(data, "llmFallback", trace.fallback());
        putIfPresent(data, "llmDetail", trace.detail());
        putIfPresent(
                data, "llmMs", trace.modelMs() == null ? null : trace.modelMs().toString());
        putIfPresent(data, "llmPrompt", trace.prompt());
        putIfPresent(data, "llmHandOff", trace.handOff() ? "true" : null);
    }

    private static void putIfPresent(Map<String, String> data, String name, String value) {
        if (value != null) {
            data.put(name, value);
        }
    }

    private static String decimals(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
