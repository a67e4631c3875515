package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.channels.app.WsClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cards a reply carries, over the public API and the widget's socket: an order card for the
 * order an answer shows its owner (and none for anybody else), its timeline the latest events
 * only, and a product card with a working storefront link for an answer about one product.
 */
class ReplyCardsIT {
    /** The demo's shipped order of {@code demo-shopper} (DemoOrders). */
    private static final String DEMO_ORDER = "DD20261201001";

    private static final String DEMO_TRACKING = "SF1402938475610";

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static JsonNode ask(String text, String shopperId) throws Exception {
        return server.postJson(
                "/api/v1/chat",
                shopperId == null
                        ? Map.of("text", text, "locale", "en")
                        : Map.of(
                                "text",
                                text,
                                "locale",
                                "en",
                                "shopper",
                                Map.of("token", RunningServer.shopperToken(shopperId))));
    }

    @Test
    void should_carry_an_order_card_to_its_owner_only() throws Exception {
        JsonNode reply = ask("Where is my order " + DEMO_ORDER + "?", "demo-shopper")
                .path("replies")
                .get(0);
        JsonNode card = reply.path("cards").get(0);
        assertThat(reply.path("cards")).hasSize(1);
        assertThat(card.path("type").asText()).isEqualTo("order");
        assertThat(card.path("orderNo").asText()).isEqualTo(DEMO_ORDER);
        assertThat(card.path("status").asText()).isEqualTo("shipped");
        assertThat(card.path("statusLabel").asText()).isEqualTo("shipped, on its way");
        assertThat(card.path("items").get(0).path("name").asText()).isEqualTo("X200 无线耳机 X200 Wireless Earbuds");
        assertThat(card.path("items").get(0).path("price").asText()).isEqualTo("499.00");
        JsonNode parcel = card.path("shipments").get(0);
        assertThat(parcel.path("carrier").asText()).isEqualTo("SF Express");
        assertThat(parcel.path("trackingNumber").asText()).isEqualTo(DEMO_TRACKING);
        assertThat(parcel.path("estimatedDelivery").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(parcel.path("events").findValuesAsText("description"))
                .as("newest first")
                .containsExactly("Arrived at the Shanghai hub", "Picked up in Shenzhen");

        JsonNode stranger = ask("Where is my order " + DEMO_ORDER + "?", "someone-else");
        assertThat(stranger.path("replies").get(0).has("cards")).isFalse();
        JsonNode anonymous = ask("Where is my order " + DEMO_ORDER + "?", null);
        assertThat(anonymous.path("replies").get(0).has("cards")).isFalse();
    }

    @Test
    void should_show_only_the_latest_three_events_of_a_long_journey() throws Exception {
        StringBuilder events = new StringBuilder();
        for (int day = 1; day <= 5; day++) {
            events.append(day == 1 ? "" : ",")
                    .append("{\"at\": \"2026-11-0")
                    .append(day)
                    .append("T09:00:00Z\", \"status\": \"in_transit\", \"description\": \"Day ")
                    .append(day)
                    .append("\"}");
        }
        String order =
                "{\"shopperId\": \"long-way\", \"status\": \"delivered\", \"placedAt\": \"2026-10-31T08:00:00Z\","
                        + " \"items\": [{\"name\": \"Kettle\", \"quantity\": 2, \"price\": 139}],"
                        + " \"shipments\": [{\"carrier\": \"JD Logistics\", \"trackingNumber\": \"JD0001\","
                        + " \"estimatedDelivery\": \"2026-11-06\", \"events\": [" + events + "]}]}";
        assertThat(server.send("PUT", "/api/v1/orders/SO20261031009", order, RunningServer.STORE_TOKEN)
                        .statusCode())
                .isEqualTo(201);

        JsonNode card = ask("Where is my order SO20261031009?", "long-way")
                .path("replies")
                .get(0)
                .path("cards")
                .get(0);
        assertThat(card.path("statusLabel").asText()).isEqualTo("delivered");
        assertThat(card.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
        JsonNode parcel = card.path("shipments").get(0);
        assertThat(parcel.path("events").findValuesAsText("description")).containsExactly("Day 5", "Day 4", "Day 3");
        assertThat(parcel.path("estimatedDelivery").isNull())
                .as("a delivered parcel is expected no more")
                .isTrue();
    }

    @Test
    void should_carry_a_product_card_with_a_working_link_for_an_answer_about_one_product() throws Exception {
        JsonNode reply = ask("How much are the X200 Wireless Earbuds?", null)
                .path("replies")
                .get(0);
        assertThat(reply.path("cards")).hasSize(1);
        JsonNode card = reply.path("cards").get(0);
        assertThat(card.path("type").asText()).isEqualTo("product");
        assertThat(card.path("productId").asText()).isEqualTo("product-x200");
        assertThat(card.path("name").asText()).isEqualTo("X200 Wireless Earbuds");
        assertThat(card.path("price").asText()).isEqualTo("399.00");
        assertThat(card.path("currency").asText()).isEqualTo("CNY");
        assertThat(card.path("stock").asText()).isEqualTo("in_stock");
        assertThat(card.path("stockLabel").asText()).isEqualTo("in stock");
        assertThat(card.path("url").asText()).isEqualTo("/?product=product-x200");
        assertThat(server.get(card.path("url").asText()).statusCode()).isEqualTo(200);

        JsonNode policy =
                ask("How long does delivery take?", null).path("replies").get(0);
        assertThat(policy.has("cards")).as("no product in a policy answer").isFalse();
    }

    @Test
    void should_carry_the_cards_in_the_widget_socket_reply() throws Exception {
        try (WsClient client = new WsClient(server, "/ws/chat")) {
            client.send("{\"type\": \"hello\", \"locale\": \"zh-CN\", \"shopper\": {\"token\": \""
                    + RunningServer.shopperToken("demo-shopper") + "\"}}");
            client.next("welcome");
            client.send("{\"type\": \"message\", \"text\": \"我的订单" + DEMO_ORDER + "到哪了\", \"clientId\": \"c-1\"}");
            JsonNode card =
                    client.next("reply").path("replies").get(0).path("cards").get(0);
            assertThat(card.path("type").asText()).isEqualTo("order");
            assertThat(card.path("statusLabel").asText()).isEqualTo("已发货，正在运输途中");
            assertThat(card.path("shipments").get(0).path("trackingNumber").asText())
                    .isEqualTo(DEMO_TRACKING);
        }
    }
}
