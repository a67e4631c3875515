package dev.kefu.channels.agent;

import dev.kefu.core.Checks;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.order.Order;
import dev.kefu.core.order.OrderSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The orders an agent sees beside a conversation: those its shopper may see (a verified shopper's
 * latest, and any order proven theirs by the phone's digits, asked about or acted on in it), never
 * anybody else's. Thread-safe.
 */
public final class ShopperOrders {
    private final OrderSource source;
    private final int latest;

    /** @param latest how many of a verified shopper's latest orders are shown */
    public ShopperOrders(OrderSource source, int latest) {
        this.source = Checks.requireNonNull("source", source);
        this.latest = (int) Checks.requirePositive("latest", latest);
    }

    /**
     * The shopper's orders, newest first.
     *
     * @param unavailable whether some could not be read (the store's service is down): the list is
     *     then what could be
     */
    public record Shown(List<Order> orders, boolean unavailable) {}

    public Shown of(Conversation conversation, List<ConversationEvent> events) {
        Map<String, Order> shown = new LinkedHashMap<>();
        boolean unavailable = false;
        String owner = conversation.shopper().verifiedId();
        try {
            if (owner != null) {
                source.recent(owner, latest).forEach(order -> shown.put(order.orderNo(), order));
            }
        } catch (OrderSource.Unavailable e) {
            unavailable = true;
        }
        for (String orderNo : mentioned(conversation, events)) {
            if (shown.containsKey(orderNo)) {
                continue;
            }
            try {
                Optional<Order> order = source.find(orderNo);
                order.filter(o -> o.visibleIn(conversation)).ifPresent(o -> shown.put(orderNo, o));
            } catch (OrderSource.Unavailable e) {
                unavailable = true;
            }
        }
        List<Order> orders = new ArrayList<>(shown.values());
        orders.sort(java.util.Comparator.comparing(Order::placedAt).reversed());
        return new Shown(orders, unavailable);
    }

    /** The orders the conversation spoke of: the one it is about, those proven, those acted on. */
    private static Set<String> mentioned(Conversation conversation, List<ConversationEvent> events) {
        Set<String> numbers = new LinkedHashSet<>();
        if (conversation.orderThread().orderNo() != null) {
            numbers.add(conversation.orderThread().orderNo());
        }
        numbers.addAll(conversation.orderThread().proven());
        for (ConversationEvent event : events) {
            if (event instanceof ConversationEvent.ActionProposed proposed) {
                numbers.add(proposed.request().orderNo());
            }
        }
        return numbers;
    }
}
