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
        Checks.requireNonNull("facts.language", language);
        Checks.requireNonNull("facts.startedAt", startedAt);
        Checks.requireNonNull("facts.lastAt", lastAt);
        Checks.requireNonNull("facts.outcome", outcome);
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
     * happened.
     */
    public static ConversationFacts of(Conversation c, List<ConversationEvent> events) {
        List<ConversationMessage> messages = c.messages();
        String firstIntent = null;
        Language language = null;
        Double minSentiment = null;
        Double lastSentiment = null;
        Instant firstShopperAt = null;
        Long botFirstMs = null;
        for (ConversationMessage m : messages) {
            if (m.from() == Speaker.SHOPPER) {
                if (firstShopperAt == null) {
                    firstShopperAt = m.at();
                }
                if (m.signals() != null) {
                    if (firstIntent == null) {
                        firstIntent = m.signals().intent();
                        language = m.signals().language();
                    }
                    double score = m.signals().sentiment();
                    minSentiment = minSentiment == null ? score : Math.min(minSentiment, score);
                    lastSentiment = score;
                }
            } else if (m.from() == Speaker.BOT && botFirstMs == null && firstShopperAt != null) {
                botFirstMs =
                        Math.max(0, Duration.between(firstShopperAt, m.at()).toMillis());
            }
        }
        Instant lastAt = messages.isEmpty()
                ? c.updatedAt()
                : messages.get(messages.size() - 1).at();

        HandoffReason reason = null;
        Instant handedOffAt = null;
        Long queueWait = null;
        String agent = null;
        Boolean slaHit = null;
        boolean overdueBeforeClaim = false;
        Instant claimedAt = null;
        long handlingMs = 0;
        boolean handled = false;
        Integer rating = null;
        boolean served = false;
        AnswerKind lastReply = null;
        boolean grounded = false;
        int lines = 0;
        Map<Long, Boolean> verdicts = new HashMap<>();
        for (ConversationEvent e : events) {
            if (e instanceof ConversationEvent.HandedOff h) {
                if (reason == null) {
                    reason = h.trigger().reason();
                    handedOffAt = h.at();
                }
            } else if (e instanceof ConversationEvent.Claimed claim) {
                served = true;
                if (agent == null) {
                    agent = claim.agent();
                    queueWait = claim.waitedSeconds();
                }
                if (slaHit == null && reason != null) {
                    slaHit = !overdueBeforeClaim;
                }
                claimedAt = claim.at();
            } else if (e instanceof ConversationEvent.WentOverdue) {
                if (slaHit == null && agent == null) {
                    overdueBeforeClaim = true;
                    slaHit = false;
                }
            } else if (e instanceof ConversationEvent.Released || e instanceof ConversationEvent.Closed) {
                if (claimedAt != null) {
                    handlingMs +=
                            Math.max(0, Duration.between(claimedAt, e.at()).toMillis());
                    handled = true;
                    claimedAt = null;
                }
            } else if (e instanceof ConversationEvent.Rated r) {
                rating = r.score();
            } else if (e instanceof ConversationEvent.FeedbackGiven f) {
                verdicts.put(f.seq(), f.helpful());
            } else if (e instanceof ConversationEvent.Replied r) {
                lastReply = r.answerKind();
                grounded |= r.answerKind() == AnswerKind.GROUNDED;
                lines += r.slots().size();
            }
        }
        Long agentFirst = null;
        if (handedOffAt != null) {
            for (ConversationMessage m : messages) {
                if (m.from() == Speaker.AGENT && !m.at().isBefore(handedOffAt)) {
                    agentFirst = Duration.between(handedOffAt, m.at()).toSeconds();
                    break;
                }
            }
        }
        boolean helped = verdicts.containsValue(true);
        boolean didNotHelp = verdicts.containsValue(false);
        Outcome outcome;
        if (reason != null) {
            outcome = Outcome.HANDED_OFF;
        } else if ((helped && !didNotHelp) || (rating != null && rating >= 4)) {
            outcome = Outcome.CONFIRMED;
        } else if (lastReply == AnswerKind.FALLBACK) {
            outcome = Outcome.UNANSWERED;
        } else if (didNotHelp || rating != null || !grounded) {
            outcome = Outcome.ABANDONED; // a rating here is 1-3
        } else {
            outcome = Outcome.PENDING;
        }
        return new ConversationFacts(
                c.id(),
                c.shopper().id(),
                language == null ? c.language() : language,
                c.createdAt(),
                lastAt,
                firstIntent,
                outcome,
                reason,
                botFirstMs,
                agentFirst,
                queueWait,
                handled ? handlingMs / 1000 : null,
                agent,
                slaHit,
                rating,
                served,
                minSentiment,
                lastSentiment,
                lines);
    }
}
