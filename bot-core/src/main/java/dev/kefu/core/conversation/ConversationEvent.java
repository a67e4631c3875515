package dev.kefu.core.conversation;

import dev.kefu.core.Checks;
import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.slot.SuppressionReason;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Something that happened to a conversation besides a message: a decision, a hand-off, an agent's
 * action, a rating. Stored with the conversation in the same write, so the record of who did what,
 * when and why is never behind the transcript.
 *
 * <p>One record per kind of event, each with typed, validated values; readers tell them apart with
 * {@code instanceof}. A store keeps them as they are or through one codec (the database's), never
 * as loose key-value pairs.
 */
public sealed interface ConversationEvent {
    String BOT = "bot";
    String SHOPPER = "shopper";
    String SYSTEM = "system";

    /** The actor of an agent's events. */
    static String agent(String name) {
        return "agent:" + name;
    }

    String conversationId();

    /** When it happened. */
    Instant at();

    /** Who did it: {@value #BOT}, {@value #SHOPPER}, {@value #SYSTEM} or {@code agent:<name>}. */
    String actor();

    /** What kind of event it is; {@link Type#code()} is what is stored and shown. */
    default Type type() {
        return Type.of(this);
    }

    /** The marketing lines stage ⑥ dropped with this decision, by reason; empty for other events. */
    default Set<SuppressionReason> suppressed() {
        return Set.of();
    }

    /** The kinds of event, one per record. */
    enum Type {
        /** {@link Replied}. */
        REPLY(Replied.class),
        /** {@link HandedOff}. */
        HANDOFF(HandedOff.class),
        /** {@link Claimed}. */
        CLAIM(Claimed.class),
        /** {@link Released}. */
        RELEASE(Released.class),
        /** {@link Closed}. */
        CLOSE(Closed.class),
        /** {@link WentOverdue}. */
        OVERDUE(WentOverdue.class),
        /** {@link Rated}. */
        RATING(Rated.class),
        /** {@link FeedbackGiven}. */
        FEEDBACK(FeedbackGiven.class),
        /** {@link ActionProposed}. */
        ACTION_PROPOSED(ActionProposed.class),
        /** {@link ActionConfirmed}. */
        ACTION_CONFIRMED(ActionConfirmed.class),
        /** {@link ActionDeclined}. */
        ACTION_DECLINED(ActionDeclined.class),
        /** {@link ActionResult}. */
        ACTION_RESULT(ActionResult.class);

        private final Class<? extends ConversationEvent> record;

        Type(Class<? extends ConversationEvent> record) {
            this.record = record;
        }

        /** The record class of this kind of event. */
        public Class<? extends ConversationEvent> record() {
            return record;
        }

        static Type of(ConversationEvent event) {
            for (Type type : values()) {
                if (type.record == event.getClass()) {
                    return type;
                }
            }
            throw new IllegalStateException("no type for " + event.getClass());
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** What an agent did; its actor is {@code agent:<name>}. */
    sealed interface ByAgent extends ConversationEvent {
        /** The agent's name. */
        String agent();

        @Override
        default String actor() {
            return ConversationEvent.agent(agent());
        }
    }

    /** What the shopper did. */
    sealed interface ByShopper extends ConversationEvent {
        @Override
        default String actor() {
            return SHOPPER;
        }
    }

    /**
     * The bot's turn that a decision records: what it understood of the shopper's message, how the
     * answer was written and which marketing lines it dropped.
     *
     * @param seq the sequence number of the bot's message (the answer or the hand-off notice)
     * @param signals what the bot understood of the shopper's message
     * @param trace how the answer was written
     * @param suppressed why proposed lines were dropped
     */
    record Turn(long seq, MessageSignals signals, AnswerTrace trace, Set<SuppressionReason> suppressed) {
        public Turn {
            Checks.requirePositive("turn.seq", seq);
            Checks.requireNonNull("turn.signals", signals);
            Checks.requireNonNull("turn.trace", trace);
            suppressed = Checks.copyOfSet("turn.suppressed", suppressed);
        }
    }

    /**
     * The bot replied to a shopper message.
     *
     * @param turn what the bot understood, how it wrote the answer, which lines it dropped
     * @param answerKind how the answer came about
     * @param citations the ids of the entries the answer cited
     * @param slots the lines that went out with it ({@link dev.kefu.core.slot.SlotGuard#key}; hold-outs
     *     are not shown and not listed)
     */
    record Replied(
            String conversationId,
            Instant at,
            Turn turn,
            AnswerKind answerKind,
            List<String> citations,
            List<String> slots)
            implements ConversationEvent {
        public Replied {
            requireCommon(conversationId, at);
            Checks.requireAllNonNull("event", "turn answerKind", turn, answerKind);
            citations = Checks.copyOf("event.citations", citations);
            slots = Checks.copyOf("event.slots", slots);
        }

        @Override
        public String actor() {
            return BOT;
        }

        @Override
        public Set<SuppressionReason> suppressed() {
            return turn.suppressed();
        }
    }

    /**
     * The conversation went to the queue: the bot's decision on a shopper message (with its {@code
     * turn}), or the system's when the shopper said the answers did not help ({@code turn} null).
     *
     * @param trigger which trigger fired and the values it saw
     * @param priority the ticket's priority
     * @param turn the bot's turn, or {@code null} when the system handed it off
     */
    record HandedOff(String conversationId, Instant at, HandoffTrigger trigger, Priority priority, Turn turn)
            implements ConversationEvent {
        public HandedOff {
            requireCommon(conversationId, at);
            Checks.requireAllNonNull("event", "trigger priority", trigger, priority);
        }

        @Override
        public String actor() {
            return turn == null ? SYSTEM : BOT;
        }

        @Override
        public Set<SuppressionReason> suppressed() {
            return turn == null ? Set.of() : turn.suppressed();
        }
    }

    /**
     * An agent took a waiting conversation.
     *
     * @param waitedSeconds how long it had waited
     * @param priority its priority when claimed
     */
    record Claimed(String conversationId, Instant at, String agent, long waitedSeconds, Priority priority)
            implements ByAgent {
        public Claimed {
            requireByAgent(conversationId, at, agent);
            Checks.requireNonNegative("event.waitedSeconds", waitedSeconds);
            Checks.requireNonNull("event.priority", priority);
        }
    }

    /** An agent handed the conversation back to the bot. */
    record Released(String conversationId, Instant at, String agent) implements ByAgent {
        public Released {
            requireByAgent(conversationId, at, agent);
        }
    }

    /**
     * An agent ended the conversation.
     *
     * @param from the state it was in ({@code agent}, or {@code queued} when closed unclaimed)
     */
    record Closed(String conversationId, Instant at, String agent, ConversationState from) implements ByAgent {
        public Closed {
            requireByAgent(conversationId, at, agent);
            Checks.requireNonNull("event.from", from);
        }
    }

    /**
     * Nobody claimed the conversation in time; the queue's overdue actions ran.
     *
     * @param actions the configured actions, in order ({@code notify}, {@code offer_message}, {@code
     *     raise_priority})
     * @param waitedSeconds how long it had waited
     * @param priority its priority before
     * @param newPriority its priority after
     */
    record WentOverdue(
            String conversationId,
            Instant at,
            List<String> actions,
            long waitedSeconds,
            Priority priority,
            Priority newPriority)
            implements ConversationEvent {
        public WentOverdue {
            requireCommon(conversationId, at);
            actions = Checks.copyOf("event.actions", actions);
            Checks.requireNonNegative("event.waitedSeconds", waitedSeconds);
            Checks.requireAllNonNull("event", "priority newPriority", priority, newPriority);
        }

        @Override
        public String actor() {
            return SYSTEM;
        }
    }

    /**
     * The shopper rated the conversation.
     *
     * @param score 1 to 5
     * @param comment what they wrote, or {@code null}
     * @param agent the agent who last served the conversation, or {@code null}
     */
    record Rated(String conversationId, Instant at, int score, String comment, String agent) implements ByShopper {
        public Rated {
            requireCommon(conversationId, at);
            if (score < 1 || score > 5) {
                throw new IllegalArgumentException("event.score must be 1..5, was " + score);
            }
            if (comment != null) {
                Checks.requireText("event.comment", comment);
            }
            if (agent != null) {
                Checks.requireText("event.agent", agent);
            }
        }
    }

    /**
     * The shopper said whether a bot answer helped.
     *
     * @param seq the answer's sequence number
     */
    record FeedbackGiven(String conversationId, Instant at, long seq, boolean helpful) implements ByShopper {
        public FeedbackGiven {
            requireCommon(conversationId, at);
            Checks.requirePositive("event.seq", seq);
        }
    }

    /**
     * The bot proposed an after-sales action and asked the shopper to confirm it.
     *
     * @param seq the bot message that stated it
     * @param request what would be done
     */
    record ActionProposed(String conversationId, Instant at, long seq, ActionRequest request)
            implements ConversationEvent {
        public ActionProposed {
            requireAction(conversationId, at, seq, request);
        }

        @Override
        public String actor() {
            return BOT;
        }
    }

    /**
     * The shopper confirmed the proposal of bot message {@code seq}.
     *
     * @param idempotencyKey the confirmation's id sent to the store's service
     */
    record ActionConfirmed(String conversationId, Instant at, long seq, ActionRequest request, String idempotencyKey)
            implements ByShopper {
        public ActionConfirmed {
            requireAction(conversationId, at, seq, request);
            Checks.requireText("event.idempotencyKey", idempotencyKey);
        }
    }

    /** The shopper declined the proposal of bot message {@code seq}: nothing was done. */
    record ActionDeclined(String conversationId, Instant at, long seq, ActionRequest request) implements ByShopper {
        public ActionDeclined {
            requireAction(conversationId, at, seq, request);
        }
    }

    /**
     * What became of a confirmed action.
     *
     * @param seq the bot message that proposed it
     * @param outcome done, for agents, no longer allowed, or failed
     * @param reference the store's reference for it (a return's number), or {@code null}
     * @param detail why it failed ({@code timeout}, {@code status 503}, ...), or {@code null}
     */
    record ActionResult(
            String conversationId,
            Instant at,
            long seq,
            ActionRequest request,
            ActionOutcome outcome,
            String reference,
            String detail)
            implements ConversationEvent {
        public ActionResult {
            requireAction(conversationId, at, seq, request);
            Checks.requireNonNull("event.outcome", outcome);
        }

        @Override
        public String actor() {
            return SYSTEM;
        }
    }

    private static void requireCommon(String conversationId, Instant at) {
        Checks.requireText("event.conversationId", conversationId);
        Checks.requireNonNull("event.at", at);
    }

    /** An agent's event: the agent is named. */
    private static void requireByAgent(String conversationId, Instant at, String agent) {
        requireCommon(conversationId, at);
        Checks.requireText("event.agent", agent);
    }

    /** An event about an after-sales action: the bot message that proposed it and what it asks. */
    private static void requireAction(String conversationId, Instant at, long seq, ActionRequest request) {
        requireCommon(conversationId, at);
        Checks.requirePositive("event.seq", seq);
        Checks.requireNonNull("event.request", request);
    }
}
