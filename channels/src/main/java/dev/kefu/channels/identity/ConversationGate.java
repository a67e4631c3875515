package dev.kefu.channels.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.core.Checks;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.message.ShopperContext;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who may open a conversation: the holder of its token, or the verified shopper who owns it. Anyone
 * else, and anyone naming an id the server did not make, gets the answer an unknown id gets (404
 * {@code NOT_FOUND}), so nothing confirms that a conversation exists. The route table applies it
 * to requests ({@link #admitPath}, {@link #admitBody}); the widget's socket calls {@link #admit}.
 * Thread-safe.
 */
public record ConversationGate(
        ConversationTokens tokens, ShopperIdentity identity, ConversationStore store, RequestReader reader) {
    /** The header that carries a conversation's token. */
    public static final String CONVERSATION_TOKEN = "X-Kefu-Conversation-Token";
    /** The header that carries the store's signed shopper token on requests without a body. */
    public static final String SHOPPER_TOKEN = "X-Kefu-Shopper-Token";

    public ConversationGate {
        Checks.requireAllNonNull("gate", "tokens identity store reader", tokens, identity, store, reader);
    }

    /** A new conversation's id and token. */
    public record Opened(String conversationId, String conversationToken) {}

    /** A conversation the server makes now: an unguessable id and its token. */
    public Opened open() {
        String id = tokens.newId();
        return new Opened(id, tokens.tokenOf(id));
    }

    /** The token of a conversation the caller was let into. */
    public String tokenOf(String conversationId) {
        return tokens.tokenOf(conversationId);
    }

    /**
     * Lets the caller into conversation {@code conversationId}: with its token (a conversation the
     * server made, stored yet or not), or as its verified owner.
     *
     * @param token the conversation token the caller sent, or {@code null}
     * @param caller who the caller is (anonymous when unverified)
     * @throws ApiException 400 for an id that is not one, 404 {@code NOT_FOUND} otherwise
     */
    public void admit(String conversationId, String token, ShopperContext caller) {
        RequestReader.requireConversationId(conversationId);
        if (tokens.matches(conversationId, token) || ownedBy(conversationId, caller)) {
            return;
        }
        throw notFound(conversationId);
    }

    /** The route guard for {@code .../{conversationId}/...}: its token or owner, from the headers. */
    public void admitPath(Context ctx) {
        admit(ctx.pathParam("conversationId"), ctx.header(CONVERSATION_TOKEN), identity.verify(shopperToken(ctx)));
    }

    /**
     * The route guard for a conversation named in the JSON body ({@code conversationId}): its token
     * ({@code conversationToken}, or the header) or its owner ({@code shopper.token}, or the header).
     *
     * @return whether the body names a conversation (and the caller was let in)
     */
    public boolean admitBody(Context ctx) {
        JsonNode body = reader.object(ctx.body());
        String id = reader.conversationId(body);
        if (id == null) {
            return false;
        }
        String token = Optional.ofNullable(ctx.header(CONVERSATION_TOKEN))
                .orElseGet(() -> reader.optionalToken(body, "conversationToken"));
        String shopperToken = Optional.ofNullable(shopperToken(ctx))
                .orElseGet(() -> reader.optionalToken(body.path("shopper"), "token"));
        admit(id, token, identity.verify(shopperToken));
        return true;
    }

    /** The key the conversation's shopper is known by (experiment arms, storefront events). */
    public String shopperKey(String conversationId) {
        return store.find(conversationId)
                .map(c -> c.shopper().key(conversationId))
                .orElse(conversationId);
    }

    private boolean ownedBy(String conversationId, ShopperContext caller) {
        if (!caller.verified()) {
            return false;
        }
        Optional<Conversation> conversation = store.find(conversationId);
        return conversation.isPresent()
                && conversation.get().shopper().verified()
                && conversation.get().shopper().id().equals(caller.id());
    }

    private static String shopperToken(Context ctx) {
        return ctx.header(SHOPPER_TOKEN);
    }

    /** The refusal of a conversation the caller may not open: the same as for an unknown id. */
    public static ApiException notFound(String conversationId) {
        return new ApiException(404, ErrorCodes.NOT_FOUND, "No conversation " + conversationId + ".");
    }
}
