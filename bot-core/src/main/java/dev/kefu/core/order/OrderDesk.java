package dev.kefu.core.order;

import dev.kefu.core.Checks;
import dev.kefu.core.conversation.ActionProposal;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.OrderThread;
import dev.kefu.core.intent.Understanding;
import java.util.List;
import java.util.Optional;

/**
 * The orders stage, read by the pipeline right after understanding: a message about the shopper's
 * orders ("where is my order N", "我的订单到哪了", a number or four digits the bot asked for) is
 * answered from the store's orders instead of the knowledge; any other message is left to the
 * knowledge stages. Who may see an order is decided here, in code.
 */
public interface OrderDesk {
    /** The answer to {@code question} when it is about orders; empty when it is not. */
    Optional<Turn> answer(Question question);

    /** A bot that knows no orders: every message goes to the knowledge. */
    static OrderDesk none() {
        return question -> Optional.empty();
    }

    /**
     * One shopper message, as the stage sees it.
     *
     * @param text what the shopper wrote
     * @param nlu what stage ② understood of it (the reply language)
     * @param conversation the conversation, this message included (its shopper, its order thread)
     */
    record Question(String text, Understanding nlu, Conversation conversation) {
        public Question {
            Checks.requireNonNull("text", text);
            Checks.requireNonNull("nlu", nlu);
            Checks.requireNonNull("conversation", conversation);
        }
    }

    /**
     * The stage's answer.
     *
     * @param text what the shopper reads, in the reply language
     * @param thread what the conversation knows of its orders after it
     * @param offerPerson whether a person is offered (a late order, the digits tried too often, the
     *     store's system down)
     * @param shown the orders the answer shows (for cards and the agent's context), only ever the
     *     shopper's own
     * @param proposal the after-sales action the answer states and asks the shopper to confirm
     *     ({@link OrderActions#propose}), or {@code null}; the thread holds it as pending
     */
    record Turn(String text, OrderThread thread, boolean offerPerson, List<Order> shown, ActionProposal proposal) {
        public Turn {
            Checks.requireText("turn.text", text);
            Checks.requireNonNull("turn.thread", thread);
            shown = Checks.copyOf("turn.shown", shown);
            if (proposal != null && !proposal.equals(thread.pending())) {
                throw new IllegalArgumentException("turn.proposal must be the thread's pending proposal");
            }
        }

        /** An answer that proposes nothing. */
        public Turn(String text, OrderThread thread, boolean offerPerson, List<Order> shown) {
            this(text, thread, offerPerson, shown, null);
        }
    }
}
