package dev.kefu.channels.shopper;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.http.ShopperClaim;
import dev.kefu.channels.identity.ConversationGate;
import dev.kefu.channels.identity.ShopperIdentity;
import io.javalin.http.Context;

/**
 * REST handlers of the shopper chat ({@code /api/v1/chat...}); routes are in the app's route table,
 * which lets a caller into a conversation only with its token or as its verified owner.
 */
public record ChatApi(ChatService chat, RequestReader reader, ShopperIdentity identity) {
    /**
     * {@code POST /api/v1/chat}: the route table let the caller into the conversation the body
     * names, if any; the body's {@code shopper} says who writes (its {@code token}, or the {@code
     * X-Kefu-Shopper-Token} header).
     */
    public void send(Context ctx) {
        JsonNode body = reader.object(ctx.body());
        ShopperClaim claim = reader.shopper(body.get("shopper"));
        String header = ctx.header(ConversationGate.SHOPPER_TOKEN);
        if (claim.token() == null && header != null) {
            claim = new ShopperClaim(header, claim.id(), claim.tags());
        }
        ctx.json(chat.send(reader.chat(body, identity.resolve(claim), ctx.ip())));
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

    /**
     * {@code POST /api/v1/chat/{conversationId}/quick-reply} with {@code {"seq", "action"}}: the
     * shopper pressed a quick reply under bot message {@code seq}.
     */
    public void quickReply(Context ctx) {
        JsonNode body = reader.object(ctx.body());
        ctx.json(chat.quickReply(
                ctx.pathParam("conversationId"),
                reader.requiredLong(body, "seq"),
                reader.requiredString(body, "action")));
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
