package dev.kefu.core.order;

import dev.kefu.core.Checks;
import dev.kefu.core.conversation.Conversation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An order as the store's system describes it: pushed to Kefu by the store ({@code PUT
 * /api/v1/orders/{orderNo}}) or looked up live. Shown only to its owner: the verified shopper
 * {@code shopperId}, or a shopper who gives the last four digits of its phone ({@code phoneLast4}).
 *
 * @param orderNo the order number, canonical ({@link dev.kefu.core.text.Identifier.Kind#ORDER_NUMBER})
 * @param shopperId the store's id of the shopper who placed it
 * @param phoneLast4 the last four digits of the order's phone, or {@code null} (then only its
 *     verified owner may see it)
 * @param status where it stands
 * @param placedAt when it was placed
 * @param items what was bought, at least one line
 * @param shipments its parcels, none before it ships
 */
public record Order(
        String orderNo,
        String shopperId,
        String phoneLast4,
        OrderStatus status,
        Instant placedAt,
        List<OrderItem> items,
        List<Shipment> shipments) {
    public Order {
        Checks.requireText("order.orderNo", orderNo);
        Checks.requireText("order.shopperId", shopperId);
        if (phoneLast4 != null && !phoneLast4.matches("\\d{4}")) {
            throw new IllegalArgumentException("order.phoneLast4 must be four digits");
        }
        Checks.requireNonNull("order.status", status);
        Checks.requireNonNull("order.placedAt", placedAt);
        items = Checks.copyOf("order.items", items);
        shipments = Checks.copyOf("order.shipments", shipments);
        if (items.isEmpty()) {
            throw new IllegalArgumentException("order.items must have at least one item");
        }
    }

    /**
     * Whether it is late on {@code today}: not delivered (nor cancelled or refunded) and a parcel's
     * expected delivery day has passed.
     */
    public boolean delayed(LocalDate today) {
        if (status != OrderStatus.SHIPPED && status != OrderStatus.PAID) {
            return false;
        }
        return shipments.stream()
                .anyMatch(s ->
                        s.estimatedDelivery() != null && s.estimatedDelivery().isBefore(today));
    }

    /**
     * Whether the shopper of {@code conversation} may see it: its verified owner, or a shopper who
     * gave the right last four digits of its phone in that conversation.
     */
    public boolean visibleIn(Conversation conversation) {
        return shopperId.equals(conversation.shopper().verifiedId())
                || conversation.orderThread().proven().contains(orderNo);
    }

    /** Whether {@code digits} are the last four of the order's phone (never when it has none). */
    public boolean phoneEndsWith(String digits) {
        return phoneLast4 != null && phoneLast4.equals(digits);
    }
}
