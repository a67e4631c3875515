package dev.kefu.channels.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Trainers curate intents on the running server: edit the examples, train a candidate in the
 * background, read its comparison with the live router, are refused a worse one until they insist,
 * and the next message is routed by the activated model until they roll back.
 */
class IntentsIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static final String GIFT_WRAP_MESSAGE = "could you gift wrap my order please";

    @Test
    void should_edit_train_compare_refuse_worse_activate_on_insisting_and_roll_back() throws Exception {
        JsonNode intents = server.trainer("GET", "/api/v1/intents", null);
        JsonNode greeting = find(intents, "greeting");
        assertThat(greeting.path("examples").path("en").toString()).contains("\"hello\"");
        assertThat(greeting.path("examples").path("zh")).isNotEmpty();
        assertThat(intents.path("canRollback").asBoolean()).isFalse();
        assertThat(intentOf(GIFT_WRAP_MESSAGE)).isNotEqualTo("gift_wrap");

        HttpResponse<String> bad = server.send(
                "PUT",
                "/api/v1/intents/gift_wrap",
                json(Map.of("examples", Map.of("en", List.of("hello", " ", "gift wrap"), "fr", List.of("x")))),
                RunningServer.TRAINER_TOKEN);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("INVALID_INTENT").contains("languages are zh and en");
        HttpResponse<String> taken = server.send(
                "PUT",
                "/api/v1/intents/gift_wrap",
                json(Map.of("examples", Map.of("en", List.of("hello", " ", "gift wrap")))),
                RunningServer.TRAINER_TOKEN);
        assertThat(taken.statusCode()).isEqualTo(422);
        assertThat(taken.body())
                .contains("\\\"hello\\\" is already an example of greeting")
                .contains("examples[1]: is blank");
        assertThat(server.send("PUT", "/api/v1/intents/gift_wrap", "{}", null).statusCode())
                .isEqualTo(401);

        // A new intent, and the out-of-scope examples cut to three: the candidate will route gift
        // wrapping but no longer recognise off-topic messages.
        JsonNode saved = server.trainer("PUT", "/api/v1/intents/gift_wrap", json(Map.of("examples", giftWrap())));
        assertThat(saved.path("examples").path("zh")).hasSize(8);
        server.trainer(
                "PUT",
                "/api/v1/intents/oos",
                json(Map.of("examples", List.of("tell me a joke", "讲个笑话", "what is 37 times 48"))));
        assertThat(Files.readString(server.dataDir().resolve("intents").resolve("examples.jsonl")))
                .contains("gift_wrap");

        HttpResponse<String> started = server.send("POST", "/api/v1/intents/train", "{}", RunningServer.TRAINER_TOKEN);
        assertThat(started.statusCode()).isEqualTo(202);
        String job = RunningServer.JSON.readTree(started.body()).path("job").asText();
        JsonNode done = awaitJob(job);
        assertThat(done.path("state").asText()).isEqualTo("DONE");
        assertThat(done.path("progress").asDouble()).isEqualTo(1.0);
        JsonNode comparison = done.path("comparison");
        assertThat(comparison.path("validationExamples").asInt()).isGreaterThan(100);
        assertThat(comparison.path("outOfScopeProbes").asInt()).isEqualTo(20);
        assertThat(comparison.path("live").path("outOfScopeRecall").asDouble()).isGreaterThan(0.6);
        assertThat(comparison.path("candidate").path("outOfScopeRecall").asDouble())
                .isLessThan(comparison.path("live").path("outOfScopeRecall").asDouble() - 0.1);
        assertThat(comparison.path("worse").toString()).contains("out-of-scope recall");
        // both routers replayed the public dialogues through the whole bot (the demo store)
        assertThat(comparison.path("dialogues").asText()).startsWith("the public dialogues: ");
        double liveResolved =
                comparison.path("live").path("dialoguesResolution").asDouble();
        assertThat(liveResolved).isGreaterThan(0.85);
        assertThat(comparison.path("candidate").path("dialoguesResolution").asDouble())
                .as("off-topic conversations no longer recognised")
                .isLessThan(liveResolved);

        HttpResponse<String> refused =
                server.send("POST", "/api/v1/intents/activate", json(Map.of("job", job)), RunningServer.TRAINER_TOKEN);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("CANDIDATE_WORSE").contains("out-of-scope recall");
        assertThat(intentOf(GIFT_WRAP_MESSAGE))
                .as("refused: still the old model")
                .isNotEqualTo("gift_wrap");
        assertThat(server.send(
                                "POST",
                                "/api/v1/intents/activate",
                                json(Map.of("job", "job-999")),
                                RunningServer.TRAINER_TOKEN)
                        .statusCode())
                .isEqualTo(404);

        server.trainer("POST", "/api/v1/intents/activate", json(Map.of("job", job, "insist", true)));
        assertThat(intentOf(GIFT_WRAP_MESSAGE)).isEqualTo("gift_wrap");
        assertThat(Files.exists(server.dataDir().resolve("intents").resolve("active.zip")))
                .isTrue();
        JsonNode after = server.trainer("GET", "/api/v1/intents", null);
        assertThat(after.path("trainerModel").asBoolean()).isTrue();
        assertThat(after.path("canRollback").asBoolean()).isTrue();

        JsonNode rolledBack = server.trainer("POST", "/api/v1/intents/rollback", "{}");
        assertThat(rolledBack.path("trainerModel").asBoolean()).isFalse();
        assertThat(rolledBack.path("canRollback").asBoolean()).isFalse();
        assertThat(intentOf(GIFT_WRAP_MESSAGE)).isNotEqualTo("gift_wrap");
        assertThat(server.send("POST", "/api/v1/intents/rollback", "{}", RunningServer.TRAINER_TOKEN)
                        .statusCode())
                .isEqualTo(409);
    }

    private static List<String> giftWrap() {
        List<String> examples = new ArrayList<>(List.of(
                "can you gift wrap it",
                "could you gift wrap my order",
                "do you offer gift wrapping",
                "I want it gift wrapped",
                "please wrap it as a present",
                "is gift wrap available",
                "can I add gift wrapping to my order",
                "wrap it as a gift please",
                "gift wrapping option",
                "can the parcel be gift wrapped"));
        examples.addAll(
                List.of("可以礼品包装吗", "能帮我包装成礼物吗", "有礼品包装服务吗", "我想要礼品包装", "送人的，帮忙包一下", "可以加礼盒包装吗", "礼品包装怎么选", "包装成礼物送人"));
        return examples;
    }

    private static JsonNode awaitJob(String job) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (true) {
            JsonNode state = server.trainer("GET", "/api/v1/intents/train/" + job, null);
            String name = state.path("state").asText();
            if (name.equals("DONE") || name.equals("FAILED") || Instant.now().isAfter(deadline)) {
                return state;
            }
            assertThat(state.path("progress").asDouble()).isBetween(0.0, 1.0);
            Thread.onSpinWait();
            Thread.sleep(100); // polling a background job, as the console does; the loop waits for its end
        }
    }

    private static String intentOf(String text) throws Exception {
        return server.postJson("/api/v1/chat", Map.of("text", text))
                .path("intent")
                .path("name")
                .asText();
    }

    private static JsonNode find(JsonNode intents, String name) {
        for (JsonNode intent : intents.path("intents")) {
            if (intent.path("name").asText().equals(name)) {
                return intent;
            }
        }
        throw new AssertionError("no intent " + name + " in " + intents);
    }

    private static String json(Object value) throws Exception {
        return RunningServer.JSON.writeValueAsString(value);
    }
}
