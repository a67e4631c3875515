package dev.kefu.core.conversation;

import dev.kefu.core.Checks;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.sentiment.SentimentTrend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The state of one conversation, immutable: every change makes a new value that is saved to the
 * {@link ConversationStore}.
 *
 * @param id the conversation id
 * @param shopper the shopper and their tags as last reported
 * @param state who is serving it
 * @param messages the transcript, in order
 * @param sentiment the running sentiment of the shopper's messages
 * @param consecutiveFallbacks bot answers in a row that found nothing or that the shopper said
 *     did not help
 * @param ticket the latest hand-off, or {@code null} if it never went to a person
 * @param linesShown the marketing lines the conversation was shown, in order ({@link
 *     dev.kefu.core.slot.SlotGuard#key}), so a line goes out once and the per-conversation cap holds
 * @param subject the product the shopper named last, or {@code null}
 * @param orderThread what it knows of the orders it is about ({@link OrderThread#NONE} if none)
 * @param createdAt when the first message arrived
 * @param updatedAt when it last changed
 */
public record Conversation(
        String id,
        ShopperContext shopper,
        ConversationState state,
        List<ConversationMessage> messages,
        SentimentTrend sentiment,
        int consecutiveFallbacks,
        HandoffTicket ticket,
        List<String> linesShown,
        Subject subject,
        OrderThread orderThread,
        Instant createdAt,
        Instant updatedAt) {

    public Conversation {
        Checks.requireText("conversation.id", id);
        Checks.requireAllNonNull(
                "conversation",
                "shopper state sentiment orderThread createdAt updatedAt",
                shopper,
                state,
                sentiment,
                orderThread,
                createdAt,
                updatedAt);
        messages = Checks.copyOf("conversation.messages", messages);
        linesShown = Checks.copyOf("conversation.linesShown", linesShown);
        Checks.requireNonNegative("conversation.consecutiveFallbacks", consecutiveFallbacks);
        if (subject != null && subject.seq() > messages.size()) {
            throw new IllegalArgumentException(
                    "conversation.subject names message " + subject.seq() + " of " + messages.size());
        }
        if ((state == ConversationState.QUEUED || state == ConversationState.AGENT) && ticket == null) {
            throw new IllegalArgumentException("a " + state.code() + " conversation needs a hand-off ticket");
        }
        if (state == ConversationState.AGENT && ticket.agent() == null) {
            throw new IllegalArgumentException("an agent-owned conversation needs a ticket with its agent");
        }
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).seq() != i + 1) {
                throw new IllegalArgumentException("conversation.messages must be numbered 1.." + messages.size()
                        + " without gaps, found seq " + messages.get(i).seq() + " at position " + (i + 1));
            }
        }
    }

    /** A new conversation with no messages, served by the bot. */
    public static Conversation start(String id, ShopperContext shopper, Instant now) {
        return new Conversation(
                id,
                shopper,
                ConversationState.BOT,
                List.of(),
                SentimentTrend.start(),
                0,
                null,
                List.of(),
                null,
                OrderThread.NONE,
                now,
                now);
    }

    /** The sequence number the next message will get. */
    public long nextSeq() {
        return messages.size() + 1L;
    }

    public Conversation append(Speaker from, String text, List<Citation> citations, Instant at) {
        return append(new ConversationMessage(nextSeq(), from, text, at, citations));
    }

    /** Appends a message written by an agent. */
    public Conversation appendFromAgent(String agent, String text, Instant at) {
        return append(new ConversationMessage(nextSeq(), Speaker.AGENT, text, at, List.of(), agent, null));
    }

    private Conversation append(ConversationMessage message) {
        List<ConversationMessage> more = new ArrayList<>(messages);
        more.add(message);
        return change(next -> {
            next.messages = more;
            next.updatedAt = message.at();
        });
    }

    /** Attaches what the bot understood to message {@code seq} (a shopper message). */
    public Conversation withSignals(long seq, MessageSignals signals) {
        List<ConversationMessage> changed = new ArrayList<>(messages);
        int index = (int) seq - 1;
        changed.set(index, changed.get(index).withSignals(signals));
        return change(next -> next.messages = changed);
    }

    public Conversation withShopper(ShopperContext newShopper) {
        return change(next -> next.shopper = newShopper);
    }

    public Conversation withSentiment(SentimentTrend trend) {
        return change(next -> next.sentiment = trend);
    }

    public Conversation withConsecutiveFallbacks(int count) {
        return change(next -> next.consecutiveFallbacks = count);
    }

    /** With these lines shown too (after a reply that carried them). */
    public Conversation withLinesShown(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new ArrayList<>(linesShown);
        all.addAll(more);
        return change(next -> next.linesShown = all);
    }

    /** About this product from now on. */
    public Conversation withSubject(Subject newSubject) {
        return change(next -> next.subject = newSubject);
    }

    /** This conversation knowing {@code thread} of its orders. */
    public Conversation withOrderThread(OrderThread thread) {
        return change(next -> next.orderThread = thread);
    }

    /** Into the queue with this ticket; the fallback count starts over. */
    public Conversation queued(HandoffTicket newTicket, Instant at) {
        return change(next -> {
            next.state = ConversationState.QUEUED;
            next.consecutiveFallbacks = 0;
            next.ticket = newTicket;
            next.updatedAt = at;
        });
    }

    /** Changes who serves it, keeping the ticket (or replacing it, when {@code newTicket} is given). */
    public Conversation withState(ConversationState newState, HandoffTicket newTicket, Instant at) {
        return change(next -> {
            next.state = newState;
            next.ticket = newTicket;
            next.updatedAt = at;
        });
    }

    public Conversation withState(ConversationState newState) {
        return withState(newState, ticket, updatedAt);
    }

    /** Messages with a sequence number greater than {@code seq}. */
    public List<ConversationMessage> messagesAfter(long seq) {
        int from = (int) Math.min(Math.max(seq, 0), messages.size());
        return messages.subList(from, messages.size());
    }

    /**
     * The shopper's language, for the texts people and the system send them: the reply language of
     * the latest analysed shopper message, else the hand-off's, else Chinese.
     */
    public Language language() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).signals() != null) {
                return messages.get(i).signals().language();
            }
        }
        return ticket != null ? ticket.language() : Language.ZH;
    }

    /** The agent who owns it, or {@code null} unless its state is {@link ConversationState#AGENT}. */
    public String owner() {
        return state == ConversationState.AGENT ? ticket.agent() : null;
    }

    /** This conversation with the changes {@code edit} makes to a copy of its fields. */
    private Conversation change(Consumer<Fields> edit) {
        Fields next = new Fields(this);
        edit.accept(next);
        return next.build();
    }

    /** A conversation's fields, for the withers to change a few of and build the next value. */
    private static final class Fields {
        private final String id;
        private ShopperContext shopper;
        private ConversationState state;
        private List<ConversationMessage> messages;
        private SentimentTrend sentiment;
        private int consecutiveFallbacks;
        private HandoffTicket ticket;
        private List<String> linesShown;
        private Subject subject;
        private OrderThread orderThread;
        private final Instant createdAt;
        private Instant updatedAt;

        Fields(Conversation c) {
            id = c.id;
            shopper = c.shopper;
            state = c.state;
            messages = c.messages;
            sentiment = c.sentiment;
            consecutiveFallbacks = c.consecutiveFallbacks;
            ticket = c.ticket;
            linesShown = c.linesShown;
            subject = c.subject;
            orderThread = c.orderThread;
            createdAt = c.createdAt;
            updatedAt = c.updatedAt;
        }

        Conversation build() {
            return new Conversation(
                    id,
                    shopper,
                    state,
                    messages,
                    sentiment,
                    consecutiveFallbacks,
                    ticket,
                    linesShown,
                    subject,
                    orderThread,
                    createdAt,
                    updatedAt);
        }
    }
}
