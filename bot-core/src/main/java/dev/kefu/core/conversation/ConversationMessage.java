package dev.kefu.core.conversation;

import dev.kefu.core.Checks;
import dev.kefu.core.compose.Citation;
import java.time.Instant;
import java.util.List;

/**
 * One message of a conversation's transcript.
 *
 * @param seq position in the conversation, from 1, without gaps
 * @param from who wrote it
 * @param text what was written
 * @param at when it was recorded
 * @param citations the entries a bot answer cited; empty otherwise
 * @param author the agent who wrote it, or {@code null} for anyone else
 * @param signals what the bot understood of a shopper message, or {@code null} (other speakers, or
 *     a message relayed to a person without analysis)
 */
public record ConversationMessage(
        long seq,
        Speaker from,
        String text,
        Instant at,
        List<Citation> citations,
        String author,
        MessageSignals signals) {
    public ConversationMessage {
        if (seq < 1) {
            throw new IllegalArgumentException("message.seq must be >= 1, was " + seq);
        }
        Checks.requireNonNull("message.from", from);
        Checks.requireText("message.text", text);
        Checks.requireNonNull("message.at", at);
        citations = Checks.copyOf("message.citations", citations);
    }

    public ConversationMessage(long seq, Speaker from, String text, Instant at, List<Citation> citations) {
        this(seq, from, text, at, citations, null, null);
    }

    public ConversationMessage withSignals(MessageSignals newSignals) {
        return new ConversationMessage(seq, from, text, at, citations, author, newSignals);
    }
}
