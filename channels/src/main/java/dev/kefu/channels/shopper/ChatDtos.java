package dev.kefu.channels.shopper;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.kefu.channels.http.Dtos.CitationDto;
import dev.kefu.channels.http.Dtos.MessageDto;
import dev.kefu.core.intent.Language;
import dev.kefu.core.order.Order;
import dev.kefu.core.order.OrderStatus;
import dev.kefu.core.order.Shipment;
import dev.kefu.core.order.TrackingEvent;
import java.util.ArrayList;
import java.util.List;

/** The JSON shapes of the shopper chat, REST and widget frames alike (see the contracts document). */
final class ChatDtos {
    private ChatDtos() {}

    /**
     * One bot message; {@code quickReplies} are buttons shown under it (omitted when none), e.g.
     * {@code [{"label": "转人工客服", "action": "handoff"}]} when the bot offers a person; {@code
     * cards} the orders and the product it shows (omitted when none).
     */
    public record ReplyDto(
            long seq,
            String text,
            List<CitationDto> citations,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<QuickReplyDto> quickReplies,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CardDto> cards) {
        /** A message that shows no cards. */
        public ReplyDto(long seq, String text, List<CitationDto> citations, List<QuickReplyDto> quickReplies) {
            this(seq, text, citations, quickReplies, List.of());
        }
    }

    /** Something a reply shows besides its text, told apart by {@code type}: {@code order} or {@code product}. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = OrderCardDto.class, name = "order"),
        @JsonSubTypes.Type(value = ProductCardDto.class, name = "product")
    })
    public sealed interface CardDto permits OrderCardDto, ProductCardDto {}

    /**
     * One of the shopper's orders: its {@code status} code and {@code statusLabel} in the reply
     * language, when it was placed, what was bought, and each parcel.
     */
    public record OrderCardDto(
            String orderNo,
            String status,
            String statusLabel,
            String placedAt,
            List<OrderItemDto> items,
            List<ParcelDto> shipments)
            implements CardDto {
        /** The latest tracking events a parcel shows: a short timeline, not the carrier's log. */
        public static final int TIMELINE_EVENTS = 3;

        static OrderCardDto of(Order order, Language language) {
            OrderStatus status = order.status();
            return new OrderCardDto(
                    order.orderNo(),
                    status.code(),
                    status.words(language),
                    order.placedAt().toString(),
                    order.items().stream()
                            .map(i -> new OrderItemDto(
                                    i.name(), i.quantity(), i.price().toPlainString()))
                            .toList(),
                    order.shipments().stream().map(s -> ParcelDto.of(s, status)).toList());
        }
    }

    /** A line of an order; {@code price} is the unit price as a decimal string ({@code "499.00"}). */
    public record OrderItemDto(String name, int quantity, String price) {}

    /**
     * A parcel: its carrier and tracking number, the day it is expected ({@code null} when unknown or
     * delivered), and its latest tracking events, newest first ({@code events}, a short timeline).
     */
    public record ParcelDto(
            String carrier, String trackingNumber, String estimatedDelivery, List<TrackingEventDto> events) {
        static ParcelDto of(Shipment shipment, OrderStatus status) {
            List<TrackingEventDto> events = new ArrayList<>();
            List<TrackingEvent> timeline = shipment.timeline();
            for (int i = timeline.size() - 1; i >= 0 && events.size() < OrderCardDto.TIMELINE_EVENTS; i--) {
                TrackingEvent event = timeline.get(i);
                events.add(new TrackingEventDto(event.at().toString(), event.status(), event.description()));
            }
            String expected = shipment.estimatedDelivery() == null || status == OrderStatus.DELIVERED
                    ? null
                    : shipment.estimatedDelivery().toString();
            return new ParcelDto(shipment.carrier(), shipment.trackingNumber(), expected, events);
        }
    }

    public record TrackingEventDto(String at, String status, String description) {}

    /**
     * The product a reply is about: its knowledge entry id, name in the reply language, price as a
     * decimal string with its currency, {@code stock} code ({@code in_stock}, {@code low_stock},
     * {@code out_of_stock}) and {@code stockLabel}, and its storefront page ({@code url}, omitted
     * without {@code store.productPageUrl}).
     */
    public record ProductCardDto(
            String productId,
            String name,
            String price,
            String currency,
            String stock,
            String stockLabel,
            @JsonInclude(JsonInclude.Include.NON_NULL) String url)
            implements CardDto {}

    /** A button under a reply: what it says and what pressing it does ({@code handoff}). */
    public record QuickReplyDto(String label, String action) {}

    public record IntentDto(String name, double confidence) {}

    /**
     * The message's sentiment: the overall {@code score} and {@code label}, the shopper's {@code
     * emotion} (0..1, calm, mild, upset or angry) and the {@code valence} of what they report.
     */
    public record SentimentDto(double score, String label, EmotionDto emotion, double valence) {}

    public record EmotionDto(double score, String label) {}

    /**
     * A marketing line as the widget renders it: which script (a click names it), where, what, and
     * the sales stage it was chosen for ({@code opener}, ..., {@code closing}; null when unknown).
     * The experiment and arm stay on the server.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SlotDto(String scriptId, String position, String text, String stage) {}

    public record HandoffDto(String reason, String state) {}

    /**
     * {@code POST /api/v1/chat} response. {@code handoff} is serialised as {@code null} when absent;
     * {@code conversationToken} is what later requests about the conversation need.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ChatResponse(
            String conversationId,
            String conversationToken,
            long shopperSeq,
            List<ReplyDto> replies,
            IntentDto intent,
            SentimentDto sentiment,
            List<SlotDto> slots,
            HandoffDto handoff) {}

    public record RatingResponse(String conversationId, int score) {}

    public record MessagesResponse(String conversationId, String state, List<MessageDto> messages) {}

    /**
     * {@code POST /api/v1/chat/{id}/quick-reply}: the action done, and the conversation's state
     * after it ({@code queued} once a {@code handoff} quick reply was pressed, or a confirmed
     * after-sales action went to a person). For {@code confirm} and {@code decline}, {@code reply}
     * is the bot's answer (with a person offered when the store's service failed) and {@code
     * outcome} what became of a confirmed action ({@code done}, {@code for_agents}, {@code
     * not_allowed}, {@code failed}); both are omitted otherwise.
     */
    public record QuickReplyResponse(
            String conversationId,
            long seq,
            String action,
            String state,
            @JsonInclude(JsonInclude.Include.NON_NULL) ReplyDto reply,
            @JsonInclude(JsonInclude.Include.NON_NULL) String outcome) {}

    /** {@code state} is {@code queued} when this "didn't help" handed the conversation to a person. */
    public record FeedbackResponse(String conversationId, long seq, boolean helpful, String state) {}
}
