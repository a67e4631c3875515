package dev.kefu.core.analytics;

import dev.kefu.core.Checks;
import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.intent.Language;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one conversation counts for in the service figures, by the definitions of {@code
 * docs/ANALYTICS.md}. Derived from the conversation and all its events by {@link #of}, and stored
 * beside the conversation in the same write, so the figures are sums over one row per
 * conversation and never behind the transcript.
 *
 * @param conversationId the conversation
 * @param shopperId who wrote (a return on the same question is looked for by this id), or {@code null}
 * @param language the language the bot answered the first analysed shopper message in
 * @param startedAt when the conversation started (the window selects on this)
 * @param lastAt when its last message was written
 * @param firstIntent the intent of its first analysed shopper message, or {@code null}
 * @param outcome its outcome as stored: {@link Outcome#PENDING} becomes assumed or abandoned with time
 *     and returns ({@link Outcome#at})
 * @param handoffReason the first hand-off's trigger, or {@code null}
 * @param botFirstMs from the first shopper message to the bot's first reply, or {@code null}
 * @param agentFirstSeconds from the first hand-off to the first message a person wrote, or {@code null}
 * @param queueWaitSeconds from the first hand-off to the first claim, or {@code null}
 * @param handlingSeconds the claims' durations to their release or close, summed, or {@code null}
 * @param agent the agent who first claimed it, or {@code null}
 * @param slaHit claimed before it went overdue ({@code true}), overdue before a claim ({@code
 *     false}), or neither yet ({@code null})
 * @param rating the shopper's 1-5 rating, or {@code null}
 * @param agentServed whether a person claimed it
 * @param minSentiment the lowest sentiment of a shopper message, or {@code null}
 * @param lastSentiment the last analysed shopper message's sentiment, or {@code null}
 * @param linesShown how many marketing lines went out with the bot's replies
 */
public record ConversationFacts(
        String conversationId,
        String shopperId,
        Language language,
        Instant startedAt,
        Instant lastAt,
        String firstIntent,
        Outcome outcome,
        HandoffReason handoffReason,
        Long botFirstMs,
        Long agentFirstSeconds,
        Long queueWaitSeconds,
        Long handlingSeconds,
        String agent,
        Boolean slaHit,
        Integer rating,
        boolean agentServed,
        Double minSentiment,
        Double lastSentiment,
        int linesShown) {
    public ConversationFacts {
        Checks.requireText("facts.conversationId", conversationId);
        Checks.requireAllNonNull("facts", "language startedAt lastAt outcome", language, startedAt, lastAt, outcome);
        if (outcome == Outcome.ASSUMED) {
            throw new IllegalArgumentException("facts.outcome is stored as pending; assumed comes with time");
        }
        if ((outcome == Outcome.HANDED_OFF) != (handoffReason != null)) {
            throw new IllegalArgumentException("facts.handoffReason is given exactly when the outcome is handed_off");
        }
    }

    /**
     * The intent of the conversation's first analysed shopper message, or {@code null} (a store marks
     * returns once, when this becomes known).
     */
    public static String firstIntent(Conversation c) {
        for (ConversationMessage m : c.messages()) {
            if (m.from() == Speaker.SHOPPER && m.signals() != null) {
                return m.signals().intent();
            }
        }
        return null;
    }

    /**
     * The facts of a conversation from the conversation and all its events, in the order they
     * happened: what the shopper's messages and the bot's replies show, what the agents did, and how
     * the conversation ended.
     */
    public static ConversationFacts of(Conversation c, List<ConversationEvent> events) {
        List<ConversationMessage> messages = c.messages();
        Shopper shopper = Shopper.of(messages);
        Agents agents = Agents.of(messages, events);
        Ending ending = Ending.of(events);
        Instant lastAt = messages.isEmpty()
                ? c.updatedAt()
                : messages.get(messages.size() - 1).at();
        return new ConversationFacts(
                c.id(),
                c.shopper().id(),
                shopper.language == null ? c.language() : shopper.language,
                c.createdAt(),
                lastAt,
                shopper.firstIntent,
                ending.outcome(agents.reason),
                agents.reason,
                shopper.botFirstMs,
                agents.agentFirst,
                agents.queueWait,
                agents.handled ? agents.handlingMs / 1000 : null,
                agents.agent,
                agents.slaHit,
                ending.rating,
                agents.served,
                shopper.minSentiment,
                shopper.lastSentiment,
                ending.lines);
    }

    /** What the messages show: the first analysed shopper message, the sentiments, the bot's first reply. */
    private static final class Shopper {
        String firstIntent;
        Language language;
        Double minSentiment;
        Double lastSentiment;
        Long botFirstMs;

        static Shopper of(List<ConversationMessage> messages) {
            Shopper s = new Shopper();
            Instant firstShopperAt = null;
            for (ConversationMessage m : messages) {
                if (m.from() == Speaker.SHOPPER) {
                    if (firstShopperAt == null) {
                        firstShopperAt = m.at();
                    }
                    if (m.signals() != null) {
                        if (s.firstIntent == null) {
                            s.firstIntent = m.signals().intent();
                            s.language = m.signals().language();
                        }
                        double score = m.signals().sentiment();
                        s.minSentiment = s.minSentiment == null ? score : Math.min(s.minSentiment, score);
                        s.lastSentiment = score;
                    }
                } else if (m.from() == Speaker.BOT && s.botFirstMs == null && firstShopperAt != null) {
                    s.botFirstMs =
                            Math.max(0, Duration.between(firstShopperAt, m.at()).toMillis());
                }
            }
            return s;
        }
    }

    /** What the hand-off events and the agents' messages show: the wait, the claim, the handling time. */
    private static final class Agents {
        HandoffReason reason;
        Long queueWait;
        String agent;
        Boolean slaHit;
        long handlingMs;
        boolean handled;
        boolean served;
        Long agentFirst;

        static Agents of(List<ConversationMessage> messages, List<ConversationEvent> events) {
            Agents a = new Agents();
            Instant handedOffAt = null;
            boolean overdueBeforeClaim = false;
            Instant claimedAt = null;
            for (ConversationEvent e : events) {
                if (e instanceof ConversationEvent.HandedOff h) {
                    if (a.reason == null) {
                        a.reason = h.trigger().reason();
                        handedOffAt = h.at();
                    }
                } else if (e instanceof ConversationEvent.Claimed claim) {
                    a.served = true;
                    if (a.agent == null) {
                        a.agent = claim.agent();
                        a.queueWait = claim.waitedSeconds();
                    }
                    if (a.slaHit == null && a.reason != null) {
                        a.slaHit = !overdueBeforeClaim;
                    }
                    claimedAt = claim.at();
                } else if (e instanceof ConversationEvent.WentOverdue) {
                    if (a.slaHit == null && a.agent == null) {
                        overdueBeforeClaim = true;
                        a.slaHit = false;
                    }
                } else if (e instanceof ConversationEvent.Released || e instanceof ConversationEvent.Closed) {
                    if (claimedAt != null) {
                        a.handlingMs +=
                                Math.max(0, Duration.between(claimedAt, e.at()).toMillis());
                        a.handled = true;
                        claimedAt = null;
                    }
                }
            }
            if (handedOffAt != null) {
                for (ConversationMessage m : messages) {
                    if (m.from() == Speaker.AGENT && !m.at().isBefore(handedOffAt)) {
                        a.agentFirst = Duration.between(handedOffAt, m.at()).toSeconds();
                        break;
                    }
                }
            }
            return a;
        }
    }

    /** What the shopper's verdicts, rating and the bot's replies show of how the conversation ended. */
    private static final class Ending {
        Integer rating;
        AnswerKind lastReply;
        boolean grounded;
        int lines;
        final Map<Long, Boolean> verdicts = new HashMap<>();

        static Ending of(List<ConversationEvent> events) {
            Ending end = new Ending();
            for (ConversationEvent e : events) {
                if (e instanceof ConversationEvent.Rated r) {
                    end.rating = r.score();
                } else if (e instanceof ConversationEvent.FeedbackGiven f) {
                    end.verdicts.put(f.seq(), f.helpful());
                } else if (e instanceof ConversationEvent.Replied r) {
                    end.lastReply = r.answerKind();
                    end.grounded |= r.answerKind() == AnswerKind.GROUNDED;
                    end.lines += r.slots().size();
                }
            }
            return end;
        }

        Outcome outcome(HandoffReason reason) {
            boolean helped = verdicts.containsValue(true);
            boolean didNotHelp = verdicts.containsValue(false);
            if (reason != null) {
                return Outcome.HANDED_OFF;
            } else if ((helped && !didNotHelp) || (rating != null && rating >= 4)) {
                return Outcome.CONFIRMED;
            } else if (lastReply == AnswerKind.FALLBACK) {
                return Outcome.UNANSWERED;
            } else if (didNotHelp || rating != null || !grounded) {
                return Outcome.ABANDONED; // a rating here is 1-3
            }
            return Outcome.PENDING;
        }
    }
}
