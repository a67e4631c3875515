package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Durability of the whole server: a server process killed with SIGKILL ({@code kill -9}) and
 * started again on the same data directory still has every acknowledged message, the agent still
 * owns the conversation they took, the queue still holds the waiting one, and the widget picks up
 * where it was, with the conversation token it was given before the restart.
 */
class ServerRestartIT {
    private static final String AGENT = "restart-agent";
    private static final String AGENT_TOKEN = "restart-agent-token-0123456789";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path dataDir;
    private Process server;
    private int port;
    /** The token of each conversation, as the widget keeps it. */
    private final Map<String, String> tokens = new java.util.HashMap<>();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        if (dataDir != null) {
            RunningServer.deleteTree(dataDir);
        }
    }

    @Test
    void should_keep_every_acknowledged_message_and_who_serves_it_when_killed_and_restarted() throws Exception {
        dataDir = Files.createTempDirectory("kefu-restart");
        start();

        JsonNode first = chat(null, "How long does delivery take?");
        String owned = first.path("conversationId").asText();
        chat(owned, "转人工");
        agent("POST", "/api/v1/agent/conversations/" + owned + "/claim", null);
        agent("POST", "/api/v1/agent/conversations/" + owned + "/messages", "{\"text\": \"I'm here, one moment.\"}");
        JsonNode relayed = chat(owned, "My order number is 20261122001, please hurry");
        assertThat(relayed.path("replies")).isEmpty();
        String waiting = chat(null, "talk to a human").path("conversationId").asText();
        List<String> before = transcript(owned);
        assertThat(before).hasSize(7); // question, answer, 转人工, notice, joined, agent, shopper

        server.destroyForcibly().waitFor(20, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        start();

        assertThat(transcript(owned)).containsExactlyElementsOf(before);
        JsonNode mine = agent("GET", "/api/v1/agent/conversations", null);
        assertThat(mine.path("conversations").findValuesAsText("conversationId"))
                .contains(owned);
        JsonNode queue = agent("GET", "/api/v1/agent/queue", null);
        assertThat(queue.path("conversations").findValuesAsText("conversationId"))
                .contains(waiting)
                .doesNotContain(owned);
        JsonNode events =
                agent("GET", "/api/v1/agent/conversations/" + owned, null).path("events");
        assertThat(events.findValuesAsText("type")).containsSubsequence("reply", "handoff", "claim");

        // The agent carries on; the widget reconnects with the whole history and the agent's state.
        agent(
                "POST",
                "/api/v1/agent/conversations/" + owned + "/messages",
                "{\"text\": \"Found it: it ships today.\"}");
        try (WsClient widget = new WsClient(http, port, "/ws/chat")) {
            widget.send("{\"type\": \"hello\", \"conversationId\": \"" + owned + "\", \"conversationToken\": \""
                    + tokens.get(owned) + "\"}");
            JsonNode welcome = widget.next("welcome");
            assertThat(welcome.path("state").asText()).isEqualTo("agent");
            assertThat(welcome.path("agent").asText()).isEqualTo(AGENT);
            assertThat(welcome.path("messages").findValuesAsText("seq"))
                    .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        }
    }

    private void start() throws Exception {
        port = ServerProcess.freePort();
        server = ServerProcess.start(
                ServerProcess.classpath(KefuServer.class),
                port,
                dataDir,
                dataDir.resolve("server-" + System.nanoTime() + ".log"),
                environment -> environment.put("KEFU_AGENT_TOKENS", AGENT + ":" + AGENT_TOKEN),
                Duration.ofSeconds(90));
    }

    private JsonNode chat(String conversationId, String text) throws Exception {
        Map<String, String> body = conversationId == null
                ? Map.of("text", text)
                : Map.of(
                        "conversationId",
                        conversationId,
                        "conversationToken",
                        tokens.get(conversationId),
                        "text",
                        text);
        JsonNode answer = ok("POST", "/api/v1/chat", RunningServer.JSON.writeValueAsString(body), null);
        tokens.put(
                answer.path("conversationId").asText(),
                answer.path("conversationToken").asText());
        return answer;
    }

    private JsonNode agent(String method, String path, String body) throws Exception {
        return ok(method, path, body, AGENT_TOKEN);
    }

    private List<String> transcript(String conversationId) throws Exception {
        List<String> lines = new ArrayList<>();
        for (JsonNode m : ok(
                        "GET",
                        "/api/v1/chat/" + conversationId + "/messages",
                        null,
                        null,
                        Map.of(RunningServer.CONVERSATION_TOKEN, tokens.get(conversationId)))
                .path("messages")) {
            lines.add(String.join(
                    " ",
                    m.path("seq").asText(),
                    m.path("at").asText(),
                    m.path("from").asText(),
                    m.path("text").asText()));
        }
        return lines;
    }

    private JsonNode ok(String method, String path, String body, String token) throws Exception {
        return ok(method, path, body, token, Map.of());
    }

    private JsonNode ok(String method, String path, String body, String token, Map<String, String> headers)
            throws Exception {
        HttpResponse<String> response = send(method, path, body, token, headers);
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 299);
        return RunningServer.JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        return send(method, path, body, token, Map.of());
    }

    private HttpResponse<String> send(
            String method, String path, String body, String token, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
