package dev.kefu.channels.widget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The widget's WebSocket against the real server: hello, message, reply, feedback, resume. */
class ChatSocketIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    /** A WebSocket client that queues every text frame it receives. */
    static final class Client implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final WebSocket socket;
        private final StringBuilder partial = new StringBuilder();

        Client() throws Exception {
            socket = server.http()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create("ws://localhost:" + server.port() + "/ws/chat"), this)
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

        void send(String json) throws Exception {
            socket.sendText(json, true).get(5, TimeUnit.SECONDS);
        }

        JsonNode next(String type) throws Exception {
            while (true) {
                JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
                assertThat(frame).as("a %s frame", type).isNotNull();
                if (frame.path("type").asText().equals(type)) {
                    return frame;
                }
            }
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    @Test
    void should_round_trip_a_message_with_cited_reply_and_feedback() throws Exception {
        try (Client client = new Client()) {
            client.send("{\"type\": \"hello\", \"locale\": \"en\"}");
            JsonNode welcome = client.next("welcome");
            assertThat(welcome.path("conversationId").asText()).isNotBlank();
            assertThat(welcome.path("messages")).isEmpty();

            client.send("{\"type\": \"message\", \"text\": \"How long does delivery take?\", \"clientId\": \"m-1\"}");
            JsonNode reply = client.next("reply");

            assertThat(reply.path("clientId").asText()).isEqualTo("m-1");
            assertThat(reply.path("conversationId").asText())
                    .isEqualTo(welcome.path("conversationId").asText());
            assertThat(reply.path("replies").get(0).path("citations").findValuesAsText("entryId"))
                    .contains("policy-shipping");

            long seq = reply.path("replies").get(0).path("seq").asLong();
            client.send("{\"type\": \"feedback\", \"seq\": " + seq + ", \"helpful\": true}");
            assertThat(client.next("feedbackAck").path("seq").asLong()).isEqualTo(seq);
        }
    }

    @Test
    void should_restore_history_without_duplicates_when_widget_reconnects() throws Exception {
        String conversationId;
        try (Client first = new Client()) {
            first.send("{\"type\": \"hello\"}");
            conversationId = first.next("welcome").path("conversationId").asText();
            first.send("{\"type\": \"message\", \"text\": \"退货政策是什么？\"}");
            first.next("reply");
        }
        try (Client second = new Client()) {
            second.send("{\"type\": \"hello\", \"conversationId\": \"" + conversationId + "\"}");
            JsonNode welcome = second.next("welcome");
            assertThat(welcome.path("conversationId").asText()).isEqualTo(conversationId);
            assertThat(welcome.path("messages").findValuesAsText("seq")).containsExactly("1", "2");
            assertThat(welcome.path("messages").findValuesAsText("from")).containsExactly("shopper", "bot");
        }
    }

    @Test
    void should_answer_error_frame_and_keep_socket_open_when_frame_is_bad() throws Exception {
        try (Client client = new Client()) {
            client.send("not json");
            assertThat(client.next("error").path("error").path("code").asText()).isEqualTo("INVALID_JSON");
            client.send("{\"type\": \"message\", \"text\": \"hi\"}");
            assertThat(client.next("error").path("error").path("code").asText()).isEqualTo("INVALID_FRAME");
            client.send("{\"type\": \"hello\"}");
            client.next("welcome");
            client.send("{\"type\": \"message\", \"text\": \"" + "长".repeat(2001) + "\", \"clientId\": \"m-9\"}");
            JsonNode error = client.next("error");
            assertThat(error.path("error").path("code").asText()).isEqualTo("TEXT_TOO_LONG");
            assertThat(error.path("clientId").asText()).isEqualTo("m-9");
        }
    }
}
