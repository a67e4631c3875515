package dev.kefu.channels.shopper;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.ChatInput;
import dev.kefu.channels.http.RequestReader;
import io.javalin.http.Context;

/** REST handlers of the shopper chat ({@code /api/v1/chat...}); routes are in the app's route table. */
public final class ChatApi {
    private final ChatService chat;
    private final RequestReader reader;

    public ChatApi(ChatService chat, RequestReader reader) {
        this.chat = chat;
        this.reader = reader;
    }

    /** {@code POST /api/v1/chat}. */
    public void send(Context ctx) {
        ChatInput input = reader.chat(reader.object(ctx.body()));
        ctx.json(chat.send(input));
    }

    /** {@code GET /api/v1/chat/{conversationId}/messages?after=N}. */
    public void messages(Context ctx) {
        long afterSeq = RequestReader.wholeNumber(
                ctx.queryParam("after"), 0, 0, Long.MAX_VALUE, "after must be a non-negative integer.");
        ctx.json(chat.messages(ctx.pathParam("conversationId"), afterSeq));
    }

    /** {@code POST /api/v1/chat/{conversationId}/rating} with {@code {"score": 1..5, "comment"?}}. */
    public void rating(Context ctx) {
        RequestReader.Rating rating = reader.rating(reader.object(ctx.body()));
        ctx.json(chat.rate(ctx.pathParam("conversationId"), rating));
    }

    /** {@code POST /api/v1/chat/{conversationId}/feedback} with {@code {"seq", "helpful"}}. */
    public void feedback(Context ctx) {
        JsonNode body = reader.object(ctx.body());
        ctx.json(chat.feedback(
                ctx.pathParam("conversationId"),
                reader.requiredLong(body, "seq"),
                reader.requiredBoolean(body, "helpful")));
    }
}
