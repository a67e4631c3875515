package dev.kefu.channels.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.conversation.ConversationMessage;
import java.util.List;

/**
 * The JSON shapes more than one audience uses (see the contracts document): transcript messages
 * (the shopper's widget, the agent desk, the webhook) and errors. Kept apart from bot-core's
 * records so the wire format can evolve without touching the pipeline, and vice versa.
 */
public final class Dtos {
    private Dtos() {}

    public record CitationDto(String entryId, String title) {
        /** The citations as the API shows them. */
        public static List<CitationDto> of(List<Citation> citations) {
            return citations.stream()
                    .map(c -> new CitationDto(c.entryId(), c.title()))
                    .toList();
        }
    }

    /** A transcript message; {@code author} names the agent who wrote an agent message. */
    public record MessageDto(
            long seq,
            String from,
            String text,
            String at,
            List<CitationDto> citations,
            @JsonInclude(JsonInclude.Include.NON_NULL) String author) {
        /** A transcript message as the API shows it. */
        public static MessageDto of(ConversationMessage message) {
            return new MessageDto(
                    message.seq(),
                    message.from().code(),
                    message.text(),
                    message.at().toString(),
                    CitationDto.of(message.citations()),
                    message.author());
        }
    }

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
