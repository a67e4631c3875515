package dev.kefu.core.conversation;

import dev.kefu.core.Checks;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a conversation knows of the orders it is about, so a number or four digits given in a later
 * message count: the order asked about, what the bot waits for, who proved what, and the
 * after-sales action asked for or waiting for the shopper's confirmation.
 *
 * @param orderNo the order the conversation is about, or {@code null}
 * @param awaiting what the bot asked the shopper for
 * @param wrongDigits wrong last-four-digit answers so far in this conversation
 * @param proven the orders whose phone digits the shopper gave right in this conversation
 * @param wanted an action the shopper asked for before proving the order theirs (or giving the new
 *     address), proposed once they have; {@code null} when none
 * @param pending the action proposed and not yet confirmed or declined, {@code null} when none:
 *     only this one can be confirmed, and only once
 */
public record OrderThread(
        String orderNo,
        Awaiting awaiting,
        int wrongDigits,
        Set<String> proven,
        ActionRequest wanted,
        ActionProposal pending) {
    /** A conversation that never spoke of orders. */
    public static final OrderThread NONE = new OrderThread(null, Awaiting.NOTHING, 0, Set.of());

    public OrderThread {
        Checks.requireNonNull("orderThread.awaiting", awaiting);
        Checks.requireNonNegative("orderThread.wrongDigits", wrongDigits);
        proven = Checks.copyOfSet("orderThread.proven", proven);
        if ((awaiting == Awaiting.PHONE_DIGITS || awaiting == Awaiting.NEW_ADDRESS) && orderNo == null) {
            throw new IllegalArgumentException("the bot can only wait for the phone digits or new address of an order");
        }
    }

    /** A thread with no action asked for. */
    public OrderThread(String orderNo, Awaiting awaiting, int wrongDigits, Set<String> proven) {
        this(orderNo, awaiting, wrongDigits, proven, null, null);
    }

    /** What the bot asked the shopper for in its last answer about orders. */
    public enum Awaiting implements dev.kefu.core.Coded {
        NOTHING,
        /** The number of the order they ask about. */
        ORDER_NUMBER,
        /** The last four digits of the phone of order {@link #orderNo}. */
        PHONE_DIGITS,
        /** The new delivery address of order {@link #orderNo} (the address change {@link #wanted}). */
        NEW_ADDRESS
    }

    /**
     * About {@code newOrderNo} now: a proposal not answered lapses (its buttons are refused), an
     * action asked for another order is forgotten.
     */
    public OrderThread about(String newOrderNo, Awaiting newAwaiting) {
        ActionRequest keep = wanted != null && java.util.Objects.equals(wanted.orderNo(), newOrderNo) ? wanted : null;
        return new OrderThread(newOrderNo, newAwaiting, wrongDigits, proven, keep, null);
    }

    public OrderThread wrongDigitsGiven() {
        return new OrderThread(orderNo, Awaiting.NOTHING, wrongDigits + 1, proven, wanted, null);
    }

    public OrderThread provenOwner(String order) {
        Set<String> more = new LinkedHashSet<>(proven);
        more.add(order);
        return new OrderThread(order, Awaiting.NOTHING, wrongDigits, more, wanted, null);
    }

    /**
     * The shopper asked for {@code request}, to be proposed once they named the order, proved it
     * theirs or gave the new address; the bot waits for {@code newAwaiting}.
     */
    public OrderThread wanting(ActionRequest request, Awaiting newAwaiting) {
        return new OrderThread(request.orderNo(), newAwaiting, wrongDigits, proven, request, null);
    }

    /** The bot proposed {@code proposal}; it waits for the shopper's confirmation. */
    public OrderThread proposing(ActionProposal proposal) {
        return new OrderThread(proposal.request().orderNo(), Awaiting.NOTHING, wrongDigits, proven, null, proposal);
    }

    /** The shopper confirmed or declined the pending proposal: it cannot be answered again. */
    public OrderThread answered() {
        return new OrderThread(orderNo, awaiting, wrongDigits, proven, wanted, null);
    }
}
