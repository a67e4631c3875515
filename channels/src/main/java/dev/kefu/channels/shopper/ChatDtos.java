package dev.kefu.channels.shopper;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kefu.channels.http.Dtos.CitationDto;
import dev.kefu.channels.http.Dtos.MessageDto;
import java.util.List;

/** The JSON shapes of the shopper chat, REST and widget frames alike (see the contracts document). */
final class ChatDtos {
    private ChatDtos() {}

    public record ReplyDto(long seq, String text, List<CitationDto> citations) {}

    public record IntentDto(String name, double confidence) {}

    public record SentimentDto(double score, String label) {}

    /**
     * A marketing line as the widget renders it: which script (a click names it), where, what. The
     * experiment and arm stay on the server.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SlotDto(String scriptId, String position, String text) {}

    public record HandoffDto(String reason, String state) {}

    /**
     * {@code POST /api/v1/chat} response. {@code handoff} is serialised as {@code null} when absent;
     * {@code conversationToken} is what later requests about the conversation need.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ChatResponse(
            String conversationId,
            String conversationToken,
            long shopperSeq,
            List<ReplyDto> replies,
            IntentDto intent,
            SentimentDto sentiment,
            List<SlotDto> slots,
            HandoffDto handoff) {}

    public record RatingResponse(String conversationId, int score) {}

    public record MessagesResponse(String conversationId, String state, List<MessageDto> messages) {}

    /** {@code state} is {@code queued} when this "didn't help" handed the conversation to a person. */
    public record FeedbackResponse(String conversationId, long seq, boolean helpful, String state) {}
}
