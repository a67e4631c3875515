package dev.kefu.eval.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How {@code kefu-eval load} talks to a running server: conversations over the public chat API
 * ({@code POST /api/v1/chat}, continued with the id and {@code conversationToken} the server gave)
 * or over the widget's WebSocket ({@code /ws/chat}: a {@code hello}, then {@code message} frames
 * answered by the {@code reply} of the same {@code clientId}). Every send is asynchronous, so an
 * open-loop run never waits for one answer before sending the next; a failure is an {@link
 * Outcome} naming what went wrong (an HTTP status, a frame's error code, {@code timeout}, {@code
 * connect}, {@code io}), never an exception.
 */
sealed interface LoadChat permits LoadChat.Rest, LoadChat.Socket {
    /** How long one turn may take before it counts as a {@code timeout} error. */
    Duration TIMEOUT = Duration.ofSeconds(30);

    /** A new conversation (nothing is sent yet); {@code productId} may be null. */
    Conversation open(String productId);

    /** One conversation. Turns are sent one after the other, never two at once. */
    interface Conversation {
        CompletableFuture<Outcome> send(String text);

        /** Ends the conversation on the client side (a socket is closed); idempotent. */
        default void close() {}
    }

    /** What one turn got: {@code error} null when the server answered it, else what went wrong. */
    record Outcome(String error) {
        static final Outcome OK = new Outcome(null);

        boolean ok() {
            return error == null;
        }
    }

    /** What went wrong, from an exception of the HTTP client. */
    static Outcome failure(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return new Outcome("timeout");
        }
        if (cause instanceof ConnectException) {
            return new Outcome("connect");
        }
        return new Outcome("io");
    }

    /** The server's address without a trailing slash. */
    private static String root(URI base) {
        return base.toString().replaceAll("/+$", "");
    }

    /** {@code POST /api/v1/chat}. */
    final class Rest implements LoadChat {
        private static final ObjectMapper JSON = new ObjectMapper();

        private final HttpClient http;
        private final URI chat;

        Rest(HttpClient http, URI base) {
            this.http = http;
            this.chat = URI.create(root(base) + "/api/v1/chat");
        }

        @Override
        public Conversation open(String productId) {
            return new Conversation() {
                private String id;
                private String token;

                @Override
                public CompletableFuture<Outcome> send(String text) {
                    ObjectNode body = JSON.createObjectNode();
                    if (id != null) {
                        body.put("conversationId", id);
                    }
                    body.put("text", text);
                    if (productId != null) {
                        body.putObject("context").put("productId", productId);
                    }
                    HttpRequest.Builder request = HttpRequest.newBuilder(chat)
                            .timeout(TIMEOUT)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
                    if (token != null) {
                        request.header(HttpChannel.TOKEN_HEADER, token);
                    }
                    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                            .handle((response, e) -> e != null ? failure(e) : answered(response));
                }

                private Outcome answered(HttpResponse<String> response) {
                    if (response.statusCode() != 200) {
                        return new Outcome(Integer.toString(response.statusCode()));
                    }
                    try {
                        JsonNode answer = JSON.readTree(response.body());
                        if (id == null) {
                            id = answer.path("conversationId").asText(null);
                        }
                        String issued = answer.path("conversationToken").asText(null);
                        token = issued == null ? token : issued;
                        return id == null ? new Outcome("no_conversation_id") : Outcome.OK;
                    } catch (JsonProcessingException e) {
                        return new Outcome("not_json");
                    }
                }
            };
        }
    }

    /** The widget's {@code /ws/chat}: one socket per conversation, opened by its first turn. */
    final class Socket implements LoadChat {
        private static final ObjectMapper JSON = new ObjectMapper();

        private final HttpClient http;
        private final URI socket;
        private final AtomicLong clientIds = new AtomicLong();

        Socket(HttpClient http, URI base) {
            this.http = http;
            this.socket = URI.create(root(base).replaceFirst("^http", "ws") + "/ws/chat");
        }

        @Override
        public Conversation open(String productId) {
            return new SocketConversation(productId);
        }

        /**
         * Opens a socket and says {@code hello} (with the product page, if any); completes with the
         * socket once the server's {@code welcome} came. Idle sockets are opened this way too.
         */
        CompletableFuture<WebSocket> connect(String productId, Frames listener) {
            ObjectNode hello = JSON.createObjectNode().put("type", "hello");
            if (productId != null) {
                hello.putObject("context").put("productId", productId);
            }
            return http.newWebSocketBuilder()
                    .connectTimeout(TIMEOUT)
                    .buildAsync(socket, listener)
                    .thenCompose(ws -> {
                        CompletableFuture<JsonNode> welcome = listener.expect("welcome");
                        return ws.sendText(hello.toString(), true).thenCompose(sent -> welcome.thenApply(w -> ws));
                    })
                    .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        private final class SocketConversation implements Conversation {
            private final String productId;
            private final Frames frames = new Frames();
            private CompletableFuture<WebSocket> opened;

            SocketConversation(String productId) {
                this.productId = productId;
            }

            @Override
            public CompletableFuture<Outcome> send(String text) {
                if (opened == null) {
                    opened = connect(productId, frames);
                }
                String clientId = Long.toString(clientIds.incrementAndGet(), 36);
                String frame = JSON.createObjectNode()
                        .put("type", "message")
                        .put("text", text)
                        .put("clientId", clientId)
                        .toString();
                return opened.thenCompose(ws -> {
                            CompletableFuture<JsonNode> reply = frames.expect(clientId);
                            return ws.sendText(frame, true).thenCompose(sent -> reply);
                        })
                        .orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .handle((answer, e) -> {
                            if (e != null) {
                                return failure(e);
                            }
                            return answer.path("type").asText().equals("error")
                                    ? new Outcome(
                                            answer.path("error").path("code").asText("error"))
                                    : Outcome.OK;
                        });
            }

            @Override
            public void close() {
                if (opened != null) {
                    opened.thenAccept(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
                }
            }
        }
    }

    /**
     * A socket's listener: whole text frames, each completing what waits for it (a {@code welcome}
     * by its type, a {@code reply} or {@code error} by its {@code clientId}); outreach messages (a
     * {@code message} with {@code outreach}) are counted; other frames ({@code typing}, {@code
     * state}) are read and dropped.
     */
    final class Frames implements WebSocket.Listener {
        private static final ObjectMapper JSON = new ObjectMapper();

        private final Map<String, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final AtomicInteger outreach = new AtomicInteger();
        private final AtomicLong lastOutreachNanos = new AtomicLong();

        CompletableFuture<JsonNode> expect(String key) {
            return waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
        }

        /** The outreach messages the server pushed to this socket. */
        int outreach() {
            return outreach.get();
        }

        /** When the last of them came ({@link System#nanoTime}), or 0 if none did. */
        long lastOutreachNanos() {
            return lastOutreachNanos.get();
        }

        /** Completes with the close code when the server closes the socket (or -1 when it breaks). */
        CompletableFuture<Integer> closed() {
            return closed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode frame = JSON.readTree(text);
                    String type = frame.path("type").asText();
                    String key = type.equals("welcome")
                            ? type
                            : frame.path("clientId").asText(null);
                    if (type.equals("message") && frame.has("outreach")) {
                        outreach.incrementAndGet();
                        lastOutreachNanos.set(System.nanoTime());
                    }
                    if (key != null && (type.equals("welcome") || type.equals("reply") || type.equals("error"))) {
                        expect(key).complete(frame);
                        waiting.remove(key);
                    }
                } catch (IOException e) {
                    waiting.values().forEach(w -> w.completeExceptionally(e));
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            IOException gone = new IOException("socket closed: " + statusCode + " " + reason);
            waiting.values().forEach(w -> w.completeExceptionally(gone));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
            waiting.values().forEach(w -> w.completeExceptionally(error));
        }
    }
}
