package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.channels.app.WsClient;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A conversation id is not a credential: the server makes every id and returns the conversation's
 * token with it, and every later read or write of the conversation needs that token (or the
 * verified shopper who owns it); otherwise the answer is the one an unknown id gets, 404.
 */
class ConversationTokensIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @Test
    void should_refuse_a_client_chosen_conversation_id() throws Exception {
        HttpResponse<String> chosen =
                server.post("/api/v1/chat", "{\"conversationId\": \"order-1001\", \"text\": \"hi\"}");
        assertNotFound(chosen);
        assertNotFound(server.get("/api/v1/chat/order-1001/messages"));
        try (WsClient widget = new WsClient(server, "/ws/chat")) {
            widget.send("{\"type\": \"hello\", \"conversationId\": \"order-1001\"}");
            assertThat(widget.next("error").path("error").path("code").asText()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void should_serve_transcript_feedback_rating_and_posts_only_with_the_conversation_s_token() throws Exception {
        JsonNode started = server.postJson(
                "/api/v1/chat", Map.of("text", "My phone is 13812345678, how long does delivery take?"));
        String id = started.path("conversationId").asText();
        String token = started.path("conversationToken").asText();
        assertThat(id).matches("[A-Za-z0-9_-]{22,}");
        assertThat(token).isNotBlank();
        long botSeq = started.path("replies").get(0).path("seq").asLong();
        String other = server.postJson("/api/v1/chat", Map.of("text", "hello"))
                .path("conversationToken")
                .asText();

        for (String wrong : new String[] {null, other, token + "x"}) {
            assertNotFound(server.send("GET", "/api/v1/chat/" + id + "/messages", null, null, wrong));
            assertNotFound(server.send(
                    "POST",
                    "/api/v1/chat/" + id + "/feedback",
                    "{\"seq\": " + botSeq + ", \"helpful\": true}",
                    null,
                    wrong));
            assertNotFound(server.send("POST", "/api/v1/chat/" + id + "/rating", "{\"score\": 1}", null, wrong));
            assertNotFound(server.send(
                    "POST",
                    "/api/v1/chat",
                    "{\"conversationId\": \"" + id + "\", \"text\": \"still there?\"}",
                    null,
                    wrong));
        }

        HttpResponse<String> transcript = server.send("GET", "/api/v1/chat/" + id + "/messages", null, null, token);
        assertThat(transcript.statusCode()).isEqualTo(200);
        assertThat(transcript.body()).contains("13812345678");
        assertThat(server.send(
                                "POST",
                                "/api/v1/chat/" + id + "/feedback",
                                "{\"seq\": " + botSeq + ", \"helpful\": true}",
                                null,
                                token)
                        .statusCode())
                .isEqualTo(200);
        assertThat(server.send("POST", "/api/v1/chat/" + id + "/rating", "{\"score\": 5}", null, token)
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> posted = server.post(
                "/api/v1/chat",
                RunningServer.JSON.writeValueAsString(
                        Map.of("conversationId", id, "conversationToken", token, "text", "still there?")));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(RunningServer.JSON
                        .readTree(posted.body())
                        .path("conversationId")
                        .asText())
                .isEqualTo(id);
    }

    @Test
    void should_let_the_verified_owner_in_without_the_conversation_token() throws Exception {
        JsonNode started = server.postJson(
                "/api/v1/chat",
                Map.of("text", "hello", "shopper", Map.of("token", RunningServer.shopperToken("owner-1"))));
        String id = started.path("conversationId").asText();

        HttpResponse<String> owner = server.send(
                "GET",
                "/api/v1/chat/" + id + "/messages",
                null,
                null,
                null,
                Map.of("X-Kefu-Shopper-Token", RunningServer.shopperToken("owner-1")));
        assertThat(owner.statusCode()).isEqualTo(200);
        assertNotFound(server.send(
                "GET",
                "/api/v1/chat/" + id + "/messages",
                null,
                null,
                null,
                Map.of("X-Kefu-Shopper-Token", RunningServer.shopperToken("owner-2"))));
    }

    @Test
    void should_resume_over_the_widget_socket_only_with_the_token_from_welcome() throws Exception {
        String id;
        String token;
        try (WsClient first = new WsClient(server, "/ws/chat")) {
            first.send("{\"type\": \"hello\"}");
            JsonNode welcome = first.next("welcome");
            id = welcome.path("conversationId").asText();
            token = welcome.path("conversationToken").asText();
            assertThat(token).isNotBlank();
            first.send("{\"type\": \"message\", \"text\": \"退货政策是什么？\"}");
            first.next("reply");
        }
        try (WsClient stranger = new WsClient(server, "/ws/chat")) {
            stranger.send("{\"type\": \"hello\", \"conversationId\": \"" + id + "\"}");
            assertThat(stranger.next("error").path("error").path("code").asText())
                    .isEqualTo("NOT_FOUND");
            stranger.send("{\"type\": \"message\", \"text\": \"let me in\"}");
            assertThat(stranger.next("error").path("error").path("code").asText())
                    .isEqualTo("INVALID_FRAME");
        }
        try (WsClient again = new WsClient(server, "/ws/chat")) {
            again.send("{\"type\": \"hello\", \"conversationId\": \"" + id + "\", \"conversationToken\": \"" + token
                    + "\"}");
            JsonNode welcome = again.next("welcome");
            assertThat(welcome.path("conversationId").asText()).isEqualTo(id);
            assertThat(welcome.path("messages").findValuesAsText("seq")).containsExactly("1", "2");
        }
    }

    private static void assertNotFound(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(RunningServer.JSON
                        .readTree(response.body())
                        .path("error")
                        .path("code")
                        .asText())
                .isEqualTo("NOT_FOUND");
    }
}
