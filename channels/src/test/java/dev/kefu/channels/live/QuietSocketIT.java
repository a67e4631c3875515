package dev.kefu.channels.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.channels.app.RunningServer;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A widget socket that sends nothing, as a browser's idle widget: the server's pings keep it open
 * past the idle timeout; without them (the control) the server closes it at the timeout. Short
 * timeouts configured, so the test waits for events, not the default 60 s.
 */
class QuietSocketIT {
    private static final long IDLE_MS = 1_500;

    @RegisterExtension
    static final RunningServer pinging = new RunningServer(
            Map.of("server.websocketIdleTimeoutMs", Long.toString(IDLE_MS), "server.websocketPingMs", "500"));

    @RegisterExtension
    static final RunningServer silent = new RunningServer(
            Map.of("server.websocketIdleTimeoutMs", Long.toString(IDLE_MS), "server.websocketPingMs", "0"));

    @Test
    void should_keep_a_silent_widget_socket_open_past_the_idle_timeout_when_the_server_pings() throws Exception {
        Listener listener = new Listener();
        WebSocket socket = open(pinging, listener);
        long opened = System.nanoTime();
        // Every ping that comes is the server keeping the socket open; wait for one well past the
        // point where an unpinged socket is closed (three idle timeouts after opening).
        long pings = 0;
        while (System.nanoTime() - opened < TimeUnit.MILLISECONDS.toNanos(3 * IDLE_MS)) {
            Object event = listener.events.poll(IDLE_MS, TimeUnit.MILLISECONDS);
            assertThat(event).as("a ping within one idle timeout").isNotNull();
            assertThat(event).as("pinged, not closed").isInstanceOf(ByteBuffer.class);
            pings++;
        }
        assertThat(pings).isGreaterThanOrEqualTo(4);
        assertThat(socket.isInputClosed()).isFalse();
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void should_close_a_silent_socket_at_the_idle_timeout_when_pings_are_off() throws Exception {
        Listener listener = new Listener();
        open(silent, listener);
        long opened = System.nanoTime();
        Object event = listener.events.poll(30, TimeUnit.SECONDS);
        assertThat(event).as("closed by the server").isInstanceOf(Integer.class);
        assertThat(System.nanoTime() - opened).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(IDLE_MS - 100));
    }

    private static WebSocket open(RunningServer server, Listener listener) throws Exception {
        return server.http()
                .newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + server.port() + "/ws/chat"), listener)
                .get(5, TimeUnit.SECONDS);
    }

    /** Queues each ping (its payload) and the close (its status code, -1 for a dropped connection); answers pings as a browser does. */
    private static final class Listener implements WebSocket.Listener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            events.add(message);
            return WebSocket.Listener.super.onPing(webSocket, message); // the client's pong is sent for it
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            events.add(statusCode);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            events.add(-1); // the connection dropped without a close frame: closed all the same
        }
    }
}
