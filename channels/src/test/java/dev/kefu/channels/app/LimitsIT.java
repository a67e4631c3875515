package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.ErrorCodes;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The limits of issue 14, over real HTTP and WebSockets: bodies however they arrive, the parser's
 * bounds, invisible texts, JSON only on JSON routes, the limit per conversation, the headers of
 * the staff pages and the origins a WebSocket may be opened from. (The limits per client address
 * are in {@link AddressLimitsIT}: every test here talks from the same address.)
 */
class LimitsIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer(Map.of("server.allowedOrigins", "https://shop.example.com"));

    private static final int MIB = 1024 * 1024;
    private final HttpClient http1 = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** A JSON-looking body of {@code bytes} bytes, sent chunked (no Content-Length). */
    private HttpResponse<String> chunked(String path, int bytes) throws Exception {
        byte[] head = "{\"text\": \"".getBytes(StandardCharsets.US_ASCII);
        InputStream body = new InputStream() {
            private int sent;

            @Override
            public int read() {
                if (sent >= bytes) {
                    return -1;
                }
                return sent < head.length ? head[sent++] : (sent++ % 2 == 0 ? 'a' : 'b');
            }

            @Override
            public int read(byte[] b, int off, int len) {
                int n = 0;
                while (n < len) {
                    int c = read();
                    if (c == -1) {
                        return n == 0 ? -1 : n;
                    }
                    b[off + n++] = (byte) c;
                }
                return n;
            }
        };
        return http1.send(
                HttpRequest.newBuilder(server.uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = RunningServer.JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText())
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("jackson")
                .doesNotContain("\tat ");
        return error;
    }

    private void assertHealthyAndChatting() throws Exception {
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        JsonNode answer = server.postJson("/api/v1/chat", Map.of("text", "How long does delivery take?"));
        assertThat(answer.path("replies").get(0).path("text").asText()).isNotBlank();
    }

    @Test
    void should_refuse_a_chunked_mebibyte_to_json_routes_before_parsing_it_and_stay_healthy() throws Exception {
        error(chunked("/api/v1/chat", MIB), 413, ErrorCodes.PAYLOAD_TOO_LARGE);
        error(chunked("/api/v1/events", MIB), 413, ErrorCodes.PAYLOAD_TOO_LARGE);
        List<CompletableFuture<HttpResponse<String>>> many = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            many.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return chunked("/api/v1/events", MIB);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<HttpResponse<String>> response : many) {
            error(response.get(), 413, ErrorCodes.PAYLOAD_TOO_LARGE);
        }
        assertHealthyAndChatting();
    }

    @Test
    void should_let_the_knowledge_import_keep_its_larger_limit() throws Exception {
        HttpResponse<String> response = http1.send(
                HttpRequest.newBuilder(server.uri("/api/v1/kb/import"))
                        .header("Authorization", "Bearer " + RunningServer.TRAINER_TOKEN)
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                                "{\"not\": \"an entry\"}\n".repeat(10_000).getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        error(response, 422, ErrorCodes.INVALID_IMPORT); // read and checked whole, not refused for its size
    }

    @Test
    void should_answer_1001_levels_of_nesting_and_endless_numbers_with_invalid_json() throws Exception {
        String deep = "{\"text\": \"hi\", \"x\": " + "[".repeat(1001) + "]".repeat(1001) + "}";
        error(server.post("/api/v1/chat", deep), 400, ErrorCodes.INVALID_JSON);
        error(server.post("/api/v1/events", deep), 400, ErrorCodes.INVALID_JSON);
        error(
                server.post("/api/v1/chat", "{\"text\": \"hi\", \"n\": " + "9".repeat(5000) + "}"),
                400,
                ErrorCodes.INVALID_JSON);
        try (WsClient ws = new WsClient(server, "/ws/chat")) {
            ws.send(deep);
            assertThat(ws.next("error").path("error").path("code").asText()).isEqualTo(ErrorCodes.INVALID_JSON);
        }
        assertHealthyAndChatting();
    }

    @Test
    void should_refuse_texts_of_nul_or_zero_width_characters_on_rest_and_the_socket() throws Exception {
        error(server.post("/api/v1/chat", "{\"text\": \"\\u0000\\u0000\\u0000\"}"), 400, ErrorCodes.TEXT_REQUIRED);
        error(
                server.post("/api/v1/chat", "{\"text\": \"\\u200b\\u200c\\u200d\\ufeff\"}"),
                400,
                ErrorCodes.TEXT_REQUIRED);
        try (WsClient ws = new WsClient(server, "/ws/chat")) {
            ws.send("{\"type\": \"hello\"}");
            ws.next("welcome");
            ws.send("{\"type\": \"message\", \"text\": \"\\u0000\\u200b\", \"clientId\": \"c1\"}");
            JsonNode error = ws.next("error");
            assertThat(error.path("clientId").asText()).isEqualTo("c1");
            assertThat(error.path("error").path("code").asText()).isEqualTo(ErrorCodes.TEXT_REQUIRED);
        }
    }

    @Test
    void should_store_a_text_without_its_nul() throws Exception {
        JsonNode answer = server.postJson("/api/v1/chat", Map.of("text", "where\u0000 is my\u200b parcel?"));
        String id = answer.path("conversationId").asText();
        JsonNode messages = RunningServer.JSON
                .readTree(server.get("/api/v1/chat/" + id + "/messages", server.tokenOf(id))
                        .body())
                .path("messages");
        assertThat(messages.get(0).path("text").asText()).isEqualTo("where is my parcel?");
    }

    @Test
    void should_refuse_bodies_that_are_not_json_on_json_routes() throws Exception {
        for (String type : List.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded")) {
            for (String path : List.of("/api/v1/chat", "/api/v1/events")) {
                HttpResponse<String> response = http1.send(
                        HttpRequest.newBuilder(server.uri(path))
                                .header("Content-Type", type)
                                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"hi\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                error(response, 415, ErrorCodes.UNSUPPORTED_MEDIA_TYPE);
            }
        }
        HttpResponse<String> json = server.send(
                "POST",
                "/api/v1/chat",
                "{\"text\": \"hi\"}",
                null,
                null,
                Map.of("Content-Type", "application/json; charset=utf-8"));
        assertThat(json.statusCode()).isEqualTo(200);
    }

    @Test
    void should_meet_120_messages_at_once_into_one_conversation_with_429_and_retry_after() throws Exception {
        JsonNode first = server.postJson("/api/v1/chat", Map.of("text", "你好"));
        String id = first.path("conversationId").asText();
        String token = first.path("conversationToken").asText();
        String body = RunningServer.JSON.writeValueAsString(Map.of("conversationId", id, "text", "hello again"));
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            sent.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return server.send("POST", "/api/v1/chat", body, null, token);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        int ok = 0;
        int limited = 0;
        for (CompletableFuture<HttpResponse<String>> future : sent) {
            HttpResponse<String> response = future.get();
            if (response.statusCode() == 200) {
                ok++;
            } else {
                error(response, 429, ErrorCodes.RATE_LIMITED);
                assertThat(response.headers().firstValue("Retry-After"))
                        .hasValueSatisfying(
                                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
                limited++;
            }
        }
        assertThat(ok)
                .as("the conversation's minute: 20 by default, and one more every 3 s")
                .isBetween(1, 25);
        assertThat(limited).isEqualTo(120 - ok);

        try (WsClient ws = new WsClient(server, "/ws/chat")) {
            ws.send(RunningServer.JSON.writeValueAsString(
                    Map.of("type", "hello", "conversationId", id, "conversationToken", token)));
            ws.next("welcome");
            ws.send("{\"type\": \"message\", \"text\": \"still there?\", \"clientId\": \"late\"}");
            JsonNode error = ws.next("error");
            assertThat(error.path("clientId").asText()).isEqualTo("late");
            assertThat(error.path("error").path("code").asText()).isEqualTo(ErrorCodes.RATE_LIMITED);
            assertThat(error.path("error").path("retryAfter").asLong()).isBetween(1L, 60L);
        }
        assertHealthyAndChatting(); // another conversation is not held back
    }

    @Test
    void should_send_the_staff_pages_and_their_assets_with_csp_and_no_framing() throws Exception {
        for (String path : List.of(
                "/agent/index.html",
                "/trainer/index.html",
                "/agent/agent.js",
                "/trainer/trainer.js",
                "/shared/api.js")) {
            HttpResponse<String> page = server.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("script-src 'self'")
                            .contains("frame-ancestors 'none'")
                            .doesNotContain("unsafe-inline")
                            .doesNotContain("unsafe-eval"));
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(page.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
            assertThat(page.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        }
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        for (String path : List.of("/agent/index.html", "/trainer/index.html")) {
            String html = server.get(path).body();
            assertThat(inlineScript.matcher(html).find())
                    .as(path + " has an inline script")
                    .isFalse();
            assertThat(handler.matcher(html).find())
                    .as(path + " has an inline handler")
                    .isFalse();
        }
        assertThat(server.get("/api/v1/ui").headers().firstValue("X-Content-Type-Options"))
                .hasValue("nosniff");
    }

    @Test
    void should_open_websockets_only_from_allowed_origins() throws Exception {
        String own = "http://localhost:" + server.port();
        for (String path : List.of("/ws/chat", "/ws/agent")) {
            assertThat(RawUpgrade.of(server.port(), path, own).status())
                    .as(path)
                    .isEqualTo(101);
            assertThat(RawUpgrade.of(server.port(), path, "https://shop.example.com")
                            .status())
                    .as(path)
                    .isEqualTo(101);
            assertThat(RawUpgrade.of(server.port(), path, null).status())
                    .as(path)
                    .isEqualTo(101);
            for (String foreign : List.of(
                    "http://evil.example",
                    "null",
                    "http://localhost:1",
                    "https://localhost:" + server.port() + ".evil.example")) {
                RawUpgrade refused = RawUpgrade.of(server.port(), path, foreign);
                assertThat(refused.status()).as(path + " from " + foreign).isEqualTo(403);
                assertThat(RunningServer.JSON
                                .readTree(refused.body())
                                .path("error")
                                .path("code")
                                .asText())
                        .isEqualTo(ErrorCodes.FORBIDDEN_ORIGIN);
            }
        }
    }
}
