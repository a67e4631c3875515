package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.channels.app.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The widget's WebSocket against the real server: hello, message, reply, feedback, resume. */
class ChatSocketIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @Test
    void should_round_trip_a_message_with_cited_reply_and_feedback() throws Exception {
        try (WsClient client = new WsClient(server, "/ws/chat")) {
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
        String token;
        try (WsClient first = new WsClient(server, "/ws/chat")) {
            first.send("{\"type\": \"hello\"}");
            JsonNode welcome = first.next("welcome");
            conversationId = welcome.path("conversationId").asText();
            token = welcome.path("conversationToken").asText();
            first.send("{\"type\": \"message\", \"text\": \"退货政策是什么？\"}");
            first.next("reply");
        }
        try (WsClient second = new WsClient(server, "/ws/chat")) {
            second.send("{\"type\": \"hello\", \"conversationId\": \"" + conversationId
                    + "\", \"conversationToken\": \"" + token + "\"}");
            JsonNode welcome = second.next("welcome");
            assertThat(welcome.path("conversationId").asText()).isEqualTo(conversationId);
            assertThat(welcome.path("messages").findValuesAsText("seq")).containsExactly("1", "2");
            assertThat(welcome.path("messages").findValuesAsText("from")).containsExactly("shopper", "bot");
        }
    }

    @Test
    void should_answer_error_frame_and_keep_socket_open_when_frame_is_bad() throws Exception {
        try (WsClient client = new WsClient(server, "/ws/chat")) {
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

    @Test
    void should_answer_about_the_product_page_the_widget_was_opened_on() throws Exception {
        try (WsClient client = new WsClient(server, "/ws/chat")) {
            client.send("{\"type\": \"hello\", \"context\": {\"productId\": \"product-stroller-cloud\"}}");
            client.next("welcome");
            client.send("{\"type\": \"message\", \"text\": \"这个多重\", \"clientId\": \"m-1\"}");
            JsonNode reply = client.next("reply");
            assertThat(reply.path("replies").get(0).path("citations").findValuesAsText("entryId"))
                    .first()
                    .isEqualTo("product-stroller-cloud");

            // a malformed context is refused with a stable code, and the socket stays open
            client.send("{\"type\": \"hello\", \"context\": {\"productId\": \"no such/page\"}}");
            assertThat(client.next("error").path("error").path("code").asText()).isEqualTo("INVALID_FIELD");
        }
    }
}
