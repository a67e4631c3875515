package dev.kefu.core.conversation;

import dev.kefu.core.Coded;

/**
 * An after-sales action a shopper may ask for on one of their orders; the codes are the wire's and
 * the store service's path ({@code POST {actionsUrl}/{orderNo}/{code}}). Which order statuses allow
 * which action is decided in {@link dev.kefu.core.order.OrderActions#allowed}.
 */
public enum OrderAction implements Coded {
    /** Cancel an order that has not shipped. */
    CANCEL,
    /** Send a delivered order back for a refund. */
    RETURN,
    /** Send a delivered order back for another of the same. */
    EXCHANGE,
    /** Deliver an order that has not shipped to another address. */
    ADDRESS
}
