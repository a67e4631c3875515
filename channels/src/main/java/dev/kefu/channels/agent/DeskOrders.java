package dev.kefu.channels.agent;

import dev.kefu.channels.http.Dtos.OrderDto;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.Language;
import dev.kefu.core.order.ConversationOrders;
import dev.kefu.core.order.OrderSource;
import java.util.List;

/**
 * The orders in an agent's context: the conversation's shopper's ({@link ConversationOrders}),
 * read when the view is built, in English like the rest of the desk. When the store's system cannot
 * be asked the context says so ({@code ordersUnavailable}) instead of showing none.
 *
 * @param source where the bot finds orders
 * @param limit how many of a verified shopper's latest orders ({@code orders.recentOrders})
 */
public record DeskOrders(OrderSource source, int limit) {
    /** What the context shows: the orders, or that they cannot be read now. */
    record Shown(List<OrderDto> orders, boolean unavailable) {}

    Shown of(Conversation conversation) {
        try {
            return new Shown(
                    ConversationOrders.of(conversation, source, limit).stream()
                            .map(o -> OrderDto.of(o, Language.EN))
                            .toList(),
                    false);
        } catch (OrderSource.Unavailable e) {
            return new Shown(List.of(), true);
        }
    }
}
