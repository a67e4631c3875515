package dev.kefu.channels.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The orders in the agent's context, over the public API: a verified shopper's latest orders, an
 * anonymous shopper's only once proven by the phone's digits, and nobody else's.
 */
class DeskOrdersIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    /** The conversation after the shopper said {@code texts}, as the agent API shows it. */
    private static JsonNode conversationAfter(String shopperId, String... texts) throws Exception {
        String id = null;
        for (String text : texts) {
            Map<String, Object> body = new HashMap<>(Map.of("text", text, "locale", "en"));
            if (id != null) {
                body.put("conversationId", id);
            }
            if (shopperId != null) {
                body.put("shopper", Map.of("token", RunningServer.shopperToken(shopperId)));
            }
            id = server.postJson("/api/v1/chat", body).path("conversationId").asText();
        }
        return server.agent("GET", "/api/v1/agent/conversations/" + id, null).path("context");
    }

    @Test
    void should_show_a_verified_shoppers_latest_orders() throws Exception {
        JsonNode context = conversationAfter("demo-shopper", "hello");
        assertThat(context.path("ordersUnavailable").asBoolean()).isFalse();
        assertThat(context.path("orders").findValuesAsText("orderNo"))
                .as("newest first")
                .containsExactly("DD20261201001", "DD20261125003", "DD20261122005");
        JsonNode latest = context.path("orders").get(0);
        assertThat(latest.path("status").asText()).isEqualTo("shipped");
        assertThat(latest.path("shipments").get(0).path("trackingNumber").asText())
                .isEqualTo("SF1402938475610");
        assertThat(context.path("orders").get(1).path("shipments")).hasSize(2);
    }

    @Test
    void should_show_an_anonymous_shoppers_order_only_once_proven() throws Exception {
        assertThat(conversationAfter(null, "Where is my order DD20261201001?").path("orders"))
                .as("a number typed proves nothing")
                .isEmpty();
        assertThat(conversationAfter(null, "Where is my order DD20261201001?", "0000")
                        .path("orders"))
                .as("wrong digits")
                .isEmpty();
        assertThat(conversationAfter(null, "Where is my order DD20261201001?", "8000")
                        .path("orders")
                        .findValuesAsText("orderNo"))
                .containsExactly("DD20261201001");
    }

    @Test
    void should_show_no_one_elses_orders() throws Exception {
        assertThat(conversationAfter("someone-else", "Where is my order DD20261201001?")
                        .path("orders"))
                .isEmpty();
        assertThat(conversationAfter("demo-vip", "hello").path("orders").findValuesAsText("orderNo"))
                .containsExactly("DD20261204004");
    }
}
