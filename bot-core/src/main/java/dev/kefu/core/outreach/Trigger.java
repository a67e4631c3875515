package dev.kefu.core.outreach;

import dev.kefu.core.Coded;

/** What makes Kefu speak first. */
public enum Trigger implements Coded {
    /** The shopper's open widget has been on one product page for the rule's {@code afterSeconds}. */
    PRODUCT_PAGE,
    /** An {@code added_to_cart} with no {@code order_placed} after it for {@code afterSeconds}. */
    CART_ABANDONED,
    /** An order's shipment was delivered {@code afterDays} ago (usage tips, a review request). */
    DELIVERED,
    /** The shopper carries the rule's {@code tag} (such as {@code silent_30d}). */
    TAG
}
