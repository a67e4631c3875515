package dev.kefu.channels.shopper;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * One shopper's conversation over the public chat API, as the widget holds it: verified (a shopper
 * token for {@code shopperId}) or anonymous ({@code null}), keeping the conversation and its token.
 */
final class ChatShopper {
    private final RunningServer server;
    private final String shopperId;
    private String conversationId;

    ChatShopper(RunningServer server, String shopperId) {
        this.server = server;
        this.shopperId = shopperId;
    }

    JsonNode says(String text) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("text", text);
        if (conversationId != null) {
            body.put("conversationId", conversationId);
        }
        if (shopperId != null) {
            body.put("shopper", Map.of("token", RunningServer.shopperToken(shopperId)));
        }
        JsonNode answer = server.postJson("/api/v1/chat", body);
        conversationId = answer.path("conversationId").asText();
        return answer;
    }

    /** The text of the bot's reply to {@code text}. */
    String reply(String text) throws Exception {
        return says(text).path("replies").get(0).path("text").asText();
    }

    /** Presses quick reply {@code action} under bot message {@code seq}, whatever the answer. */
    HttpResponse<String> presses(long seq, String action) throws Exception {
        return server.send(
                "POST",
                "/api/v1/chat/" + conversationId + "/quick-reply",
                "{\"seq\": " + seq + ", \"action\": \"" + action + "\"}",
                null,
                server.tokenOf(conversationId));
    }

    String conversationId() {
        return conversationId;
    }
}
