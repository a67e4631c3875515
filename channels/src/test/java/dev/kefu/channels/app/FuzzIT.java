package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.channels.http.ErrorCodes;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A seeded fuzz of the shopper's surfaces, as an attacker would send them (issue 14): thousands of
 * mutations of valid requests and frames (deep nesting, endless numbers, wrong types, unicode and
 * NUL, missing fields, random bytes, bodies that are not JSON) against the real server. Nothing may
 * be a 5xx or an {@code INTERNAL_ERROR} frame, every refusal carries a stable code and no
 * internals, and the server still answers a normal chat after. The seed is printed with a failure
 * ({@code -Dkefu.fuzz.seed=N} repeats a run).
 */
class FuzzIT {
    private static final long SEED = Long.getLong("kefu.fuzz.seed", 20261206L);
    private static final int HTTP_BODIES = 4000;
    private static final int FRAMES = 1500;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @RegisterExtension
    static final RunningServer server = new RunningServer(Map.of(
            // The fuzz writes into a few conversations far faster than a person: no limit in its way.
            "limits.perConversationPerMinute", "0",
            "limits.perShopperPerMinute", "0"));

    /** Every stable code of the API. */
    private static final Set<String> CODES = Arrays.stream(ErrorCodes.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(FuzzIT::value)
            .collect(Collectors.toUnmodifiableSet());

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Timeout(120)
    void should_answer_thousands_of_hostile_bodies_and_frames_without_a_5xx_and_stay_healthy() throws Exception {
        JsonNode started = server.postJson("/api/v1/chat", Map.of("text", "How long does delivery take?"));
        String id = started.path("conversationId").asText();
        String token = started.path("conversationToken").asText();
        Random seeds = new Random(SEED);

        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            int perWorker = HTTP_BODIES / 4;
            for (int w = 0; w < 4; w++) {
                long seed = seeds.nextLong();
                work.add(pool.submit(() -> {
                    Mutator m = new Mutator(new Random(seed), id, token);
                    for (int i = 0; i < perWorker; i++) {
                        Mutator.Request request = m.request();
                        try {
                            check(request.describe(), send(request), problems);
                        } catch (Exception e) {
                            problems.add(request.describe() + ": " + e);
                        }
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                frames(new Mutator(new Random(seeds.nextLong()), id, token), problems);
                return null;
            }));
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(problems).as("seed %d: the first problems", SEED).isEmpty();

        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        JsonNode after = server.postJson("/api/v1/chat", Map.of("text", "退货政策是什么？"));
        assertThat(after.path("replies").get(0).path("text").asText()).isNotBlank();
        try (WsClient ws = new WsClient(server, "/ws/chat")) {
            ws.send("{\"type\": \"hello\"}");
            ws.next("welcome");
            ws.send("{\"type\": \"message\", \"text\": \"How long does delivery take?\"}");
            assertThat(ws.next("reply").path("replies").get(0).path("text").asText())
                    .isNotBlank();
        }
    }

    private static HttpResponse<String> send(Mutator.Request request) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri(request.path()))
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType());
        }
        if (request.token() != null) {
            builder.header(RunningServer.CONVERSATION_TOKEN, request.token());
        }
        return server.http().send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void check(String what, HttpResponse<String> response, ConcurrentLinkedQueue<String> problems) {
        int status = response.statusCode();
        if (status >= 500) {
            problems.add(what + " -> " + status + " " + response.body());
            return;
        }
        if (status >= 400) {
            checkError(what + " -> " + status, response.body(), problems);
        }
    }

    /** An error body: the API's shape, a stable code, a message without internals. */
    private static void checkError(String what, String body, ConcurrentLinkedQueue<String> problems) {
        JsonNode error;
        try {
            error = RunningServer.JSON.readTree(body).path("error");
        } catch (Exception e) {
            problems.add(what + ": not JSON: " + body);
            return;
        }
        String code = error.path("code").asText();
        String message = error.path("message").asText();
        if (!CODES.contains(code) || code.equals(ErrorCodes.INTERNAL_ERROR)) {
            problems.add(what + ": code " + code);
        }
        if (message.isBlank()
                || message.contains("Exception")
                || message.contains("jackson")
                || message.contains("\tat ")) {
            problems.add(what + ": message " + message);
        }
    }

    /**
     * Mutated frames on the widget's socket, each followed by a frame of an unknown type whose
     * error (with a clientId of its own) says that everything before it was answered.
     */
    private static void frames(Mutator m, ConcurrentLinkedQueue<String> problems) throws Exception {
        int sent = 0;
        while (sent < FRAMES) {
            try (WsClient ws = new WsClient(server, "/ws/chat")) {
                for (int i = 0; i < 100 && sent < FRAMES; i++, sent++) {
                    String frame = m.frame();
                    ws.send(frame);
                    ws.send("{\"type\": \"sync\", \"clientId\": \"sync-" + sent + "\"}");
                    while (true) {
                        JsonNode received = ws.next("error");
                        if (received.path("clientId").asText().equals("sync-" + sent)) {
                            break;
                        }
                        checkError("frame " + shorten(frame), received.toString(), problems);
                    }
                }
            }
        }
    }

    static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…(" + text.length() + ")";
    }

    /** Valid requests and frames, and what an attacker makes of them. */
    static final class Mutator {
        record Request(String method, String path, String contentType, String token, byte[] body) {
            String describe() {
                return method + " " + path + " [" + contentType + "] "
                        + shorten(new String(body, StandardCharsets.UTF_8));
            }
        }

        private final Random random;
        private final String id;
        private final String token;

        Mutator(Random random, String id, String token) {
            this.random = random;
            this.id = id;
            this.token = token;
        }

        Request request() {
            int route = random.nextInt(6);
            String path;
            ObjectNode valid = NODES.objectNode();
            String method = "POST";
            switch (route) {
                case 0, 1 -> {
                    path = "/api/v1/chat";
                    valid.put("text", pick("How long does delivery take?", "退货政策是什么？", "hi", "转人工"));
                    if (random.nextBoolean()) {
                        valid.put("conversationId", id);
                        valid.put("conversationToken", token);
                    }
                    ObjectNode shopper = valid.putObject("shopper");
                    shopper.put("id", "fuzz-shopper");
                    shopper.putArray("tags").add("mother_baby");
                    valid.put("locale", pick("zh-CN", "en"));
                }
                case 2 -> {
                    path = "/api/v1/chat/" + id + "/feedback";
                    valid.put("seq", 2).put("helpful", random.nextBoolean());
                }
                case 3 -> {
                    path = "/api/v1/chat/" + id + "/rating";
                    valid.put("score", 1 + random.nextInt(5)).put("comment", "ok");
                }
                case 4 -> {
                    path = "/api/v1/events";
                    valid.put("type", pick("slot_clicked", "product_viewed", "order_placed"));
                    valid.put("conversationId", id).put("productId", "product-x200");
                }
                default -> {
                    method = "GET";
                    path = "/api/v1/chat/" + id + "/messages?after="
                            + pick("0", "-1", "1e9", "99999999999999999999", "%00", "x");
                }
            }
            String contentType = random.nextInt(20) == 0
                    ? pick("text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1", "")
                    : "application/json";
            byte[] body = method.equals("GET") ? new byte[0] : body(valid);
            return new Request(
                    method,
                    path,
                    contentType.isEmpty() ? null : contentType,
                    random.nextInt(10) == 0 ? pick("", "x", token + "x") : token,
                    body);
        }

        String frame() {
            ObjectNode valid = NODES.objectNode();
            switch (random.nextInt(5)) {
                case 0 -> {
                    valid.put("type", "hello");
                    if (random.nextBoolean()) {
                        valid.put("conversationId", id).put("conversationToken", token);
                    }
                    valid.putObject("shopper").putArray("tags").add("gift_buyer");
                }
                case 1, 2 -> valid.put("type", "message")
                        .put("text", pick("hi", "where is my parcel?", "这个有什么配件？"))
                        .put("clientId", "c" + random.nextInt(100));
                case 3 -> valid.put("type", "feedback").put("seq", 2).put("helpful", true);
                default -> valid.put("type", pick("rating", "typing")).put("score", 4);
            }
            // A frame over the socket's 64 KiB closes it (1009, as WebSockets do): frames stay below.
            String frame = new String(body(valid), StandardCharsets.UTF_8);
            return frame.length() > 60_000 ? frame.substring(0, 60_000) : frame;
        }

        /** The valid body, or one of the mutations of it. */
        byte[] body(ObjectNode valid) {
            int kind = random.nextInt(12);
            return switch (kind) {
                case 0 -> valid.toString().getBytes(StandardCharsets.UTF_8);
                case 1 -> randomBytes();
                case 2 -> truncated(valid.toString()).getBytes(StandardCharsets.UTF_8);
                case 3 -> deep(valid).getBytes(StandardCharsets.UTF_8);
                default -> mutate(valid.deepCopy()).toString().getBytes(StandardCharsets.UTF_8);
            };
        }

        private JsonNode mutate(ObjectNode node) {
            int rounds = 1 + random.nextInt(3);
            for (int r = 0; r < rounds; r++) {
                List<String> fields = new ArrayList<>();
                node.fieldNames().forEachRemaining(fields::add);
                String field = fields.isEmpty() ? "text" : fields.get(random.nextInt(fields.size()));
                switch (random.nextInt(8)) {
                    case 0 -> node.remove(field);
                    case 1 -> node.set(field, wrongType());
                    case 2 -> node.put(field, unicode());
                    case 3 -> node.set(field, hugeNumber());
                    case 4 -> node.put(field, "x".repeat(random.nextInt(5) == 0 ? 70_000 : 3_000));
                    case 5 -> node.put("unknown" + random.nextInt(3), unicode());
                    case 6 -> {
                        if (node.get("shopper") instanceof ObjectNode shopper) {
                            shopper.set(pick("id", "tags", "token"), wrongType());
                        } else {
                            node.set("shopper", wrongType());
                        }
                    }
                    default -> node.put(field, pick("", " ", "\u0000", "\u200b\u200b", "../../etc/passwd", "<script>"));
                }
            }
            return node;
        }

        private JsonNode wrongType() {
            return switch (random.nextInt(7)) {
                case 0 -> NODES.nullNode();
                case 1 -> NODES.booleanNode(random.nextBoolean());
                case 2 -> NODES.numberNode(random.nextLong());
                case 3 -> NODES.numberNode(random.nextDouble() * 1e300);
                case 4 -> {
                    ArrayNode array = NODES.arrayNode();
                    array.add(1).add("a").addNull().addObject();
                    yield array;
                }
                case 5 -> NODES.objectNode().put("nested", unicode());
                default -> NODES.textNode(unicode());
            };
        }

        private JsonNode hugeNumber() {
            return NODES.numberNode(new java.math.BigInteger("9".repeat(1 + random.nextInt(100))));
        }

        private String unicode() {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(40);
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(8)) {
                    case 0 -> text.append('\u0000');
                    case 1 -> text.append(pick("\u200b", "\u200d", "\ufeff", "\u202e", "\u2066"));
                    case 2 -> text.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
                    case 3 -> text.appendCodePoint(0x1F600 + random.nextInt(80));
                    case 4 -> text.appendCodePoint(0x4E00 + random.nextInt(0x5000));
                    case 5 -> text.append((char) random.nextInt(0x20));
                    default -> text.appendCodePoint(0x20 + random.nextInt(0x2FFF));
                }
            }
            return text.toString();
        }

        private String deep(ObjectNode valid) {
            int depth = pickInt(10, 33, 200, 1001, 5000);
            String open = random.nextBoolean() ? "[" : "{\"a\":";
            String close = open.equals("[") ? "]" : "}";
            String inner = valid.toString();
            return "{\"x\": " + open.repeat(depth) + "1" + close.repeat(depth) + ", " + inner.substring(1);
        }

        private String truncated(String json) {
            return json.substring(0, random.nextInt(Math.max(1, json.length())));
        }

        private byte[] randomBytes() {
            byte[] bytes = new byte[random.nextInt(2000)];
            random.nextBytes(bytes);
            return bytes;
        }

        private String pick(String... options) {
            return options[random.nextInt(options.length)];
        }

        private int pickInt(int... options) {
            return options[random.nextInt(options.length)];
        }
    }
}
