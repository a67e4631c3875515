package dev.kefu.core.conversation;

import dev.kefu.core.Checks;

/**
 * What a shopper asked to be done to an order.
 *
 * @param orderNo the order, canonical; {@code null} only while the shopper has not said which
 *     ({@link OrderThread#wanted()})
 * @param action what to do to it
 * @param newAddress the address to deliver to instead, for {@link OrderAction#ADDRESS} only (may
 *     be {@code null} until the shopper gave it)
 */
public record ActionRequest(String orderNo, OrderAction action, String newAddress) {
    public ActionRequest {
        if (orderNo != null) {
            Checks.requireText("actionRequest.orderNo", orderNo);
        }
        Checks.requireNonNull("actionRequest.action", action);
        if (newAddress != null) {
            Checks.requireText("actionRequest.newAddress", newAddress);
            if (action != OrderAction.ADDRESS) {
                throw new IllegalArgumentException("actionRequest.newAddress is for the address action only");
            }
        }
    }

    /** The same action on order {@code number}. */
    public ActionRequest forOrder(String number) {
        return new ActionRequest(number, action, newAddress);
    }

    /** The same action with the new address {@code address}. */
    public ActionRequest withAddress(String address) {
        return new ActionRequest(orderNo, action, address);
    }
}
