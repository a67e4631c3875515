package dev.kefu.core.conversation;

import dev.kefu.core.Checks;

/**
 * What a shopper asked to be done to an order.
 *
 * @param orderNo the order, canonical
 * @param action what to do to it
 * @param newAddress the address to deliver to instead, for {@link OrderAction#ADDRESS} only (may
 *     be {@code null} until the shopper gave it)
 */
public record ActionRequest(String orderNo, OrderAction action, String newAddress) {
    public ActionRequest {
        Checks.requireText("actionRequest.orderNo", orderNo);
        Checks.requireNonNull("actionRequest.action", action);
        if (newAddress != null) {
            Checks.requireText("actionRequest.newAddress", newAddress);
            if (action != OrderAction.ADDRESS) {
                throw new IllegalArgumentException("actionRequest.newAddress is for the address action only");
            }
        }
    }
}
