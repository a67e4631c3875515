package dev.kefu.core.handoff;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import java.time.Instant;

/**
 * A conversation's latest hand-off: why, how urgent, and who took it. Kept after the conversation
 * goes back to the bot, so the next agent and the reports see the last one.
 *
 * @param trigger which trigger fired and the values it saw
 * @param priority the queue priority (raised when nobody claims it in time)
 * @param language the shopper's language, for the notices sent while it waits
 * @param queuedAt when it entered the queue
 * @param dueAt when a claim is due (the priority's response-time target); past it, the queue's
 *     overdue action runs and sets a new due time
 * @param overdueCount how many times it went overdue
 * @param agent the agent who claimed it, or {@code null} while it waits
 * @param claimedAt when it was claimed, or {@code null}
 */
public record HandoffTicket(
        HandoffTrigger trigger,
        Priority priority,
        Language language,
        Instant queuedAt,
        Instant dueAt,
        int overdueCount,
        String agent,
        Instant claimedAt) {

    public HandoffTicket {
        Checks.requireAllNonNull(
                "ticket", "trigger priority language queuedAt dueAt", trigger, priority, language, queuedAt, dueAt);
        Checks.requireNonNegative("ticket.overdueCount", overdueCount);
        if ((agent == null) != (claimedAt == null)) {
            throw new IllegalArgumentException("ticket.agent and ticket.claimedAt are set together");
        }
    }

    public static HandoffTicket queued(
            HandoffTrigger trigger, Priority priority, Language language, Instant now, Instant dueAt) {
        return new HandoffTicket(trigger, priority, language, now, dueAt, 0, null, null);
    }

    public HandoffTicket claimedBy(String newAgent, Instant at) {
        return new HandoffTicket(trigger, priority, language, queuedAt, dueAt, overdueCount, newAgent, at);
    }

    public HandoffTicket overdue(Priority newPriority, Instant newDueAt) {
        return new HandoffTicket(
                trigger, newPriority, language, queuedAt, newDueAt, overdueCount + 1, agent, claimedAt);
    }
}
