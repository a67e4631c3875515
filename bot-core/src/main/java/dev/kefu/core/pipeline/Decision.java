package dev.kefu.core.pipeline;

import dev.kefu.core.Checks;
import dev.kefu.core.compose.Answer;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.order.Order;
import dev.kefu.core.slot.Slot;
import java.util.List;
import java.util.function.Function;

/**
 * Stage ⑥ output: what happens with a message. Sealed, so every channel handles both outcomes.
 */
public sealed interface Decision permits Decision.Reply, Decision.Handoff {

    /**
     * Applies the function for this decision's case. Java 17 has no exhaustive switch over sealed
     * types, so this is how callers are made to handle both outcomes.
     */
    <R> R fold(Function<Reply, R> onReply, Function<Handoff, R> onHandoff);

    /**
     * The bot answers, with the marketing slots that passed the guard rails, the quick replies
     * shown under the answer (a person offered to a mildly frustrated shopper) and the orders the
     * answer shows (the channel renders them as cards; only ever the shopper's own, which the
     * orders stage decided).
     */
    record Reply(Answer answer, List<Slot> slots, List<QuickReply> quickReplies, List<Order> orders)
            implements Decision {
        public Reply {
            Checks.requireNonNull("answer", answer);
            slots = Checks.copyOf("slots", slots);
            quickReplies = Checks.copyOf("quickReplies", quickReplies);
            orders = Checks.copyOf("orders", orders);
        }

        /** A reply that shows no orders. */
        public Reply(Answer answer, List<Slot> slots, List<QuickReply> quickReplies) {
            this(answer, slots, quickReplies, List.of());
        }

        /** A reply without quick replies. */
        public Reply(Answer answer, List<Slot> slots) {
            this(answer, slots, List.of());
        }

        @Override
        public <R> R fold(Function<Reply, R> onReply, Function<Handoff, R> onHandoff) {
            return onReply.apply(this);
        }
    }

    /**
     * A person takes over. The shopper is told so ({@code notice}); no marketing goes out.
     *
     * @param ticket the queue ticket: which trigger fired and what it saw, the priority, the due time
     * @param notice what the shopper is told, with the expected wait
     */
    record Handoff(HandoffTicket ticket, Answer notice) implements Decision {
        public Handoff {
            Checks.requireNonNull("ticket", ticket);
            Checks.requireNonNull("notice", notice);
        }

        public HandoffTrigger trigger() {
            return ticket.trigger();
        }

        @Override
        public <R> R fold(Function<Reply, R> onReply, Function<Handoff, R> onHandoff) {
            return onHandoff.apply(this);
        }
    }
}
