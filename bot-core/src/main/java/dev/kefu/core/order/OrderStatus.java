package dev.kefu.core.order;

import dev.kefu.core.Coded;
import dev.kefu.core.intent.Language;

/** Where an order stands in the store's system; the codes are the wire's ({@code pending_payment}, ...). */
public enum OrderStatus implements Coded {
    PENDING_PAYMENT,
    PAID,
    SHIPPED,
    DELIVERED,
    CANCELLED,
    REFUNDING,
    REFUNDED;

    /** Where it stands in plain words, in {@code language} (English, or Chinese for any other). */
    public String words(Language language) {
        boolean en = language == Language.EN;
        return switch (this) {
            case PENDING_PAYMENT -> en ? "waiting for payment" : "待付款";
            case PAID -> en ? "paid, being prepared for shipment (not shipped yet)" : "已付款，正在备货（尚未发货）";
            case SHIPPED -> en ? "shipped, on its way" : "已发货，正在运输途中";
            case DELIVERED -> en ? "delivered" : "已签收";
            case CANCELLED -> en ? "cancelled" : "已取消";
            case REFUNDING -> en ? "refund in progress" : "退款处理中";
            case REFUNDED -> en ? "refunded" : "已退款";
        };
    }

    /** Whether it has left the warehouse: only before that may it be cancelled or its address changed. */
    public boolean shipped() {
        return this == SHIPPED || this == DELIVERED;
    }
}
