package dev.kefu.eval.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.channels.identity.ShopperTokens;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.message.ShopperContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A running server's public chat API ({@code POST /api/v1/chat}) as a {@link ShopperChannel}, used
 * as a storefront would: a conversation is started without an id and continued with the id the
 * server gave; when the server hands out a {@code conversationToken} (conversation tokens), every
 * later message sends it back in the {@value #TOKEN_HEADER} header. The shopper goes in the body's
 * {@code shopper}: signed as the store's back end signs it ({@code shopper.token}) when the channel
 * has the store's identity secret, else as an unsigned hint ({@code shopper.id}, {@code
 * shopper.tags}), whose tags a server that verifies shoppers ignores (so a VIP is a VIP only when
 * signed). The product page goes in {@code context.productId}. A {@code 429} is waited out as its
 * {@code Retry-After} says, a few times; any other error ends the run.
 */
final class HttpChannel implements ShopperChannel {
    /** The header a conversation's token is sent back in. */
    static final String TOKEN_HEADER = "X-Kefu-Conversation-Token";

    /** Attempts per message while the server answers 429. */
    static final int ATTEMPTS = 6;

    /** The longest wait for one {@code Retry-After}. */
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    /** How long a signed shopper token is valid: one is minted for every message. */
    static final Duration TOKEN_VALIDITY = Duration.ofHours(1);

    /** The subject of a token for a dialogue shopper that has tags but no id. */
    static final String ANONYMOUS_SUBJECT = "kefu-eval-shopper";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Waits out a {@code Retry-After}. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final URI base;
    private final URI chat;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final ShopperTokens signer;

    /**
     * @param base the server's address, {@code http://host:port} (a path before {@code /api} is kept)
     * @param signer signs the dialogues' shoppers with the store's identity secret, or {@code null}:
     *     they are sent as unsigned hints
     */
    HttpChannel(URI base, ShopperTokens signer, Sleeper sleeper) {
        this.base = base;
        String root = base.toString().replaceAll("/+$", "");
        this.chat = URI.create(root + "/api/v1/chat");
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.sleeper = sleeper;
        this.signer = signer;
    }

    /** Over the real clock. */
    HttpChannel(URI base, ShopperTokens signer) {
        this(base, signer, duration -> Thread.sleep(duration.toMillis()));
    }

    @Override
    public ShopperChannel.Session start(ShopperContext shopper, String productId) {
        return new Chat(shopper, productId);
    }

    @Override
    public String describe() {
        return base.toString();
    }

    @Override
    public void close() {}

    /** One conversation: the id and token the server gave on its first answer. */
    private final class Chat implements ShopperChannel.Session {
        private final ShopperContext shopper;
        private final String productId;
        private String conversationId;
        private String token;

        Chat(ShopperContext shopper, String productId) {
            this.shopper = shopper;
            this.productId = productId;
        }

        @Override
        public ShopperView send(String text) throws IOException, InterruptedException {
            ObjectNode body = JSON.createObjectNode();
            if (conversationId != null) {
                body.put("conversationId", conversationId);
            }
            body.put("text", text);
            if (shopper.id() != null || !shopper.tags().isEmpty()) {
                ObjectNode who = body.putObject("shopper");
                if (signer != null) {
                    String subject = shopper.id() == null ? ANONYMOUS_SUBJECT : shopper.id();
                    who.put("token", signer.mint(subject, shopper.tags(), TOKEN_VALIDITY));
                } else {
                    if (shopper.id() != null) {
                        who.put("id", shopper.id());
                    }
                    shopper.tags().forEach(who.putArray("tags")::add);
                }
            }
            if (productId != null) {
                body.putObject("context").put("productId", productId);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(chat)
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
            if (token != null) {
                request.header(TOKEN_HEADER, token);
            }
            long start = System.nanoTime();
            HttpResponse<String> response = post(request.build());
            long nanos = System.nanoTime() - start;
            JsonNode answer = parse(response.body());
            if (conversationId == null) {
                conversationId = textOrNull(answer.get("conversationId"));
                if (conversationId == null) {
                    throw new IOException("POST " + chat + " answered without a conversationId: "
                            + DialogueFiles.abbreviate(response.body()));
                }
            }
            String issued = textOrNull(answer.get("conversationToken"));
            if (issued != null) {
                token = issued;
            }
            return view(answer, nanos);
        }
    }

    /** Sends, waiting out 429s as their {@code Retry-After} says; the 200 answer, or an IOException. */
    private HttpResponse<String> post(HttpRequest request) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (ConnectException e) {
                throw new IOException(
                        "cannot reach " + base + " (" + (e.getMessage() == null ? "connection refused" : e.getMessage())
                                + ")",
                        e);
            }
            if (response.statusCode() == 200) {
                return response;
            }
            if (response.statusCode() != 429) {
                throw new IOException("POST " + chat + " answered " + response.statusCode() + ": "
                        + DialogueFiles.abbreviate(response.body()));
            }
            if (attempt == ATTEMPTS) {
                throw new IOException("POST " + chat + " answered 429 (rate limited) " + ATTEMPTS
                        + " times in a row; raise the server's limits.* for the replay"
                        + " (limits.perAddressPerMinute: 0 turns the per-address limit off)");
            }
            sleeper.sleep(retryAfter(response));
        }
    }

    /** The wait a 429 asks for: {@code Retry-After} seconds, 1 s when absent or unreadable, at most {@link #MAX_WAIT}. */
    static Duration retryAfter(HttpResponse<?> response) {
        long seconds = response.headers()
                .firstValue("Retry-After")
                .map(String::strip)
                .filter(value -> value.matches("\\d{1,6}"))
                .map(Long::parseLong)
                .orElse(1L);
        Duration wait = Duration.ofSeconds(Math.max(1, seconds));
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private JsonNode parse(String body) throws IOException {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        throw new IOException(
                "POST " + chat + " answered 200 without a JSON object: " + DialogueFiles.abbreviate(body));
    }

    /**
     * What the shopper saw, from a chat response: a reply, a hand-off notice (a reply and a {@code
     * handoff}), or nothing while a person has the conversation (no reply).
     */
    static ShopperView view(JsonNode answer, long nanos) {
        JsonNode replies = answer.path("replies");
        JsonNode reply = replies.isArray() && !replies.isEmpty() ? replies.get(0) : null;
        JsonNode handoff = answer.get("handoff");
        String reason = handoff == null || handoff.isNull() ? null : textOrNull(handoff.get("reason"));
        boolean handedOff = handoff != null && !handoff.isNull();
        After after = reply == null ? After.WITH_PERSON : handedOff ? After.HANDOFF : After.REPLY;
        List<Citation> citations = new ArrayList<>();
        if (reply != null) {
            for (JsonNode cited : reply.path("citations")) {
                String entryId = textOrNull(cited.get("entryId"));
                if (entryId != null) {
                    String title = textOrNull(cited.get("title"));
                    citations.add(new Citation(entryId, title == null ? entryId : title));
                }
            }
        }
        JsonNode intent = answer.get("intent");
        JsonNode sentiment = answer.get("sentiment");
        return new ShopperView(
                after,
                reason,
                reply == null ? "" : reply.path("text").asText(""),
                citations,
                intent == null || intent.isNull() ? null : textOrNull(intent.get("name")),
                sentiment == null || !sentiment.path("score").isNumber()
                        ? null
                        : sentiment.path("score").asDouble(),
                nanos);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText();
    }
}
