package dev.kefu.channels.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Marketing slots against the real server and the demo store's scripts: a mother & baby shopper
 * (signed in: the store's token names them) asking about the stroller gets the experiment's line
 * beside the answer, in the arm the assignment endpoint names (the reply shows the line, not the
 * arm); upset or untagged shoppers get none; the split is 50/50.
 */
class SlotsIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static final String STROLLER_QUESTION = "Is the CloudNest Cloud Lite Stroller easy to fold?";

    private static JsonNode chat(String conversationId, String text, String shopperId, List<String> tags)
            throws Exception {
        Map<String, Object> shopper = Map.of("token", RunningServer.shopperToken(shopperId), "tags", tags);
        return server.postJson(
                "/api/v1/chat",
                conversationId == null
                        ? Map.of("text", text, "shopper", shopper)
                        : Map.of("conversationId", conversationId, "text", text, "shopper", shopper));
    }

    /** The arm a line was written for: the promotion's names the promotion (母婴周, Mother & Baby Week). */
    private static String armOfLine(JsonNode slot) {
        String text = slot.path("text").asText();
        return text.contains("Mother & Baby Week") || text.contains("母婴周") ? "promotion" : "accessories";
    }

    private static String arm(String shopperId) throws Exception {
        return server.trainer("GET", "/api/v1/experiments/demo-mother-baby/assignment?shopperId=" + shopperId, null)
                .path("variant")
                .asText();
    }

    @Test
    void should_show_the_assigned_stroller_line_to_a_mother_baby_shopper_asking_about_the_stroller() throws Exception {
        JsonNode answer = chat(null, STROLLER_QUESTION, "mum-1", List.of("mother_baby"));

        assertThat(answer.path("replies")).hasSize(1);
        assertThat(answer.path("replies").get(0).path("citations").findValuesAsText("entryId"))
                .anyMatch(id -> id.contains("stroller"));
        JsonNode slot = answer.path("slots").get(0);
        assertThat(answer.path("slots")).hasSize(1);
        assertThat(slot.path("scriptId").asText()).isEqualTo("mother-baby-stroller-accessories");
        assertThat(slot.has("experimentId")).as("the arm stays on the server").isFalse();
        assertThat(slot.has("variant")).isFalse();
        assertThat(armOfLine(slot)).isEqualTo(arm("mum-1"));
        assertThat(slot.path("position").asText()).isEqualTo("after");
        assertThat(slot.path("text").asText()).contains("Cloud Lite").doesNotContain("{");

        JsonNode again = chat(null, "云巢 Cloud Lite 轻便婴儿推车好折叠吗？", "mum-1", List.of("mother_baby"));
        assertThat(armOfLine(again.path("slots").get(0)))
                .as("the same arm on every visit")
                .isEqualTo(arm("mum-1"));
        assertThat(again.path("slots").get(0).path("text").asText())
                .containsAnyOf("搭配", "添置")
                .contains("推车")
                .doesNotContain("{");
    }

    @Test
    void should_show_a_line_only_once_in_a_conversation() throws Exception {
        JsonNode first = chat(null, STROLLER_QUESTION, "mum-4", List.of("mother_baby"));
        assertThat(first.path("slots")).hasSize(1);
        JsonNode second = chat(
                first.path("conversationId").asText(),
                "How much does the CloudNest Cloud Lite Stroller weigh?",
                "mum-4",
                List.of("mother_baby"));
        assertThat(second.path("replies")).hasSize(1);
        assertThat(second.path("slots")).isEmpty();
        JsonNode reasons =
                server.trainer("GET", "/api/v1/slots/suppressions?days=1", null).path("reasons");
        assertThat(reasons.path("repeated_line").asLong()).isPositive();
        assertThat(server.send("GET", "/api/v1/slots/suppressions?days=0", null, RunningServer.TRAINER_TOKEN)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void should_infer_the_mother_baby_tag_from_what_an_untagged_shopper_writes() throws Exception {
        JsonNode answer = chat(null, "我家宝宝快出生了，云巢 Cloud Lite 轻便婴儿推车好折叠吗？", "expecting-1", List.of());

        assertThat(answer.path("slots")).hasSize(1);
        assertThat(answer.path("slots").get(0).path("scriptId").asText()).isEqualTo("mother-baby-stroller-accessories");
    }

    @Test
    void should_show_no_line_to_an_upset_or_untagged_shopper() throws Exception {
        assertThat(chat(null, STROLLER_QUESTION, "someone", List.of()).path("slots"))
                .isEmpty();
        JsonNode first =
                chat(null, "This is terrible, the worst shop ever, I am furious!", "mum-2", List.of("mother_baby"));
        String id = first.path("conversationId").asText();
        chat(id, "Awful service, completely unacceptable!", "mum-2", List.of("mother_baby"));
        JsonNode after = chat(id, STROLLER_QUESTION, "mum-2", List.of("mother_baby"));
        assertThat(after.path("slots")).isEmpty();
    }

    @Test
    void should_attribute_an_order_placed_after_the_exposure_to_the_shopper_s_arm() throws Exception {
        String arm = arm("mum-3");
        JsonNode before = server.trainer("GET", "/api/v1/experiments/demo-mother-baby/results", null);
        JsonNode answer = chat(null, STROLLER_QUESTION, "mum-3", List.of("mother_baby"));
        assertThat(armOfLine(answer.path("slots").get(0))).isEqualTo(arm);

        HttpResponse<String> event = store(
                "{\"shopperId\": \"mum-3\", \"type\": \"order_placed\", \"productId\": \"product-stroller-rain-cover\","
                        + " \"amount\": 89.0}");
        assertThat(event.statusCode()).isEqualTo(202);
        store("{\"shopperId\": \"mum-3\", \"type\": \"product_viewed\"}");

        JsonNode after = server.trainer("GET", "/api/v1/experiments/demo-mother-baby/results", null);
        assertThat(after.path("attributionHours").asInt()).isEqualTo(72);
        JsonNode was = armOf(before, arm);
        JsonNode now = armOf(after, arm);
        assertThat(now.path("exposures").asLong())
                .isEqualTo(was.path("exposures").asLong() + 1);
        assertThat(now.path("conversions").asLong())
                .isEqualTo(was.path("conversions").asLong() + 1);
        assertThat(now.path("orders").asLong()).isEqualTo(was.path("orders").asLong() + 1);
        assertThat(now.path("revenue").asDouble()).isEqualTo(was.path("revenue").asDouble() + 89.0);
        assertThat(now.path("clicks").asLong()).isEqualTo(was.path("clicks").asLong());
        assertThat(now.path("service").path("conversations").asLong())
                .isEqualTo(was.path("service").path("conversations").asLong() + 1);
        assertThat(now.path("service").path("handoffs").asLong())
                .isEqualTo(was.path("service").path("handoffs").asLong());
        assertThat(after.path("scriptId").asText()).isEqualTo("mother-baby-stroller-accessories");
        assertThat(after.path("status").asText()).isEqualTo("running");
        assertThat(now.path("low").asDouble())
                .isLessThanOrEqualTo(now.path("rate").asDouble());
        assertThat(now.path("high").asDouble())
                .isGreaterThanOrEqualTo(now.path("rate").asDouble());
        assertThat(after.path("arms").findValuesAsText("arm")).containsExactlyInAnyOrder("accessories", "promotion");

        assertThat(store("{\"type\": \"order_placed\"}").statusCode()).isEqualTo(400);
        assertThat(store("{\"shopperId\": \"x\", \"type\": \"Order Placed!\"}").statusCode())
                .isEqualTo(400);
        assertThat(store("{\"shopperId\": \"x\", \"type\": \"order_placed\", \"amount\": -1}")
                        .statusCode())
                .isEqualTo(400);
    }

    /** A storefront event from the store's back end (store token). */
    private static HttpResponse<String> store(String body) throws Exception {
        return server.send("POST", "/api/v1/events", body, RunningServer.STORE_TOKEN);
    }

    /** The arm of an experiment's results, by id (also used by {@link ScriptStagesIT}). */
    static JsonNode armOf(JsonNode results, String arm) {
        for (JsonNode each : results.path("arms")) {
            if (each.path("arm").asText().equals(arm)) {
                return each;
            }
        }
        throw new AssertionError("no arm " + arm + " in " + results);
    }

    @Test
    void should_split_a_thousand_shoppers_evenly_across_the_50_50_experiment() throws Exception {
        JsonNode experiments = server.trainer("GET", "/api/v1/experiments", null);
        assertThat(experiments.path("experiments").findValuesAsText("id")).contains("demo-mother-baby");
        int accessories = 0;
        for (int i = 0; i < 1000; i++) {
            String arm = arm("shopper-" + i);
            assertThat(arm).isIn("accessories", "promotion");
            accessories += arm.equals("accessories") ? 1 : 0;
        }
        assertThat(accessories).isBetween(450, 550);
        assertThat(server.send("GET", "/api/v1/experiments", null, null).statusCode())
                .isEqualTo(401);
        assertThat(server.send(
                                "GET",
                                "/api/v1/experiments/nope/assignment?shopperId=x",
                                null,
                                RunningServer.TRAINER_TOKEN)
                        .statusCode())
                .isEqualTo(404);
    }
}
