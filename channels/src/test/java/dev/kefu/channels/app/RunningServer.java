package dev.kefu.channels.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KefuConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server with its built-in defaults (but the limits per client address) on a random port and a fresh data directory, started
 * once per test class ({@code @RegisterExtension static final RunningServer server = new
 * RunningServer();}), and a small HTTP client for it.
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** The trainer the server is started with ({@code trainer.tokens}). */
    public static final String TRAINER = "it-trainer";

    public static final String TRAINER_TOKEN = "it-trainer-token-0123456789";
    /** The agents the server is started with ({@code agent.tokens}). */
    public static final String AGENT = "it-agent";

    public static final String AGENT_TOKEN = "it-agent-token-0123456789";
    public static final String AGENT_2 = "it-agent-2";
    public static final String AGENT_2_TOKEN = "it-agent-2-token-0123456789";
    /** The store back end's token ({@code store.tokens}). */
    public static final String STORE_TOKEN = "it-store-token-0123456789";
    /** The secret the store signs its shoppers' tokens with ({@code store.identitySecret}). */
    public static final String IDENTITY_SECRET = "it-identity-secret-0123456789-abcdefghij";

    private static final String CHAT = "/api/v1/chat";
    /** The header that carries a conversation's token. */
    public static final String CONVERSATION_TOKEN = "X-Kefu-Conversation-Token";

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> settings;
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    private Path dataDir;
    private KefuApplication application;

    public RunningServer() {
        this(Map.of());
    }

    /** @param settings more settings ({@code queue.checkSeconds -> 1}) over the test defaults */
    public RunningServer(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dataDir = Files.createTempDirectory("kefu-it");
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "server.port",
                "0",
                "server.dataDir",
                dataDir.toString(),
                "trainer.tokens",
                TRAINER + ":" + TRAINER_TOKEN,
                "agent.tokens",
                AGENT + ":" + AGENT_TOKEN + "," + AGENT_2 + ":" + AGENT_2_TOKEN,
                "store.tokens",
                "it-store:" + STORE_TOKEN,
                "store.identitySecret",
                IDENTITY_SECRET));
        // Every test talks from one address: the limits per address are off unless a test sets them
        // (LimitsIT); the limits per conversation and per shopper stay as they ship.
        all.putAll(Map.of(
                "limits.perAddressPerMinute", "0",
                "limits.wrongTokensPerMinute", "0",
                "limits.maxQueuedPerAddress", "0"));
        all.putAll(settings);
        KefuConfig config = new ConfigLoader(Map.of()).load(null, all);
        application =
                KefuApplication.create(config, KefuApplication.systemClock()).start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        application.close();
        deleteTree(dataDir);
    }

    /** Deletes {@code dir} and everything in it (a test's data directory). */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    public int port() {
        return application.port();
    }

    /** The server's data directory ({@code server.dataDir}). */
    public Path dataDir() {
        return dataDir;
    }

    /** The service the server is a node of. */
    public dev.kefu.core.cluster.Cluster cluster() {
        return application.cluster();
    }

    /** The server's route table. */
    List<RouteTable.Route> routes() {
        return application.routes();
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * {@code POST} {@code body} as JSON, expecting 200. Like the widget, it keeps the token of every
     * conversation an answer names ({@link #tokenOf}) and sends it back when {@code body} names
     * that conversation.
     */
    public JsonNode postJson(String path, Object body) throws Exception {
        String named = path.startsWith(CHAT + "/")
                ? path.substring(CHAT.length() + 1).split("/")[0]
                : JSON.valueToTree(body).path("conversationId").asText();
        return postJson(path, body, tokens.get(named));
    }

    /**
     * A request as a trainer: {@code method} on {@code path} with {@code body} ({@code null} for
     * none), the bearer token {@code token} ({@code null} for none).
     */
    public HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        return send(method, path, body, token, null);
    }

    /** As {@link #send(String, String, String, String)}, with a conversation's token ({@code null} for none). */
    public HttpResponse<String> send(String method, String path, String body, String token, String conversationToken)
            throws Exception {
        return send(method, path, body, token, conversationToken, Map.of());
    }

    /** As {@link #send(String, String, String, String, String)}, with more headers. */
    public HttpResponse<String> send(
            String method,
            String path,
            String body,
            String token,
            String conversationToken,
            Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (conversationToken != null) {
            request.header(CONVERSATION_TOKEN, conversationToken);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A shopper's token as the store's back end signs it ({@code sub} = {@code shopperId}, {@code
     * tags}, valid for an hour), with the secret the server is started with.
     */
    public static String shopperToken(String shopperId, String... tags) {
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader(JWSAlgorithm.HS256),
                    new JWTClaimsSet.Builder()
                            .subject(shopperId)
                            .claim("tags", List.of(tags))
                            .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                            .build());
            jwt.sign(new MACSigner(IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code POST} {@code body} as JSON with a conversation's token, expecting 200; the conversation
     * is named in {@code body}.
     */
    public JsonNode postJson(String path, Object body, String conversationToken) throws Exception {
        HttpResponse<String> response = send("POST", path, JSON.writeValueAsString(body), null, conversationToken);
        if (response.statusCode() != 200) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode answer = JSON.readTree(response.body());
        if (answer.hasNonNull("conversationToken")) {
            tokens.put(
                    answer.path("conversationId").asText(),
                    answer.path("conversationToken").asText());
        }
        return answer;
    }

    /** The token of a conversation an answer of {@link #postJson} named, or {@code null}. */
    public String tokenOf(String conversationId) {
        return tokens.get(conversationId);
    }

    /** {@code GET} with a conversation's token. */
    public HttpResponse<String> get(String path, String conversationToken) throws Exception {
        return send("GET", path, null, null, conversationToken);
    }

    /** As {@link #send} with the trainer's token, expecting a 2xx JSON answer. */
    public JsonNode trainer(String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(method, path, body, TRAINER_TOKEN);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** As {@link #send} with the first agent's token, expecting a 2xx JSON answer. */
    public JsonNode agent(String method, String path, String body) throws Exception {
        HttpResponse<String> response = send(method, path, body, AGENT_TOKEN);
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public HttpClient http() {
        return http;
    }

    /**
     * The settings of a server whose answers a model at {@code baseUrl} writes ({@code llm.provider:
     * openai}, model {@code fake-model}), with {@code more} over them.
     */
    public static Map<String, String> withModel(String baseUrl, Map<String, String> more) {
        Map<String, String> settings = new java.util.HashMap<>(
                Map.of("llm.provider", "openai", "llm.baseUrl", baseUrl, "llm.model", "fake-model"));
        settings.putAll(more);
        return settings;
    }

    /** Stores order {@code orderNo} ({@code body}: the order JSON) as the store does, expecting 201. */
    public void putOrder(String orderNo, String body) throws Exception {
        HttpResponse<String> response = send("PUT", "/api/v1/orders/" + orderNo, body, STORE_TOKEN);
        if (response.statusCode() != 201) {
            throw new AssertionError(
                    "PUT order " + orderNo + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The data of the decision (reply or hand-off) of the conversation's last answer, as agents see it. */
    public JsonNode lastDecision(String conversationId) throws Exception {
        JsonNode events = agent("GET", "/api/v1/agent/conversations/" + conversationId, null)
                .path("events");
        JsonNode last = null;
        for (JsonNode event : events) {
            if (event.path("type").asText().equals("reply")
                    || event.path("type").asText().equals("handoff")) {
                last = event;
            }
        }
        if (last == null) {
            throw new AssertionError("no decision in " + events);
        }
        return last.path("data");
    }
}
