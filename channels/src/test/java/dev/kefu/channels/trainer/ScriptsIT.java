package dev.kefu.channels.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Trainers read, preview and replace the script library on the running server. */
class ScriptsIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static final String GIFT_SCRIPT =
            """
            scripts:
              - id: gift-wrap
                stage: closing
                tags: [gift_buyer]
                position: quick_reply
                priority: 5
                variants:
                  - {id: wrap, lines: {en: "Gift-wrap the {product.name}", zh: "为{product.name}加礼品包装"}}
            """;

    @Test
    void should_preview_then_replace_the_library_and_use_it_for_the_next_message() throws Exception {
        HttpResponse<String> current = server.send("GET", "/api/v1/scripts", null, RunningServer.TRAINER_TOKEN);
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(current.body()).contains("experiment: demo-mother-baby").contains("# The demo store's marketing");

        JsonNode preview = server.trainer(
                "POST",
                "/api/v1/scripts/preview",
                RunningServer.JSON.writeValueAsString(Map.of(
                        "tags", List.of("mother_baby"), "productId", "product-stroller-cloud", "language", "en")));
        JsonNode script = preview.path("scripts").get(0);
        assertThat(script.path("scriptId").asText()).isEqualTo("mother-baby-stroller-accessories");
        assertThat(script.path("lines").findValuesAsText("variant")).containsExactly("accessories", "promotion");
        assertThat(script.path("lines").get(0).path("text").asText()).contains("CloudNest Cloud Lite Stroller");

        HttpResponse<String> broken =
                server.send("PUT", "/api/v1/scripts", "scripts: [{id: Bad, stage: nope}]", RunningServer.TRAINER_TOKEN);
        assertThat(broken.statusCode()).isEqualTo(422);
        assertThat(broken.body())
                .contains("INVALID_SCRIPTS")
                .contains("id must match")
                .contains("stage must be one of");
        assertThat(server.send("GET", "/api/v1/scripts", null, RunningServer.TRAINER_TOKEN)
                        .body())
                .as("a refused file changes nothing")
                .contains("demo-mother-baby");

        JsonNode saved = server.trainer("PUT", "/api/v1/scripts", GIFT_SCRIPT);
        assertThat(saved.path("scripts").asInt()).isEqualTo(1);
        assertThat(saved.path("experiments")).isEmpty();

        JsonNode answer = server.postJson(
                "/api/v1/chat",
                Map.of(
                        "text",
                        "Is the CloudNest Cloud Lite Stroller easy to fold?",
                        "shopper",
                        Map.of("id", "g-1", "tags", List.of("gift_buyer"))));
        JsonNode slot = answer.path("slots").get(0);
        assertThat(slot.path("scriptId").asText()).isEqualTo("gift-wrap");
        assertThat(slot.path("position").asText()).isEqualTo("quick_reply");
        assertThat(slot.path("text").asText()).isEqualTo("Gift-wrap the CloudNest Cloud Lite Stroller");
        assertThat(server.trainer("GET", "/api/v1/experiments", null).path("experiments"))
                .isEmpty();
        assertThat(server.send("PUT", "/api/v1/scripts", GIFT_SCRIPT, null).statusCode())
                .isEqualTo(401);
    }
}
