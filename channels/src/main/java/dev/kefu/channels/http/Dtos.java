package dev.kefu.channels.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.intent.Language;
import dev.kefu.core.order.Order;
import dev.kefu.core.order.OrderStatus;
import dev.kefu.core.order.Shipment;
import dev.kefu.core.order.TrackingEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON shapes more than one audience uses (see the contracts document): transcript messages
 * (the shopper's widget, the agent desk, the webhook), orders (the shopper's cards, the agent's
 * context) and errors. Kept apart from bot-core's
 * records so the wire format can evolve without touching the pipeline, and vice versa.
 */
public final class Dtos {
    private Dtos() {}

    public record CitationDto(String entryId, String title) {
        /** The citations as the API shows them. */
        public static List<CitationDto> of(List<Citation> citations) {
            return citations.stream()
                    .map(c -> new CitationDto(c.entryId(), c.title()))
                    .toList();
        }
    }

    /** A transcript message; {@code author} names the agent who wrote an agent message. */
    public record MessageDto(
            long seq,
            String from,
            String text,
            String at,
            List<CitationDto> citations,
            @JsonInclude(JsonInclude.Include.NON_NULL) String author) {
        /** A transcript message as the API shows it. */
        public static MessageDto of(ConversationMessage message) {
            return new MessageDto(
                    message.seq(),
                    message.from().code(),
                    message.text(),
                    message.at().toString(),
                    CitationDto.of(message.citations()),
                    message.author());
        }
    }

    /**
     * An order as people read it: its {@code status} code and {@code statusLabel} in the reader's
     * language, when it was placed, what was bought, and each parcel.
     */
    public record OrderDto(
            String orderNo,
            String status,
            String statusLabel,
            String placedAt,
            List<OrderItemDto> items,
            List<ParcelDto> shipments) {
        /** The latest tracking events a parcel shows: a short timeline, not the carrier's log. */
        public static final int TIMELINE_EVENTS = 3;

        public static OrderDto of(Order order, Language language) {
            OrderStatus status = order.status();
            return new OrderDto(
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
            for (int i = timeline.size() - 1; i >= 0 && events.size() < OrderDto.TIMELINE_EVENTS; i--) {
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

    /** {@code problems} lists every problem found (an import, a publish), when there are several. */
    public record ErrorBody(
            String code, String message, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> problems) {}

    public record ErrorResponse(ErrorBody error) {
        public static ErrorResponse of(String code, String message) {
            return of(code, message, List.of());
        }

        public static ErrorResponse of(String code, String message, List<String> problems) {
            return new ErrorResponse(new ErrorBody(code, message, problems));
        }
    }

    public record Health(String status, int knowledgeEntries) {}
}
