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
 * Purchase-side events come from the store's back end (store token); a browser may report a click
 * on a marketing line or a product view only for its own conversation (its token), and a click is
 * a click, never a conversion. Replies do not tell the browser which experiment arm it is in.
 */
class StorefrontEventsIT {
    private static final String STROLLER_QUESTION = "Is the CloudNest Cloud Lite Stroller easy to fold?";
    private static final String RESULTS = "/api/v1/experiments/demo-mother-baby/results";

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @Test
    void should_refuse_anonymous_purchase_events_and_accept_the_store_s() throws Exception {
        for (String type : List.of("order_placed", "added_to_cart", "order_refunded")) {
            String body = "{\"shopperId\": \"forger\", \"type\": \"" + type + "\", \"amount\": 99999}";
            HttpResponse<String> anonymous = server.post("/api/v1/events", body);
            assertThat(anonymous.statusCode()).as(type).isEqualTo(401);
            assertThat(anonymous.body()).contains("UNAUTHORIZED");
            assertThat(server.send("POST", "/api/v1/events", body, RunningServer.TRAINER_TOKEN)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(server.send("POST", "/api/v1/events", body, RunningServer.STORE_TOKEN)
                            .statusCode())
                    .isEqualTo(202);
        }
    }

    @Test
    void should_take_a_browser_s_click_only_for_its_own_conversation_and_never_as_a_conversion() throws Exception {
        JsonNode answer = server.postJson(
                "/api/v1/chat", Map.of("text", STROLLER_QUESTION, "shopper", Map.of("tags", List.of("mother_baby"))));
        String id = answer.path("conversationId").asText();
        String token = answer.path("conversationToken").asText();
        JsonNode slot = answer.path("slots").get(0);
        assertThat(slot.path("scriptId").asText()).isEqualTo("mother-baby-stroller-accessories");
        assertThat(slot.has("experimentId")).as("the arm stays on the server").isFalse();
        assertThat(slot.has("variant")).isFalse();

        String click = "{\"type\": \"slot_clicked\", \"conversationId\": \"" + id
                + "\", \"scriptId\": \"mother-baby-stroller-accessories\"}";
        JsonNode before = server.trainer("GET", RESULTS, null);
        assertThat(server.post("/api/v1/events", click).statusCode()).isEqualTo(404);
        String someoneElse = server.postJson("/api/v1/chat", Map.of("text", "hello"))
                .path("conversationToken")
                .asText();
        assertThat(server.send("POST", "/api/v1/events", click, null, someoneElse)
                        .statusCode())
                .isEqualTo(404);
        String order = "{\"type\": \"order_placed\", \"conversationId\": \"" + id + "\", \"amount\": 99999}";
        assertThat(server.send("POST", "/api/v1/events", order, null, token).statusCode())
                .as("a purchase needs the store")
                .isEqualTo(401);

        assertThat(server.send("POST", "/api/v1/events", click, null, token).statusCode())
                .isEqualTo(202);
        JsonNode after = server.trainer("GET", RESULTS, null);
        long clicks = 0;
        long conversions = 0;
        for (String arm : List.of("accessories", "promotion")) {
            clicks += armOf(after, arm).path("clicks").asLong()
                    - armOf(before, arm).path("clicks").asLong();
            conversions += armOf(after, arm).path("conversions").asLong()
                    - armOf(before, arm).path("conversions").asLong();
        }
        assertThat(clicks).isEqualTo(1);
        assertThat(conversions).isZero();
    }

    private static JsonNode armOf(JsonNode results, String arm) {
        for (JsonNode each : results.path("arms")) {
            if (each.path("arm").asText().equals(arm)) {
                return each;
            }
        }
        return RunningServer.JSON.createObjectNode();
    }
}
