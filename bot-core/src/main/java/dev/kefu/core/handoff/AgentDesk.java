package dev.kefu.core.handoff;

import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.ReplyTexts;
import dev.kefu.core.config.HandoffConfig;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationLocks;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.conversation.HandoffListing;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.DeskException.Reason;
import dev.kefu.core.sentiment.SentimentTrend;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What people do with handed-off conversations: agents claim, reply, hand back to the bot and
 * close; shoppers rate and give feedback; the queue's timer runs overdue actions. Every change is
 * made under the conversation's lock (shared with the pipeline), saved with its event, and so
 * reaches the widget and the desk through the store's observers. Thread-safe.
 */
public record AgentDesk(
        ConversationStore store,
        ConversationLocks locks,
        HandoffQueue handoffQueue,
        HandoffConfig handoff,
        ConversationSummarizer summarizer,
        Clock clock) {
    public static final int MAX_COMMENT_CHARS = 1000;

    /** The waiting conversations, highest priority and longest waiting first. */
    public List<HandoffListing> queue() {
        return store.handedOff(Set.of(ConversationState.QUEUED)).stream()
                .sorted(HandoffQueue.LISTED)
                .toList();
    }

    /** The conversations this agent owns, longest owned first. */
    public List<HandoffListing> ownedBy(String agent) {
        return store.handedOff(Set.of(ConversationState.AGENT)).stream()
                .filter(c -> agent.equals(c.owner()))
                .sorted(java.util.Comparator.comparing(c -> c.ticket().claimedAt()))
                .toList();
    }

    public Conversation get(String conversationId) {
        return store.find(conversationId).orElseThrow(() -> notFound(conversationId));
    }

    public ContextPacket context(Conversation conversation) {
        return ContextPacket.of(conversation, summarizer);
    }

    public List<ConversationEvent> events(String conversationId) {
        return store.events(conversationId);
    }

    /** How long a conversation with this ticket is expected to wait, in minutes (its target). */
    public long expectedWaitMinutes(HandoffTicket ticket) {
        return handoffQueue.target(ticket.priority()).toMinutes();
    }

    /** Takes a waiting conversation; claiming one's own conversation again changes nothing. */
    public Conversation claim(String conversationId, String agent) {
        return change(conversationId, c -> {
            if (c.state() == ConversationState.AGENT) {
                if (agent.equals(c.owner())) {
                    return null;
                }
                throw new DeskException(
                        Reason.ALREADY_CLAIMED, "Conversation " + conversationId + " was claimed by another agent.");
            }
            requireQueued(c);
            Instant now = clock.instant();
            return new Change(
                    c.withState(ConversationState.AGENT, c.ticket().claimedBy(agent, now), now)
                            .append(
                                    Speaker.SYSTEM,
                                    ReplyTexts.AGENT_JOINED.format(c.language(), agent),
                                    List.of(),
                                    now),
                    new ConversationEvent.Claimed(
                            c.id(),
                            now,
                            agent,
                            Math.max(
                                    0,
                                    java.time.Duration.between(c.ticket().queuedAt(), now)
                                            .toSeconds()),
                            c.ticket().priority()));
        });
    }

    /** The owner's message to the shopper. */
    public Conversation reply(String conversationId, String agent, String text) {
        return change(conversationId, c -> {
            requireOwner(c, agent);
            return new Change(c.appendFromAgent(agent, text, clock.instant()), List.of());
        });
    }

    /**
     * Hands the conversation back to the bot, which answers the shopper's next message. The running
     * sentiment starts over: the person dealt with what upset the shopper, and the old mood would
     * otherwise hand the very next question straight back.
     */
    public Conversation release(String conversationId, String agent) {
        return change(conversationId, c -> {
            requireOwner(c, agent);
            Instant now = clock.instant();
            return new Change(
                    leftByAgent(c, ConversationState.BOT, ReplyTexts.AGENT_RELEASED, now),
                    new ConversationEvent.Released(c.id(), now, agent));
        });
    }

    /**
     * Ends the conversation and asks the shopper for a rating. The owner closes it; a waiting
     * conversation (spam, a shopper who left) may be closed by any agent.
     */
    public Conversation close(String conversationId, String agent) {
        return change(conversationId, c -> {
            if (c.state() != ConversationState.QUEUED) {
                requireOwner(c, agent);
            }
            Instant now = clock.instant();
            return new Change(
                    leftByAgent(c, ConversationState.CLOSED, ReplyTexts.CLOSED, now),
                    new ConversationEvent.Closed(c.id(), now, agent, c.state()));
        });
    }

    /**
     * The shopper's 1-5 rating of the conversation, with an optional comment. A conversation is
     * rated once: a second rating is refused ({@link Reason#ALREADY_RATED}), so one shopper cannot
     * stuff the satisfaction figures.
     */
    public Conversation rate(String conversationId, int score, String comment) {
        if (score < 1 || score > 5) {
            throw new IllegalArgumentException("score must be 1..5, was " + score);
        }
        if (comment != null && comment.length() > MAX_COMMENT_CHARS) {
            throw new IllegalArgumentException("comment must be at most " + MAX_COMMENT_CHARS + " characters");
        }
        return change(conversationId, c -> {
            if (store.events(c.id()).stream().anyMatch(ConversationEvent.Rated.class::isInstance)) {
                throw new DeskException(Reason.ALREADY_RATED, "Conversation " + c.id() + " is already rated.");
            }
            return new Change(
                    c,
                    new ConversationEvent.Rated(
                            c.id(),
                            clock.instant(),
                            score,
                            comment == null || comment.isBlank() ? null : comment.strip(),
                            c.ticket() == null ? null : c.ticket().agent()));
        });
    }

    /**
     * Records whether bot message {@code seq} helped. With {@code handoff.countNotHelpful}, an
     * answer the shopper says did not help counts like one that found nothing: when the latest
     * answers in a row that found nothing or did not help reach {@code
     * handoff.consecutiveFallbacks}, the conversation is handed off at once.
     */
    public Conversation feedback(String conversationId, long seq, boolean helpful) {
        return change(conversationId, c -> {
            Instant now = clock.instant();
            ConversationEvent recorded = new ConversationEvent.FeedbackGiven(c.id(), now, seq, helpful);
            if (helpful || !handoff.countNotHelpful() || c.state() != ConversationState.BOT) {
                return new Change(c, recorded);
            }
            int failures = failedAnswersInARow(c, seq);
            if (handoff.consecutiveFallbacks() == 0 || failures < handoff.consecutiveFallbacks()) {
                return new Change(c.withConsecutiveFallbacks(failures), recorded);
            }
            HandoffTrigger trigger = new HandoffTrigger(
                    HandoffReason.REPEATED_FALLBACK,
                    Map.of(
                            "fallbacks", Integer.toString(failures),
                            "threshold", Integer.toString(handoff.consecutiveFallbacks()),
                            "notHelpfulSeq", Long.toString(seq)));
            HandoffTicket ticket = handoffQueue.ticket(trigger, c.shopper(), 0.0, c.language(), now);
            return new Change(
                    c.append(Speaker.SYSTEM, handoffQueue.notice(ticket, false), List.of(), now)
                            .queued(ticket, now),
                    List.of(recorded, new ConversationEvent.HandedOff(c.id(), now, trigger, ticket.priority(), null)));
        });
    }

    /**
     * The shopper pressed the quick reply with which bot message {@code seq} offered a person: the
     * conversation goes to the queue at once (reason {@link HandoffReason#SHOPPER_ACCEPTED_OFFER}),
     * told so by a system message. Pressing it again, or once a person has the conversation,
     * changes nothing.
     */
    public Conversation acceptOffer(String conversationId, long seq) {
        return change(conversationId, c -> {
            if (c.state() != ConversationState.BOT) {
                return null;
            }
            Instant now = clock.instant();
            HandoffTrigger trigger =
                    new HandoffTrigger(HandoffReason.SHOPPER_ACCEPTED_OFFER, Map.of("offerSeq", Long.toString(seq)));
            HandoffTicket ticket = handoffQueue.ticket(trigger, c.shopper(), 0.0, c.language(), now);
            return new Change(
                    c.append(Speaker.SYSTEM, handoffQueue.notice(ticket, false), List.of(), now)
                            .queued(ticket, now),
                    new ConversationEvent.HandedOff(c.id(), now, trigger, ticket.priority(), null));
        });
    }

    /**
     * How many of the latest bot answers, counting back from the newest and no further than the
     * last time a person served the conversation, found nothing or did not help (by the shopper's
     * latest verdict on each; {@code notHelpfulSeq} is the one just given), from the recorded
     * decisions and verdicts.
     */
    private int failedAnswersInARow(Conversation c, long notHelpfulSeq) {
        Set<Long> answers = new java.util.HashSet<>();
        Set<Long> fallbacks = new java.util.HashSet<>();
        Map<Long, Boolean> verdicts = new java.util.HashMap<>();
        for (ConversationEvent e : store.events(c.id())) {
            if (e instanceof ConversationEvent.Replied reply) {
                answers.add(reply.turn().seq());
                if (reply.answerKind() == AnswerKind.FALLBACK) {
                    fallbacks.add(reply.turn().seq());
                }
            } else if (e instanceof ConversationEvent.FeedbackGiven verdict) {
                verdicts.put(verdict.seq(), verdict.helpful());
            }
        }
        verdicts.put(notHelpfulSeq, false);
        int streak = 0;
        for (int i = c.messages().size() - 1; i >= 0; i--) {
            ConversationMessage message = c.messages().get(i);
            if (message.from() == Speaker.AGENT || message.from() == Speaker.SYSTEM) {
                break; // a person served the conversation since: answers before that do not count
            }
            if (answers.contains(message.seq())) {
                if (!fallbacks.contains(message.seq()) && verdicts.getOrDefault(message.seq(), true)) {
                    break;
                }
                streak++;
            }
        }
        return streak;
    }

    /**
     * Runs the overdue actions of every waiting conversation whose claim is due; called by a timer
     * every {@code queue.checkSeconds}.
     *
     * @return how many conversations went overdue
     */
    public int checkOverdue() {
        int count = 0;
        for (Conversation waiting : store.queuedDueBy(clock.instant())) {
            Conversation after = change(waiting.id(), c -> {
                Instant now = clock.instant();
                Optional<HandoffQueue.Overdue> overdue = handoffQueue.overdue(c, now);
                if (overdue.isEmpty()) {
                    return null;
                }
                Conversation next =
                        c.withState(ConversationState.QUEUED, overdue.get().ticket(), now);
                for (String notice : overdue.get().notices()) {
                    next = next.append(Speaker.SYSTEM, notice, List.of(), now);
                }
                return new Change(next, overdue.get().event());
            });
            count += after.ticket().overdueCount() > waiting.ticket().overdueCount() ? 1 : 0;
        }
        return count;
    }

    /**
     * The conversation as the agent leaves it (released to the bot, or closed): in {@code state},
     * the count of failed answers and the running sentiment started over, and the system's {@code
     * notice} to the shopper.
     */
    private static Conversation leftByAgent(Conversation c, ConversationState state, ReplyTexts notice, Instant now) {
        return c.withState(state, c.ticket(), now)
                .withConsecutiveFallbacks(0)
                .withSentiment(SentimentTrend.start())
                .append(Speaker.SYSTEM, notice.in(c.language()), List.of(), now);
    }

    /** A change to save: the new conversation and its events. */
    private record Change(Conversation conversation, List<ConversationEvent> events) {
        Change(Conversation conversation, ConversationEvent event) {
            this(conversation, List.of(event));
        }
    }

    /**
     * Reads the conversation under its lock, applies {@code action} and saves the result; an action
     * returning {@code null} changes nothing.
     */
    private Conversation change(String conversationId, java.util.function.Function<Conversation, Change> action) {
        return locks.withLock(conversationId, () -> {
            Conversation current = get(conversationId);
            Change change = action.apply(current);
            if (change == null) {
                return current;
            }
            store.save(change.conversation(), change.events());
            return change.conversation();
        });
    }

    private static void requireQueued(Conversation c) {
        if (c.state() != ConversationState.QUEUED) {
            throw new DeskException(
                    Reason.NOT_QUEUED,
                    "Conversation " + c.id() + " is not waiting for an agent (it is "
                            + c.state().code() + ").");
        }
    }

    private static void requireOwner(Conversation c, String agent) {
        if (c.state() != ConversationState.AGENT || !agent.equals(c.owner())) {
            throw new DeskException(
                    Reason.NOT_OWNER,
                    "Only the agent who claimed conversation " + c.id() + " can do this (it is "
                            + (c.state() == ConversationState.AGENT
                                    ? "owned by another agent"
                                    : c.state().code())
                            + ").");
        }
    }

    private static DeskException notFound(String conversationId) {
        return new DeskException(Reason.NOT_FOUND, "No conversation " + conversationId + ".");
    }
}
