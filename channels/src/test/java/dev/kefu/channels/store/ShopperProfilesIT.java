package dev.kefu.channels.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store's back end keeps its shoppers' tags over {@code /api/v1/shoppers/{id}} (store token),
 * and the next message of the shopper the store signed for is targeted and routed by them: a mother
 * &amp; baby line for a shopper whose browser sent no tag, and straight to a person for a VIP the
 * store vouches for. An unsigned shopper id is only a hint: it finds no kept tags.
 */
class ShopperProfilesIT {
    private static final String STROLLER_QUESTION = "Is the CloudNest Cloud Lite Stroller easy to fold?";

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static HttpResponse<String> store(String method, String shopperId, String body) throws Exception {
        return server.send(method, "/api/v1/shoppers/" + shopperId, body, RunningServer.STORE_TOKEN);
    }

    private static JsonNode chat(String shopperId, String text) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("text", text);
        body.put("shopper", Map.of("token", RunningServer.shopperToken(shopperId)));
        return server.postJson("/api/v1/chat", body);
    }

    /** The same, from a browser that only says the shopper's id. */
    private static JsonNode unsigned(String shopperId, String text) throws Exception {
        return server.postJson("/api/v1/chat", Map.of("text", text, "shopper", Map.of("id", shopperId)));
    }

    @Test
    void should_target_and_route_a_shopper_by_the_tags_the_store_keeps_for_them() throws Exception {
        assertThat(chat("profile-mum", STROLLER_QUESTION).path("slots"))
                .as("no tag yet")
                .isEmpty();

        HttpResponse<String> put = store("PUT", "profile-mum", "{\"tags\": [\"mother_baby\", \"newcomer\"]}");
        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode profile = RunningServer.JSON.readTree(put.body());
        assertThat(profile.path("tags").toString()).isEqualTo("[\"mother_baby\",\"newcomer\"]");
        assertThat(profile.path("updatedBy").asText()).isEqualTo("it-store");
        assertThat(RunningServer.JSON
                        .readTree(store("GET", "profile-mum", null).body())
                        .path("tags")
                        .toString())
                .isEqualTo("[\"mother_baby\",\"newcomer\"]");

        assertThat(unsigned("profile-mum", STROLLER_QUESTION).path("slots"))
                .as("an unsigned id finds no kept tags")
                .isEmpty();
        JsonNode answer = chat("profile-mum", STROLLER_QUESTION);
        assertThat(answer.path("slots")).singleElement().satisfies(slot -> {
            assertThat(slot.path("scriptId").asText()).isEqualTo("mother-baby-stroller-accessories");
            assertThat(slot.path("text").asText()).contains("Cloud Lite");
        });

        assertThat(store("PUT", "profile-vip", "{\"tags\": [\"vip_diamond\"]}").statusCode())
                .isEqualTo(200);
        JsonNode vip = chat("profile-vip", "where is my parcel?");
        assertThat(vip.path("handoff").path("reason").asText()).isEqualTo("shopper_tag");

        assertThat(store("DELETE", "profile-mum", null).statusCode()).isEqualTo(204);
        assertThat(store("GET", "profile-mum", null).statusCode()).isEqualTo(404);
        assertThat(store("DELETE", "profile-mum", null).statusCode()).isEqualTo(404);
        assertThat(chat("profile-mum-2", STROLLER_QUESTION).path("slots")).isEmpty();
    }

    @Test
    void should_refuse_other_tokens_and_bad_tags_with_stable_codes_and_keep_the_stored_profile() throws Exception {
        assertThat(store("PUT", "profile-kept", "{\"tags\": [\"gift_buyer\"]}").statusCode())
                .isEqualTo(200);

        for (String token : new String[] {null, RunningServer.TRAINER_TOKEN, RunningServer.AGENT_TOKEN}) {
            HttpResponse<String> refused =
                    server.send("PUT", "/api/v1/shoppers/profile-kept", "{\"tags\": [\"vip_diamond\"]}", token);
            assertThat(refused.statusCode()).as("token " + token).isEqualTo(401);
            assertThat(code(refused)).isEqualTo("UNAUTHORIZED");
        }
        String tooMany = RunningServer.JSON.writeValueAsString(
                Map.of("tags", IntStream.range(0, 51).mapToObj(i -> "tag-" + i).toList()));
        for (String body : List.of(
                "{\"tags\": [\"Not A Tag\"]}",
                "{\"tags\": \"vip_diamond\"}",
                "{\"tags\": [1]}",
                "{}",
                "[]",
                "not json",
                tooMany)) {
            HttpResponse<String> refused = store("PUT", "profile-kept", body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(code(refused)).as(body).isIn("INVALID_FIELD", "INVALID_JSON");
            assertThat(refused.body()).doesNotContain("Exception", "at dev.kefu");
        }
        HttpResponse<String> longId = store("GET", "x".repeat(129), null);
        assertThat(longId.statusCode()).isEqualTo(400);

        assertThat(RunningServer.JSON
                        .readTree(store("GET", "profile-kept", null).body())
                        .path("tags")
                        .toString())
                .isEqualTo("[\"gift_buyer\"]");
        assertThat(store("PUT", "profile-kept", "{\"tags\": []}").statusCode()).isEqualTo(200);
        assertThat(RunningServer.JSON
                        .readTree(store("GET", "profile-kept", null).body())
                        .path("tags"))
                .isEmpty();
    }

    private static String code(HttpResponse<String> response) throws Exception {
        return RunningServer.JSON
                .readTree(response.body())
                .path("error")
                .path("code")
                .asText();
    }
}
