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
 * Issue 20's checks over the public API, against the demo store's staged scripts: a {@code
 * mother_baby} shopper asking about strollers in general (no product named: the answer leads with
 * the promotion or the category) gets the need-discovery line within five shoppers; an angry one
 * never does; a calm "太贵了" gets the objection line and is answered, an angry one is handed off; the staged experiment splits shoppers 50/50 (45-55%), the gift one its shown arms beside a 10% holdout; an
 * order the store reports is attributed to the shopper's arm.
 */
class ScriptStagesIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static final String EXPERIMENT = "/api/v1/experiments/demo-mother-baby-stages";
    private static final String GIFT = "/api/v1/experiments/demo-gift-buyer";
    private static final String GENERAL = "Do you sell strollers?";

    private static JsonNode chat(String conversationId, String text, String shopperId) throws Exception {
        Map<String, Object> shopper =
                Map.of("token", RunningServer.shopperToken(shopperId), "tags", List.of("mother_baby"));
        return server.postJson(
                "/api/v1/chat",
                conversationId == null
                        ? Map.of("text", text, "shopper", shopper)
                        : Map.of("conversationId", conversationId, "text", text, "shopper", shopper));
    }

    private static String arm(String shopperId) throws Exception {
        return server.trainer("GET", EXPERIMENT + "/assignment?shopperId=" + shopperId, null)
                .path("variant")
                .asText();
    }

    @Test
    void should_show_a_need_discovery_line_within_five_tries_when_a_mother_baby_shopper_asks_about_strollers()
            throws Exception {
        for (String question : List.of(GENERAL, "有婴儿推车吗")) {
            JsonNode line = null;
            for (int i = 0; i < 5 && line == null; i++) { // each try a new shopper: one may be in the holdout
                JsonNode answer = chat(null, question, "general-" + i + "-" + question.length());
                assertThat(answer.path("replies")).hasSize(1);
                line = answer.path("slots").size() > 0 ? answer.path("slots").get(0) : null;
            }
            assertThat(line).as("a line within five tries for " + question).isNotNull();
            assertThat(line.path("scriptId").asText()).isEqualTo("mother-baby-journey");
            assertThat(line.path("stage").asText()).isEqualTo("need_discovery");
            assertThat(line.path("text").asText()).doesNotContain("{");
        }
    }

    @Test
    void should_never_show_a_line_to_an_angry_mother_baby_shopper() throws Exception {
        for (int i = 0; i < 5; i++) {
            JsonNode first =
                    chat(null, "This is unacceptable, the stroller arrived broken and I am furious!", "angry-" + i);
            assertThat(first.path("slots")).isEmpty();
            String id = first.path("conversationId").asText();
            if (!first.path("handoff").isNull()) {
                continue; // with a person now: the bot says nothing more
            }
            assertThat(chat(id, GENERAL, "angry-" + i).path("slots")).isEmpty();
        }
    }

    @Test
    void should_answer_a_calm_太贵了_with_the_objection_line_within_five_tries_and_hand_off_an_angry_one()
            throws Exception {
        String product = "云巢 Cloud Lite 轻便婴儿推车适合新生儿吗？";
        JsonNode line = null;
        for (int i = 0; i < 5 && line == null; i++) { // each try a new shopper: one may be in the holdout
            String shopper = "objection-" + i;
            String id = chat(null, product, shopper).path("conversationId").asText();
            JsonNode answer = chat(id, "太贵了", shopper);
            assertThat(answer.path("handoff").isNull())
                    .as("a calm price objection is answered, not handed off: " + answer)
                    .isTrue();
            for (JsonNode slot : answer.path("slots")) {
                line = slot.path("stage").asText().equals("objection_handling") ? slot : line;
            }
        }
        assertThat(line).as("an objection line within five tries").isNotNull();
        assertThat(line.path("text").asText()).isNotBlank().doesNotContain("{");

        for (int i = 0; i < 5; i++) {
            String shopper = "objection-angry-" + i;
            String id = chat(null, product, shopper).path("conversationId").asText();
            JsonNode angry = chat(id, "太贵了，简直是抢钱！垃圾", shopper);
            assertThat(angry.path("slots"))
                    .as("no line for an angry shopper: " + angry)
                    .isEmpty();
            assertThat(angry.path("handoff").isNull())
                    .as("handed to a person: " + angry)
                    .isFalse();
        }
    }

    @Test
    void should_split_a_thousand_shoppers_50_50_and_keep_the_gift_experiment_s_holdout() throws Exception {
        int fabe = 0;
        int wrap = 0;
        int gifted = 0;
        for (int i = 0; i < 1000; i++) {
            String arm = arm("shopper-" + i);
            assertThat(arm).isIn("fabe", "anchoring");
            fabe += arm.equals("fabe") ? 1 : 0;
            String gift = server.trainer("GET", GIFT + "/assignment?shopperId=shopper-" + i, null)
                    .path("variant")
                    .asText();
            assertThat(gift).isIn("wrap", "threshold-gift", "holdout");
            wrap += gift.equals("wrap") ? 1 : 0;
            gifted += gift.equals("holdout") ? 0 : 1;
        }
        assertThat(fabe / 1000.0).isBetween(0.45, 0.55);
        assertThat((double) wrap / gifted).isBetween(0.45, 0.55);
        assertThat(1000 - gifted).as("the gift experiment's 10% holdout").isBetween(70, 130);
    }

    @Test
    void should_attribute_an_order_placed_after_the_line_to_the_shopper_s_arm() throws Exception {
        String shopper = null;
        for (int i = 0; shopper == null; i++) {
            if (!arm("buyer-" + i).equals("holdout")) {
                shopper = "buyer-" + i;
            }
        }
        String arm = arm(shopper);
        JsonNode before = SlotsIT.armOf(server.trainer("GET", EXPERIMENT + "/results", null), arm);
        JsonNode answer = chat(null, GENERAL, shopper);
        assertThat(answer.path("slots").findValuesAsText("scriptId")).containsExactly("mother-baby-journey");

        HttpResponse<String> event = server.send(
                "POST",
                "/api/v1/events",
                "{\"shopperId\": \"" + shopper + "\", \"type\": \"order_placed\", \"productId\":"
                        + " \"product-stroller-cloud\", \"amount\": 1599.0}",
                RunningServer.STORE_TOKEN);
        assertThat(event.statusCode()).isEqualTo(202);

        JsonNode after = SlotsIT.armOf(server.trainer("GET", EXPERIMENT + "/results", null), arm);
        assertThat(after.path("exposures").asLong())
                .isEqualTo(before.path("exposures").asLong() + 1);
        assertThat(after.path("orders").asLong())
                .isEqualTo(before.path("orders").asLong() + 1);
        assertThat(after.path("revenue").asDouble())
                .isEqualTo(before.path("revenue").asDouble() + 1599.0);
    }

    @Test
    void should_preview_the_staged_lines_for_a_category() throws Exception {
        JsonNode preview = server.trainer(
                "POST",
                "/api/v1/scripts/preview",
                "{\"tags\": [\"mother_baby\"], \"categoryId\": \"category-mother-baby\", \"language\": \"zh\"}");
        JsonNode journey = null;
        for (JsonNode script : preview.path("scripts")) {
            if (script.path("scriptId").asText().equals("mother-baby-journey")) {
                journey = script;
            }
        }
        assertThat(journey).as("in " + preview).isNotNull();
        assertThat(journey.path("lines").findValuesAsText("stage")).contains("need_discovery", "closing");
        assertThat(journey.path("lines").get(0).path("text").asText())
                .contains("母婴")
                .doesNotContain("{");
    }
}
