package dev.kefu.core.order;

import dev.kefu.core.Coded;

/** Where an order stands in the store's system; the codes are the wire's ({@code pending_payment}, ...). */
public enum OrderStatus implements Coded {
    PENDING_PAYMENT,
    PAID,
    SHIPPED,
    DELIVERED,
    CANCELLED,
    REFUNDING,
    REFUNDED;

    /** Whether it has left the warehouse: only before that may it be cancelled or its address changed. */
    public boolean shipped() {
        return this == SHIPPED || this == DELIVERED;
    }
}
