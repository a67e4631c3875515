package dev.kefu.channels.widget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.channels.api.ApiException;
import dev.kefu.channels.api.ChatInput;
import dev.kefu.channels.api.ChatService;
import dev.kefu.channels.api.Dtos.ChatResponse;
import dev.kefu.channels.api.Dtos.ErrorResponse;
import dev.kefu.channels.api.ErrorCodes;
import dev.kefu.channels.api.RequestReader;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.message.ShopperContext;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The widget's WebSocket, {@code /ws/chat}. One socket serves one conversation, bound by the
 * first {@code hello} frame; the frame schema is documented in the README. Errors go back as
 * {@code error} frames and never close the socket, so the widget can retry.
 */
public final class ChatSocket {
    private static final Logger LOG = LoggerFactory.getLogger(ChatSocket.class);
    private static final String CONVERSATION = "kefu.conversationId";
    private static final String SHOPPER = "kefu.shopper";
    private static final String LOCALE = "kefu.locale";

    private final ChatService chat;
    private final RequestReader reader;
    private final ObjectMapper json;

    public ChatSocket(ChatService chat, RequestReader reader, ObjectMapper json) {
        this.chat = chat;
        this.reader = reader;
        this.json = json;
    }

    public void configure(WsConfig ws) {
        ws.onMessage(this::onMessage);
        ws.onError(ctx -> LOG.debug("websocket error on session {}", ctx.sessionId(), ctx.error()));
    }

    private void onMessage(WsMessageContext ctx) {
        String clientId = null;
        try {
            JsonNode frame = reader.object(ctx.message());
            clientId =
                    frame.path("clientId").isTextual() ? frame.get("clientId").textValue() : null;
            String type = frame.path("type").asText("");
            switch (type) {
                case "hello" -> hello(ctx, frame);
                case "message" -> message(ctx, frame, clientId);
                case "feedback" -> feedback(ctx, frame);
                default -> throw ApiException.badRequest(
                        ErrorCodes.INVALID_FRAME, "type must be one of hello, message, feedback.");
            }
        } catch (ApiException e) {
            send(ctx, error(e.code(), e.getMessage(), clientId));
        } catch (RuntimeException e) {
            LOG.error("websocket frame failed on session {}", ctx.sessionId(), e);
            send(
                    ctx,
                    error(ErrorCodes.INTERNAL_ERROR, "Something went wrong on our side; please try again.", clientId));
        }
    }

    private void hello(WsMessageContext ctx, JsonNode frame) {
        ChatInput identity = reader.chat(withPlaceholderText(frame));
        ctx.attribute(SHOPPER, identity.shopper());
        ctx.attribute(LOCALE, identity.locale());
        Optional<Conversation> existing = Optional.ofNullable(identity.conversationId())
                .flatMap(id -> {
                    try {
                        return Optional.of(chat.require(id));
                    } catch (ApiException e) {
                        return Optional.empty();
                    }
                });
        String conversationId = existing.map(Conversation::id)
                .orElseGet(() -> identity.conversationId() != null
                        ? identity.conversationId()
                        : ChatService.newConversationId());
        ctx.attribute(CONVERSATION, conversationId);
        ObjectNode welcome = json.createObjectNode();
        welcome.put("type", "welcome");
        welcome.put("conversationId", conversationId);
        welcome.put("state", existing.map(c -> c.state().code()).orElse("bot"));
        welcome.set(
                "messages",
                json.valueToTree(existing.map(c ->
                                c.messages().stream().map(ChatService::toDto).toList())
                        .orElse(List.of())));
        send(ctx, welcome);
    }

    private void message(WsMessageContext ctx, JsonNode frame, String clientId) {
        ShopperContext shopper = ctx.attribute(SHOPPER);
        if (shopper == null) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FRAME, "Send a hello frame before messages.");
        }
        ObjectNode request = frame.deepCopy();
        String conversationId = ctx.attribute(CONVERSATION);
        if (conversationId != null) {
            request.put("conversationId", conversationId);
        }
        request.set("shopper", json.valueToTree(Map.of("tags", shopper.tags())));
        if (shopper.id() != null) {
            ((ObjectNode) request.get("shopper")).put("id", shopper.id());
        }
        String locale = ctx.attribute(LOCALE);
        if (locale != null) {
            request.put("locale", locale);
        }
        ChatInput input = reader.chat(request);
        send(ctx, json.createObjectNode().put("type", "typing").put("from", "bot"));
        ChatResponse response = chat.send(input);
        ctx.attribute(CONVERSATION, response.conversationId());
        ObjectNode reply = json.valueToTree(response);
        reply.put("type", "reply");
        if (clientId != null) {
            reply.put("clientId", clientId);
        }
        send(ctx, reply);
    }

    private void feedback(WsMessageContext ctx, JsonNode frame) {
        String conversationId = ctx.attribute(CONVERSATION);
        if (conversationId == null) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FRAME, "No conversation yet to give feedback on.");
        }
        long seq = reader.requiredLong(frame, "seq");
        chat.feedback(conversationId, seq, reader.requiredBoolean(frame, "helpful"));
        send(ctx, json.createObjectNode().put("type", "feedbackAck").put("seq", seq));
    }

    /** A hello carries identity but no text; reuse the chat validation with a stand-in text. */
    private static JsonNode withPlaceholderText(JsonNode frame) {
        return ((ObjectNode) frame.deepCopy()).put("text", "hello");
    }

    private ObjectNode error(String code, String message, String clientId) {
        ObjectNode node = json.valueToTree(ErrorResponse.of(code, message));
        node.put("type", "error");
        if (clientId != null) {
            node.put("clientId", clientId);
        }
        return node;
    }

    private void send(WsContext ctx, JsonNode frame) {
        try {
            ctx.send(json.writeValueAsString(frame));
        } catch (Exception e) {
            LOG.debug("could not send to websocket session {}", ctx.sessionId(), e);
        }
    }
}
