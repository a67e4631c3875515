package dev.kefu.core.order;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.message.ShopperContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The orders the agent serving a conversation sees. Agents are staff: they see the orders of the
 * conversation's shopper, which are a verified shopper's latest orders and the orders proven in the
 * conversation (the phone's last four digits given right), and nobody else's: an anonymous shopper
 * who proved none shows none, whatever numbers they typed.
 */
public final class ConversationOrders {
    private ConversationOrders() {}

    /**
     * The verified shopper's latest {@code limit} orders (newest first), then the proven ones not
     * among them, each once.
     *
     * @throws OrderSource.Unavailable when the store's system cannot be asked now (the desk says
     *     so, rather than showing no orders)
     */
    public static List<Order> of(Conversation conversation, OrderSource source, int limit) {
        Map<String, Order> orders = new LinkedHashMap<>();
        ShopperContext shopper = conversation.shopper();
        if (shopper.verified() && shopper.id() != null) {
            source.recent(shopper.id(), limit).forEach(o -> orders.put(o.orderNo(), o));
        }
        for (String proven : conversation.orderThread().proven()) {
            if (!orders.containsKey(proven)) {
                source.find(proven).ifPresent(o -> orders.put(o.orderNo(), o));
            }
        }
        return new ArrayList<>(orders.values());
    }
}
