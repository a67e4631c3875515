package dev.kefu.channels.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kefu.channels.http.Dtos.CitationDto;
import dev.kefu.channels.http.Dtos.MessageDto;
import dev.kefu.channels.http.Dtos.OrderDto;
import dev.kefu.channels.live.QueueView;
import dev.kefu.channels.live.QueueView.QueueItem;
import dev.kefu.channels.live.QueueView.TriggerDto;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.handoff.AgentDesk;
import dev.kefu.core.handoff.ContextPacket;
import dev.kefu.core.handoff.HandoffTicket;
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

    /**
     * {@code orders}: the conversation's shopper's orders ({@link DeskOrders}); {@code
     * ordersUnavailable}: the store's system could not be asked, so they are not known now.
     */
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
            List<OrderDto> orders,
            boolean ordersUnavailable) {}

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

    static ConversationView view(Conversation c, AgentDesk desk, DeskOrders orders, Instant now) {
        ContextPacket packet = desk.context(c);
        DeskOrders.Shown shown = orders.of(c);
        HandoffTicket ticket = packet.ticket();
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
                shown.orders(),
                shown.unavailable());
        return new ConversationView(
                c.id(),
                c.state().code(),
                c.owner(),
                c.messages().stream().map(MessageDto::of).toList(),
                context,
                desk.events(c.id()).stream().map(AgentDtos::event).toList());
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
