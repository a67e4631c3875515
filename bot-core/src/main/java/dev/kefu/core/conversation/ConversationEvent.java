package dev.kefu.core.conversation;

import dev.kefu.core.Checks;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Something that happened to a conversation besides a message: a decision, a hand-off, an
 * agent's action, a rating. Stored with the conversation in the same write, so the record of who
 * did what, when and why is never behind the transcript.
 *
 * @param conversationId the conversation
 * @param at when it happened
 * @param type what happened
 * @param actor who did it: {@code bot}, {@code shopper}, {@code system} or {@code agent:<name>}
 * @param data the values that matter for this type (string values, like a trigger's details)
 */
public record ConversationEvent(String conversationId, Instant at, Type type, String actor, Map<String, String> data) {
    public static final String BOT = "bot";
    public static final String SHOPPER = "shopper";
    public static final String SYSTEM = "system";

    public ConversationEvent {
        Checks.requireText("event.conversationId", conversationId);
        Checks.requireNonNull("event.at", at);
        Checks.requireNonNull("event.type", type);
        Checks.requireText("event.actor", actor);
        data = Map.copyOf(Checks.requireNonNull("event.data", data));
    }

    public static String agent(String name) {
        return "agent:" + name;
    }

    /** The kinds of event; {@link #code()} is what is stored and shown. */
    public enum Type {
        /** The bot replied to a shopper message (intent, answer kind, citations). */
        REPLY,
        /** The conversation went to the queue (trigger, values, priority). */
        HANDOFF,
        /** An agent took it. */
        CLAIM,
        /** An agent handed it back to the bot. */
        RELEASE,
        /** An agent ended it. */
        CLOSE,
        /** Nobody claimed it in time; the queue's overdue action ran. */
        OVERDUE,
        /** The shopper rated the conversation (1-5). */
        RATING,
        /** The shopper said whether a bot answer helped. */
        FEEDBACK;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }
}
