package dev.kefu.core.order;

import java.util.List;
import java.util.Optional;

/**
 * Where the bot finds orders: those the store pushed to Kefu, or the store's own system asked live.
 * Implementations may be slow or down; they say so with {@link Unavailable}, never with an empty
 * answer (an order that is not found is one the store does not have).
 */
public interface OrderSource {
    /**
     * The order with this canonical number, empty when the store has none.
     *
     * @throws Unavailable when the store's system cannot be asked now
     */
    Optional<Order> find(String orderNo);

    /**
     * The shopper's latest orders, newest first, at most {@code limit}.
     *
     * @throws Unavailable when the store's system cannot be asked now
     */
    List<Order> recent(String shopperId, int limit);

    /** These orders, in memory (a replay of the demo store). */
    static OrderSource of(List<Order> orders) {
        List<Order> held = List.copyOf(orders);
        return new OrderSource() {
            @Override
            public Optional<Order> find(String orderNo) {
                return held.stream().filter(o -> o.orderNo().equals(orderNo)).findFirst();
            }

            @Override
            public List<Order> recent(String shopperId, int limit) {
                return held.stream()
                        .filter(o -> o.shopperId().equals(shopperId))
                        .sorted(java.util.Comparator.comparing(Order::placedAt).reversed())
                        .limit(limit)
                        .toList();
            }
        };
    }

    /** No orders at all (a replay, a bot without a store). */
    static OrderSource none() {
        return new OrderSource() {
            @Override
            public Optional<Order> find(String orderNo) {
                return Optional.empty();
            }

            @Override
            public List<Order> recent(String shopperId, int limit) {
                return List.of();
            }
        };
    }

    /**
     * This source, then {@code other} for an order this one does not have (the orders the store
     * pushed, then its live service); the shopper's latest orders are this source's.
     */
    default OrderSource orElse(OrderSource other) {
        OrderSource first = this;
        return new OrderSource() {
            @Override
            public Optional<Order> find(String orderNo) {
                Optional<Order> found = first.find(orderNo);
                return found.isPresent() ? found : other.find(orderNo);
            }

            @Override
            public List<Order> recent(String shopperId, int limit) {
                return first.recent(shopperId, limit);
            }
        };
    }

    /** The orders cannot be read now (the store's service is down, slow or answers nonsense). */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
