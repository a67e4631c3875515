package dev.kefu.core.conversation;

import dev.kefu.core.Checks;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.sentiment.SentimentTrend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one conversation, immutable: every change makes a new value that the pipeline
 * saves to the {@link ConversationStore}.
 *
 * @param id the conversation id
 * @param shopper the shopper and their tags as last reported
 * @param state who is serving it
 * @param messages the transcript, in order
 * @param sentiment the running sentiment of the shopper's messages
 * @param consecutiveFallbacks bot answers in a row that found nothing
 * @param lastTrigger the trigger of the latest hand-off, or {@code null}
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
        HandoffTrigger lastTrigger,
        Instant createdAt,
        Instant updatedAt) {

    public Conversation {
        Checks.requireText("conversation.id", id);
        Checks.requireNonNull("conversation.shopper", shopper);
        Checks.requireNonNull("conversation.state", state);
        messages = Checks.copyOf("conversation.messages", messages);
        Checks.requireNonNull("conversation.sentiment", sentiment);
        Checks.requireNonNegative("conversation.consecutiveFallbacks", consecutiveFallbacks);
        Checks.requireNonNull("conversation.createdAt", createdAt);
        Checks.requireNonNull("conversation.updatedAt", updatedAt);
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
                id, shopper, ConversationState.BOT, List.of(), SentimentTrend.start(), 0, null, now, now);
    }

    /** The sequence number the next message will get. */
    public long nextSeq() {
        return messages.size() + 1L;
    }

    public Conversation append(Speaker from, String text, List<Citation> citations, Instant at) {
        List<ConversationMessage> more = new ArrayList<>(messages);
        more.add(new ConversationMessage(nextSeq(), from, text, at, citations));
        return new Conversation(id, shopper, state, more, sentiment, consecutiveFallbacks, lastTrigger, createdAt, at);
    }

    public Conversation withShopper(ShopperContext newShopper) {
        return new Conversation(
                id, newShopper, state, messages, sentiment, consecutiveFallbacks, lastTrigger, createdAt, updatedAt);
    }

    public Conversation withSentiment(SentimentTrend trend) {
        return new Conversation(
                id, shopper, state, messages, trend, consecutiveFallbacks, lastTrigger, createdAt, updatedAt);
    }

    public Conversation withConsecutiveFallbacks(int count) {
        return new Conversation(id, shopper, state, messages, sentiment, count, lastTrigger, createdAt, updatedAt);
    }

    public Conversation handedOff(HandoffTrigger trigger) {
        return new Conversation(
                id, shopper, ConversationState.QUEUED, messages, sentiment, 0, trigger, createdAt, updatedAt);
    }

    public Conversation withState(ConversationState newState) {
        return new Conversation(
                id, shopper, newState, messages, sentiment, consecutiveFallbacks, lastTrigger, createdAt, updatedAt);
    }

    /** Messages with a sequence number greater than {@code seq}. */
    public List<ConversationMessage> messagesAfter(long seq) {
        int from = (int) Math.min(Math.max(seq, 0), messages.size());
        return messages.subList(from, messages.size());
    }
}
