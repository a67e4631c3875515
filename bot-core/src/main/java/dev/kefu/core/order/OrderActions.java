package dev.kefu.core.order;

import dev.kefu.core.Checks;
import dev.kefu.core.conversation.ActionOutcome;
import dev.kefu.core.conversation.ActionProposal;
import dev.kefu.core.conversation.ActionRequest;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.OrderAction;

/**
 * After-sales actions on a shopper's orders (cancel, return, exchange, change the address),
 * proposed first and carried out only once the shopper confirms the proposal. Who may act on an
 * order and which status allows which action are decided here, in code, for the rules' orders
 * stage and the language model's tools alike. Thread-safe.
 */
public interface OrderActions {
    /**
     * Whether {@code request} may be done in this conversation, as a proposal for the shopper to
     * confirm (bot message {@link Conversation#nextSeq()} states it) or why not. Asks the store's
     * orders but changes nothing.
     *
     * @throws OrderSource.Unavailable when the orders cannot be read now
     */
    Proposal propose(Conversation conversation, ActionRequest request);

    /**
     * The shopper's answer to the proposal that bot message {@code seq} stated: confirmed, the
     * action goes to the store's service (or to a person), once; declined, nothing happens. The
     * bot's reply is appended and the proposal, the answer and the result are recorded as events.
     *
     * @throws NotOpen when that message proposed nothing that is still open (answered already,
     *     lapsed, or a person serves the conversation)
     */
    Answered answer(String conversationId, long seq, boolean confirmed);

    /**
     * Whether an order in {@code status} allows {@code action}: cancelling and changing the address
     * before it ships (awaiting payment or paid), a return or an exchange once delivered.
     */
    static boolean allowed(OrderAction action, OrderStatus status) {
        return switch (action) {
            case CANCEL, ADDRESS -> status == OrderStatus.PENDING_PAYMENT || status == OrderStatus.PAID;
            case RETURN, EXCHANGE -> status == OrderStatus.DELIVERED;
        };
    }

    /** What {@link #propose} found. */
    sealed interface Proposal permits Proposed, Refused {}

    /**
     * It may be done: the shopper is asked to confirm.
     *
     * @param proposal what will be done, and the message that states it
     * @param order the order as it is now
     */
    record Proposed(ActionProposal proposal, Order order) implements Proposal {
        public Proposed {
            Checks.requireNonNull("proposal", proposal);
            Checks.requireNonNull("order", order);
        }
    }

    /**
     * It may not.
     *
     * @param refusal why
     * @param order the order, when the shopper may see it ({@code null} for {@link Refusal#NOT_SHOWN})
     */
    record Refused(Refusal refusal, Order order) implements Proposal {
        public Refused {
            Checks.requireNonNull("refusal", refusal);
            if ((order == null) != (refusal == Refusal.NOT_SHOWN)) {
                throw new IllegalArgumentException("the order is given exactly when the shopper may see it");
            }
        }
    }

    /** Why an action cannot be proposed. */
    enum Refusal implements dev.kefu.core.Coded {
        /**
         * The shopper may not see the order (unknown, someone else's, or not proven theirs yet):
         * the same answer for each, so nobody learns whether it exists.
         */
        NOT_SHOWN,
        /** The order's status does not allow it (shipped: no cancelling; not delivered: no return). */
        NOT_ALLOWED,
        /** An address change without the new address. */
        NEEDS_ADDRESS
    }

    /**
     * The shopper answered a proposal.
     *
     * @param conversation the conversation after it (the bot's reply appended; queued when a person
     *     does the action)
     * @param replySeq the sequence number of the bot's reply
     * @param outcome what became of a confirmed action, {@code null} when declined
     */
    record Answered(Conversation conversation, long replySeq, ActionOutcome outcome) {
        public Answered {
            Checks.requireNonNull("conversation", conversation);
            Checks.requirePositive("replySeq", replySeq);
        }
    }

    /** The proposal answered is not open: never made, answered already, lapsed, or a person serves. */
    final class NotOpen extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotOpen(String message) {
            super(message);
        }
    }
}
