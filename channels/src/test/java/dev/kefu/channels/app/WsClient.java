package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A WebSocket client for tests that queues every text frame it receives, as JSON. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final WebSocket socket;
    private final StringBuilder partial = new StringBuilder();

    public WsClient(RunningServer server, String path) throws Exception {
        this(server.http(), server.port(), path);
    }

    public WsClient(java.net.http.HttpClient http, int port, String path) throws Exception {
        socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + path), this)
                .get(5, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                frames.add(RunningServer.JSON.readTree(partial.toString()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    public void send(String json) throws Exception {
        socket.sendText(json, true).get(5, TimeUnit.SECONDS);
    }

    /** The next frame of this type, skipping others; fails after 10 s without one. */
    public JsonNode next(String type) throws Exception {
        while (true) {
            JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a %s frame", type).isNotNull();
            if (frame.path("type").asText().equals(type)) {
                return frame;
            }
        }
    }

    /** Every frame received so far and within {@code millis} more, then forgets them. */
    public java.util.List<JsonNode> drain(long millis) throws InterruptedException {
        java.util.List<JsonNode> all = new java.util.ArrayList<>();
        long end = System.nanoTime() + millis * 1_000_000;
        JsonNode frame;
        while ((frame = frames.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
            all.add(frame);
        }
        return all;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
