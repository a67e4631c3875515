package dev.kefu.core.handoff;

import dev.kefu.core.Checks;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.Speaker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything an agent needs to answer a handed-off conversation at once, without scrolling back:
 * shown in the agent desk and posted to the hand-off webhook.
 *
 * @param intents what the bot understood of each shopper message
 * @param sentimentTrend each shopper message's sentiment and the running sentiment after it
 * @param tags the shopper's tags
 * @param triedEntries the knowledge entries the bot already answered from, first use first
 * @param summary a short summary of what the shopper wants
 * @param ticket the hand-off: trigger and its values, priority, waiting since; {@code null} if the
 *     conversation never went to a person
 */
public record ContextPacket(
        List<IntentMark> intents,
        List<SentimentPoint> sentimentTrend,
        Set<String> tags,
        List<Citation> triedEntries,
        String summary,
        HandoffTicket ticket) {

    public ContextPacket {
        intents = Checks.copyOf("intents", intents);
        sentimentTrend = Checks.copyOf("sentimentTrend", sentimentTrend);
        tags = Checks.copyOfSet("tags", tags);
        triedEntries = Checks.copyOf("triedEntries", triedEntries);
        Checks.requireNonNull("summary", summary);
    }

    /** The intent routed for shopper message {@code seq}. */
    public record IntentMark(long seq, String intent, double confidence) {}

    /** Shopper message {@code seq}'s sentiment, and the conversation's running sentiment after it. */
    public record SentimentPoint(long seq, double score, double running) {}

    /** The packet of a conversation as it is now. */
    public static ContextPacket of(Conversation conversation, ConversationSummarizer summarizer) {
        List<IntentMark> intents = new ArrayList<>();
        List<SentimentPoint> trend = new ArrayList<>();
        Map<String, Citation> tried = new LinkedHashMap<>();
        for (ConversationMessage message : conversation.messages()) {
            if (message.from() == Speaker.SHOPPER && message.signals() != null) {
                intents.add(new IntentMark(
                        message.seq(),
                        message.signals().intent(),
                        message.signals().confidence()));
                trend.add(new SentimentPoint(
                        message.seq(),
                        message.signals().sentiment(),
                        message.signals().running()));
            }
            if (message.from() == Speaker.BOT) {
                message.citations().forEach(c -> tried.putIfAbsent(c.entryId(), c));
            }
        }
        return new ContextPacket(
                intents,
                trend,
                conversation.shopper().tags(),
                List.copyOf(tried.values()),
                summarizer.summarize(conversation),
                conversation.ticket());
    }
}
