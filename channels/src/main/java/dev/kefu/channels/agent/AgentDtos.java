package dev.kefu.channels.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kefu.channels.http.Dtos.CitationDto;
import dev.kefu.channels.http.Dtos.MessageDto;
import dev.kefu.channels.live.QueueView;
import dev.kefu.channels.live.QueueView.QueueItem;
import dev.kefu.channels.live.QueueView.TriggerDto;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.handoff.AgentDesk;
import dev.kefu.core.handoff.ContextPacket;
import dev.kefu.core.handoff.HandoffTicket;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
            Long waitingSeconds) {}

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

    static ConversationView view(Conversation c, AgentDesk desk, Instant now) {
        ContextPacket packet = desk.context(c);
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
                ticket == null ? null : QueueView.waitingSeconds(ticket, now));
        return new ConversationView(
                c.id(),
                c.state().code(),
                c.owner(),
                c.messages().stream().map(MessageDto::of).toList(),
                context,
                desk.events(c.id()).stream().map(AgentDtos::event).toList());
    }

    static EventDto event(ConversationEvent e) {
        return new EventDto(e.at().toString(), e.type().code(), e.actor(), new TreeMap<>(e.data()));
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
