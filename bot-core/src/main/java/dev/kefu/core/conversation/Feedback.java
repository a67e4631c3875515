package dev.kefu.core.conversation;

import dev.kefu.core.Checks;
import java.time.Instant;
import java.util.List;

/**
 * A shopper's verdict on one bot answer: whether it helped, with the question it answered.
 *
 * @param conversationId the conversation
 * @param question what the shopper asked (the last shopper message before the answer)
 * @param answerSeq the answer's sequence number in the conversation
 * @param helpful the verdict
 * @param citedEntryIds the knowledge entries the answer was built from
 * @param at when the verdict was given
 */
public record Feedback(
        String conversationId,
        String question,
        long answerSeq,
        boolean helpful,
        List<String> citedEntryIds,
        Instant at) {
    public Feedback {
        Checks.requireAllText("feedback", "conversationId question", conversationId, question);
        citedEntryIds = Checks.copyOf("citedEntryIds", citedEntryIds);
        Checks.requireNonNull("at", at);
    }

    /** Told of every {@link Feedback}; quick and thread-safe, like a pipeline listener. */
    @FunctionalInterface
    public interface Listener {
        void on(Feedback feedback);

        static Listener none() {
            return feedback -> {};
        }
    }
}
