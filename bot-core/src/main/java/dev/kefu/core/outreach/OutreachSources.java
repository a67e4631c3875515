package dev.kefu.core.outreach;

import dev.kefu.core.order.Order;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Where the triggers find their shoppers, and the guard rails their history. */
public interface OutreachSources {
    /**
     * {@code added_to_cart} events at or after {@code from} and before {@code to} with no {@code
     * order_placed} of the same shopper after them, oldest first; an implementation may bound how
     * many, keeping the newest.
     */
    List<CartLeft> cartsLeft(Instant from, Instant to);

    /** Orders the store pushed or changed at or after {@code since}. */
    List<Order> ordersChangedSince(Instant since);

    /** The store's shoppers whose kept tags include {@code tag} (at most {@code limit}). */
    List<String> tagged(String tag, int limit);

    /** The store's kept tags of a shopper. */
    Set<String> tagsOf(String shopperKey);

    /** Ids of the shopper's conversations changed at or after {@code since}. */
    List<String> conversationsOf(String shopperKey, Instant since);

    /** An item put in a cart and not bought (yet). */
    record CartLeft(long eventId, String shopperId, String productId, String conversationId, Instant at) {}
}
