package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Every frame up to and including the next one of this type, in the order they came; fails
     * after 10 s without one. A check that nothing else arrived reads these: whatever the server
     * sent before that frame is among them.
     */
    public List<JsonNode> until(String type) throws Exception {
        List<JsonNode> received = new ArrayList<>();
        while (true) {
            JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a %s frame after %s", type, received).isNotNull();
            received.add(frame);
            if (frame.path("type").asText().equals(type)) {
                return received;
            }
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
