package dev.kefu.channels.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The JSON shapes of the public API (see the contracts document). Kept apart from bot-core's
 * records so the wire format can evolve without touching the pipeline, and vice versa.
 */
public final class Dtos {
    private Dtos() {}

    public record CitationDto(String entryId, String title) {}

    public record ReplyDto(long seq, String text, List<CitationDto> citations) {}

    public record IntentDto(String name, double confidence) {}

    public record SentimentDto(double score, String label) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record SlotDto(String scriptId, String experimentId, String variant, String position, String text) {}

    public record HandoffDto(String reason, String state) {}

    /** {@code POST /api/v1/chat} response. {@code handoff} is serialised as {@code null} when absent. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ChatResponse(
            String conversationId,
            long shopperSeq,
            List<ReplyDto> replies,
            IntentDto intent,
            SentimentDto sentiment,
            List<SlotDto> slots,
            HandoffDto handoff) {}

    /** A transcript message; {@code author} names the agent who wrote an agent message. */
    public record MessageDto(
            long seq,
            String from,
            String text,
            String at,
            List<CitationDto> citations,
            @JsonInclude(JsonInclude.Include.NON_NULL) String author) {}

    public record RatingResponse(String conversationId, int score) {}

    public record MessagesResponse(String conversationId, String state, List<MessageDto> messages) {}

    /** {@code state} is {@code queued} when this "didn't help" handed the conversation to a person. */
    public record FeedbackResponse(String conversationId, long seq, boolean helpful, String state) {}

    /** {@code problems} lists every problem found (an import, a publish), when there are several. */
    public record ErrorBody(
            String code, String message, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> problems) {}

    public record ErrorResponse(ErrorBody error) {
        public static ErrorResponse of(String code, String message) {
            return of(code, message, List.of());
        }

        public static ErrorResponse of(String code, String message, List<String> problems) {
            return new ErrorResponse(new ErrorBody(code, message, problems));
        }
    }

    public record Health(String status, int knowledgeEntries) {}
}
