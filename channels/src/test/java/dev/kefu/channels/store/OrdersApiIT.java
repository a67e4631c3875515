package dev.kefu.channels.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store pushes its orders over {@code /api/v1/orders/{orderNo}} with its token: stored, read
 * back as sent (the number canonical), replaced, deleted; refused without the token; a body that
 * does not describe an order is refused with every problem listed.
 */
class OrdersApiIT {
    static final String ORDER = "{\"shopperId\": \"ann\", \"phoneLast4\": \"1234\", \"status\": \"shipped\","
            + " \"placedAt\": \"2026-12-01T08:30:00Z\","
            + " \"items\": [{\"productId\": \"x200\", \"name\": \"X200 Earbuds\", \"quantity\": 1, \"price\": 499.0}],"
            + " \"shipments\": [{\"carrier\": \"SF Express\", \"trackingNumber\": \"SF1234567890\","
            + " \"estimatedDelivery\": \"2026-12-04\", \"events\": ["
            + "{\"at\": \"2026-12-02T09:00:00Z\", \"status\": \"in_transit\", \"description\": \"Left Shenzhen\"},"
            + "{\"at\": \"2026-12-01T20:00:00Z\", \"status\": \"picked_up\", \"description\": \"Picked up\"}]}]}";

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static HttpResponse<String> store(String method, String orderNo, String body) throws Exception {
        return server.send(method, "/api/v1/orders/" + orderNo, body, RunningServer.STORE_TOKEN);
    }

    @Test
    void should_store_read_replace_and_delete_an_order_with_the_store_token() throws Exception {
        HttpResponse<String> created = store("PUT", "so-2026-1201-001", ORDER);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode order = RunningServer.JSON.readTree(created.body());
        assertThat(order.path("orderNo").asText()).isEqualTo("SO20261201001");

        JsonNode read =
                RunningServer.JSON.readTree(store("GET", "SO20261201001", null).body());
        assertThat(read.path("shopperId").asText()).isEqualTo("ann");
        assertThat(read.path("status").asText()).isEqualTo("shipped");
        assertThat(read.path("items").get(0).path("price").decimalValue()).isEqualByComparingTo("499");
        JsonNode shipment = read.path("shipments").get(0);
        assertThat(shipment.path("trackingNumber").asText()).isEqualTo("SF1234567890");
        assertThat(shipment.path("estimatedDelivery").asText()).isEqualTo("2026-12-04");
        assertThat(shipment.path("events").get(0).path("status").asText())
                .as("the timeline, oldest first")
                .isEqualTo("picked_up");

        assertThat(store("PUT", "SO20261201001", ORDER.replace("\"shipped\"", "\"delivered\""))
                        .statusCode())
                .isEqualTo(200);
        assertThat(RunningServer.JSON
                        .readTree(store("GET", "so20261201001", null).body())
                        .path("status")
                        .asText())
                .isEqualTo("delivered");

        assertThat(store("DELETE", "SO20261201001", null).statusCode()).isEqualTo(204);
        assertThat(store("GET", "SO20261201001", null).statusCode()).isEqualTo(404);
        assertThat(store("DELETE", "SO20261201001", null).statusCode()).isEqualTo(404);
    }

    @Test
    void should_refuse_a_caller_without_the_store_token() throws Exception {
        assertThat(server.send("PUT", "/api/v1/orders/SO1", ORDER, null).statusCode())
                .isEqualTo(401);
        assertThat(server.send("PUT", "/api/v1/orders/SO1", ORDER, RunningServer.AGENT_TOKEN)
                        .statusCode())
                .isEqualTo(401);
        assertThat(server.send("GET", "/api/v1/orders/SO1", null, null).statusCode())
                .isEqualTo(401);
        assertThat(store("GET", "SO1", null).statusCode())
                .as("nothing was stored")
                .isEqualTo(404);
    }

    @Test
    void should_list_every_problem_of_a_bad_order() throws Exception {
        HttpResponse<String> refused = store(
                "PUT",
                "SO2",
                "{\"phoneLast4\": \"12\", \"status\": \"lost\", \"placedAt\": \"yesterday\","
                        + " \"items\": [{\"name\": \"\", \"quantity\": 0, \"price\": -1}],"
                        + " \"shipments\": [{\"carrier\": \"SF\", \"events\": [{\"at\": \"2026-12-02T09:00:00Z\"}]}]}");
        assertThat(refused.statusCode()).isEqualTo(422);
        JsonNode error = RunningServer.JSON.readTree(refused.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("INVALID_ORDER");
        assertThat(error.path("problems").toString())
                .contains("shopperId is required")
                .contains("phoneLast4 must be four digits")
                .contains("status must be one of pending_payment, paid, shipped")
                .contains("placedAt must be an ISO-8601 time")
                .contains("items[0].name")
                .contains("items[0].quantity")
                .contains("items[0].price")
                .contains("shipments[0].trackingNumber is required")
                .contains("shipments[0].events[0].status is required")
                .contains("shipments[0].events[0].description is required");
        assertThat(error.path("problems")).hasSize(10);

        assertThat(store("PUT", "SO2", "[1]").statusCode()).isEqualTo(400);
        assertThat(store("PUT", "SO2", "not json").statusCode()).isEqualTo(400);
        assertThat(store("PUT", "SO%20%2F", ORDER).statusCode())
                .as("not an order number")
                .isIn(400, 404);
        assertThat(store("GET", "SO2", null).statusCode()).isEqualTo(404);
    }
}
