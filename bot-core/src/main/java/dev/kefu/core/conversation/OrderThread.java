package dev.kefu.core.conversation;

import dev.kefu.core.Checks;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a conversation knows of the orders it is about, so a number or four digits given in a later
 * message count: the order asked about, what the bot waits for, and who proved what.
 *
 * @param orderNo the order the conversation is about, or {@code null}
 * @param awaiting what the bot asked the shopper for
 * @param wrongDigits wrong last-four-digit answers so far in this conversation
 * @param proven the orders whose phone digits the shopper gave right in this conversation
 */
public record OrderThread(String orderNo, Awaiting awaiting, int wrongDigits, Set<String> proven) {
    /** A conversation that never spoke of orders. */
    public static final OrderThread NONE = new OrderThread(null, Awaiting.NOTHING, 0, Set.of());

    public OrderThread {
        Checks.requireNonNull("orderThread.awaiting", awaiting);
        Checks.requireNonNegative("orderThread.wrongDigits", wrongDigits);
        proven = Checks.copyOfSet("orderThread.proven", proven);
        if (awaiting == Awaiting.PHONE_DIGITS && orderNo == null) {
            throw new IllegalArgumentException("the bot can only wait for the phone digits of an order");
        }
    }

    /** What the bot asked the shopper for in its last answer about orders. */
    public enum Awaiting implements dev.kefu.core.Coded {
        NOTHING,
        /** The number of the order they ask about. */
        ORDER_NUMBER,
        /** The last four digits of the phone of order {@link #orderNo}. */
        PHONE_DIGITS
    }

    public OrderThread about(String newOrderNo, Awaiting newAwaiting) {
        return new OrderThread(newOrderNo, newAwaiting, wrongDigits, proven);
    }

    public OrderThread wrongDigitsGiven() {
        return new OrderThread(orderNo, Awaiting.NOTHING, wrongDigits + 1, proven);
    }

    public OrderThread provenOwner(String order) {
        Set<String> more = new LinkedHashSet<>(proven);
        more.add(order);
        return new OrderThread(order, Awaiting.NOTHING, wrongDigits, more);
    }
}
