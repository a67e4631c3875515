package dev.kefu.channels.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shopper's request for their data, through the store's back end: {@code GET
 * /api/v1/shoppers/{id}/export} shows everything Kefu holds about them, their e-mail in the
 * transcript included, and after {@code POST .../erase} it is all gone while other shoppers' data
 * stays.
 */
class ShopperDataIT {
    private static final String EMAIL = "erase.me@example.com";

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static JsonNode store(String method, String path, String body) throws Exception {
        HttpResponse<String> response = server.send(method, path, body, RunningServer.STORE_TOKEN);
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isEqualTo(method.equals("POST") && path.equals("/api/v1/events") ? 202 : 200);
        return RunningServer.JSON.readTree(response.body());
    }

    /** A conversation of {@code shopperId}: a question, a "didn't help" (to the inbox), a rating. */
    private static String converse(String shopperId) throws Exception {
        JsonNode answer = server.postJson(
                "/api/v1/chat",
                Map.of("text", "How long does delivery take? Write to " + EMAIL, "shopper", Map.of("id", shopperId)));
        String conversation = answer.path("conversationId").asText();
        long seq = answer.path("replies").get(0).path("seq").asLong();
        server.postJson("/api/v1/chat/" + conversation + "/feedback", Map.of("seq", seq, "helpful", false));
        server.postJson("/api/v1/chat/" + conversation + "/rating", Map.of("score", 2, "comment", "slow"));
        store(
                "POST",
                "/api/v1/events",
                RunningServer.JSON.writeValueAsString(Map.of(
                        "shopperId", shopperId, "type", "order_placed", "amount", 99, "conversationId", conversation)));
        store("PUT", "/api/v1/shoppers/" + shopperId, "{\"tags\": [\"gift_buyer\"]}");
        return conversation;
    }

    private static String order(String shopperId) {
        return "{\"shopperId\": \"" + shopperId + "\", \"phoneLast4\": \"1234\", \"status\": \"paid\","
                + " \"placedAt\": \"2026-12-01T08:30:00Z\", \"items\": [{\"name\": \"Kettle\", \"quantity\": 1,"
                + " \"price\": 199}], \"shipments\": []}";
    }

    @Test
    void should_export_everything_held_about_a_shopper_and_nothing_after_it_was_erased() throws Exception {
        String conversation = converse("privacy-ann");
        String kept = converse("privacy-bob");
        for (String shopperId : List.of("privacy-ann", "privacy-bob")) {
            String orderNo = shopperId.equals("privacy-ann") ? "PV20261201001" : "PV20261201002";
            assertThat(server.send("PUT", "/api/v1/orders/" + orderNo, order(shopperId), RunningServer.STORE_TOKEN)
                            .statusCode())
                    .isEqualTo(201);
        }

        JsonNode export = store("GET", "/api/v1/shoppers/privacy-ann/export", null);
        assertThat(export.path("shopperId").asText()).isEqualTo("privacy-ann");
        assertThat(export.path("conversations")).singleElement().satisfies(c -> {
            assertThat(c.path("id").asText()).isEqualTo(conversation);
            JsonNode question = c.path("messages").get(0);
            assertThat(question.path("from").asText()).isEqualTo("shopper");
            assertThat(question.path("text").asText()).endsWith("Write to " + EMAIL);
            assertThat(question.path("signals").path("intent").asText()).isNotEmpty();
            assertThat(c.path("events").findValuesAsText("type")).contains("feedback", "rating");
            assertThat(c.path("events").toString()).contains("\"comment\":\"slow\"");
        });
        assertThat(export.path("storefrontEvents").findValuesAsText("type")).containsExactly("order_placed");
        assertThat(export.path("profile").path("tags").toString()).isEqualTo("[\"gift_buyer\"]");
        assertThat(export.path("unansweredQuestions"))
                .singleElement()
                .satisfies(q -> assertThat(q.path("text").asText()).endsWith("Write to <EMAIL>"));
        assertThat(export.path("orders").findValuesAsText("orderNo")).containsExactly("PV20261201001");
        assertThat(export.toString()).doesNotContain("privacy-bob", kept);

        JsonNode erased = store("POST", "/api/v1/shoppers/privacy-ann/erase", null);
        assertThat(erased.path("erased").path("conversations").asInt()).isEqualTo(1);
        assertThat(erased.path("erased").path("messages").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(erased.path("erased").path("conversationEvents").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(erased.path("erased").path("storefrontEvents").asInt()).isEqualTo(1);
        assertThat(erased.path("erased").path("shopperProfiles").asInt()).isEqualTo(1);
        assertThat(erased.path("erased").path("unansweredQuestions").asInt()).isEqualTo(1);
        assertThat(erased.path("erased").path("orders").asInt()).isEqualTo(1);

        JsonNode after = store("GET", "/api/v1/shoppers/privacy-ann/export", null);
        assertThat(after.toString()).doesNotContain(EMAIL, conversation);
        assertThat(after.path("conversations")).isEmpty();
        assertThat(after.path("storefrontEvents")).isEmpty();
        assertThat(after.path("unansweredQuestions")).isEmpty();
        assertThat(after.path("profile").isNull()).isTrue();
        assertThat(after.path("orders")).isEmpty();
        assertThat(server.send("GET", "/api/v1/orders/PV20261201001", null, RunningServer.STORE_TOKEN)
                        .statusCode())
                .isEqualTo(404);
        assertThat(server.get("/api/v1/chat/" + conversation + "/messages").statusCode())
                .isEqualTo(404);
        assertThat(server.trainer("GET", "/api/v1/kb/unanswered", null).toString())
                .doesNotContain(conversation);

        JsonNode bob = store("GET", "/api/v1/shoppers/privacy-bob/export", null);
        assertThat(bob.path("conversations")).hasSize(1);
        assertThat(bob.path("unansweredQuestions")).hasSize(1);
        assertThat(bob.path("orders")).hasSize(1);
    }

    @Test
    void should_refuse_a_shopper_id_that_is_too_long_without_touching_anything() throws Exception {
        HttpResponse<String> refused =
                server.send("POST", "/api/v1/shoppers/" + "x".repeat(129) + "/erase", null, RunningServer.STORE_TOKEN);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("INVALID_FIELD");
    }
}
