package dev.kefu.channels.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.channels.http.Dtos.MessageDto;
import dev.kefu.channels.jdbc.JdbcPersonalData;
import dev.kefu.channels.jdbc.JdbcPersonalData.StoredConversation;
import dev.kefu.channels.jdbc.JdbcPersonalData.StoredEvent;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.slot.experiment.ExperimentLog.Exposure;
import dev.kefu.core.slot.experiment.ExperimentLog.StorefrontEvent;
import dev.kefu.kb.curation.UnansweredQuestion;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/v1/shoppers/{id}/export} and {@code POST .../erase} answer: everything
 * stored about a shopper, as stored (an event's {@code data} is the stored JSON object), and the
 * counts of an erasure.
 */
final class ShopperDataDtos {
    private static final ObjectMapper READER = new ObjectMapper();

    private ShopperDataDtos() {}

    /** Everything Kefu holds about one shopper. */
    record ExportDto(
            String shopperId,
            String exportedAt,
            ShopperApi.ProfileDto profile,
            List<ConversationDto> conversations,
            List<StorefrontEventDto> storefrontEvents,
            List<ExposureDto> experimentExposures,
            List<UnansweredDto> unansweredQuestions,
            List<JsonNode> orders) {
        static ExportDto of(JdbcPersonalData.ShopperData data, List<UnansweredQuestion> unanswered, Instant at) {
            return new ExportDto(
                    data.shopperId(),
                    at.toString(),
                    data.profile().map(ShopperApi.ProfileDto::of).orElse(null),
                    data.conversations().stream().map(ConversationDto::of).toList(),
                    data.storefrontEvents().stream().map(StorefrontEventDto::of).toList(),
                    data.exposures().stream().map(ExposureDto::of).toList(),
                    unanswered.stream().map(UnansweredDto::of).toList(),
                    data.orders().stream().map(ExportDto::json).toList());
        }

        /** A stored order's JSON, as the store pushed it ({@code PUT /api/v1/orders}). */
        private static JsonNode json(String stored) {
            try {
                return READER.readTree(stored);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored order is not JSON", e);
            }
        }
    }

    /**
     * A conversation: its state, the tags it was served with, the latest hand-off, the transcript
     * with what the bot read in each message, and every event (ratings and feedback among them).
     */
    record ConversationDto(
            String id,
            String state,
            List<String> shopperTags,
            String createdAt,
            String updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) HandoffDto handoff,
            List<ExportedMessageDto> messages,
            List<EventDto> events) {
        static ConversationDto of(StoredConversation stored) {
            Conversation c = stored.conversation();
            return new ConversationDto(
                    c.id(),
                    c.state().code(),
                    c.shopper().tags().stream().sorted().toList(),
                    c.createdAt().toString(),
                    c.updatedAt().toString(),
                    c.ticket() == null ? null : HandoffDto.of(c.ticket()),
                    c.messages().stream().map(ExportedMessageDto::of).toList(),
                    stored.events().stream().map(EventDto::of).toList());
        }
    }

    record HandoffDto(
            String reason,
            Map<String, String> details,
            String priority,
            String queuedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String agent,
            @JsonInclude(JsonInclude.Include.NON_NULL) String claimedAt) {
        static HandoffDto of(HandoffTicket ticket) {
            return new HandoffDto(
                    ticket.trigger().reason().code(),
                    ticket.trigger().details(),
                    ticket.priority().code(),
                    ticket.queuedAt().toString(),
                    ticket.agent(),
                    ticket.claimedAt() == null ? null : ticket.claimedAt().toString());
        }
    }

    /** A transcript message and, for a shopper's message, what the bot read in it. */
    record ExportedMessageDto(
            @JsonUnwrapped MessageDto message, @JsonInclude(JsonInclude.Include.NON_NULL) SignalsDto signals) {
        static ExportedMessageDto of(ConversationMessage message) {
            MessageSignals s = message.signals();
            return new ExportedMessageDto(
                    MessageDto.of(message),
                    s == null ? null : new SignalsDto(s.intent(), s.confidence(), s.sentiment(), s.urgency()));
        }
    }

    record SignalsDto(String intent, double confidence, double sentiment, double urgency) {}

    record EventDto(
            String at,
            String type,
            String actor,
            @JsonRawValue String data,
            @JsonInclude(JsonInclude.Include.NON_NULL) String slotsSuppressed) {
        static EventDto of(StoredEvent event) {
            return new EventDto(
                    event.at().toString(), event.type(), event.actor(), event.data(), event.slotsSuppressed());
        }
    }

    record StorefrontEventDto(
            String type,
            String shopperId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String productId,
            @JsonInclude(JsonInclude.Include.NON_NULL) Double amount,
            @JsonInclude(JsonInclude.Include.NON_NULL) String conversationId,
            String at) {
        static StorefrontEventDto of(StorefrontEvent e) {
            return new StorefrontEventDto(
                    e.type(), e.shopperId(), e.productId(), e.amount(), e.conversationId(), e.at().toString());
        }
    }

    record ExposureDto(String experimentId, String arm, String scriptId, String conversationId, String at) {
        static ExposureDto of(Exposure e) {
            return new ExposureDto(e.experimentId(), e.arm(), e.scriptId(), e.conversationId(), e.at().toString());
        }
    }

    /** An unanswered question of the shopper's, as trainers see it (masked). */
    record UnansweredDto(String conversationId, String text, String reason, String at) {
        static UnansweredDto of(UnansweredQuestion q) {
            return new UnansweredDto(q.conversationId(), q.text(), q.reason().code(), q.at().toString());
        }
    }

    /** What an erasure removed, by kind. */
    record ErasureDto(String shopperId, Map<String, Integer> erased) {}
}
