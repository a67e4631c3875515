package dev.kefu.channels.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Trainers pause, resume and end the demo experiment; a paused or ended one shows no line. */
class ExperimentLifecycleIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static final String QUESTION = "Is the CloudNest Cloud Lite Stroller easy to fold?";
    private static final String EXPERIMENT = "/api/v1/experiments/demo-mother-baby";

    private static JsonNode ask(String shopperId) throws Exception {
        return server.postJson(
                "/api/v1/chat",
                Map.of("text", QUESTION, "shopper", Map.of("id", shopperId, "tags", List.of("mother_baby"))));
    }

    private static long exposures() throws Exception {
        long total = 0;
        for (JsonNode arm : server.trainer("GET", EXPERIMENT + "/results", null).path("arms")) {
            total += arm.path("exposures").asLong();
        }
        return total;
    }

    @Test
    void should_show_no_line_while_paused_and_none_after_the_end() throws Exception {
        assertThat(ask("p-1").path("slots")).hasSize(1);
        long exposed = exposures();

        assertThat(server.trainer("POST", EXPERIMENT + "/pause", null)
                        .path("status")
                        .asText())
                .isEqualTo("paused");
        assertThat(ask("p-2").path("slots")).isEmpty();
        assertThat(exposures()).as("no exposure while paused").isEqualTo(exposed);
        assertThat(server.trainer("GET", "/api/v1/experiments", null)
                        .path("experiments")
                        .get(0)
                        .path("status")
                        .asText())
                .isEqualTo("paused");

        assertThat(server.trainer("POST", EXPERIMENT + "/resume", null)
                        .path("status")
                        .asText())
                .isEqualTo("running");
        assertThat(ask("p-3").path("slots")).hasSize(1);
        assertThat(exposures()).isEqualTo(exposed + 1);

        assertThat(server.trainer("POST", EXPERIMENT + "/end", null)
                        .path("status")
                        .asText())
                .isEqualTo("ended");
        assertThat(ask("p-4").path("slots")).isEmpty();
        HttpResponse<String> again = server.send("POST", EXPERIMENT + "/resume", null, RunningServer.TRAINER_TOKEN);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("EXPERIMENT_ENDED");
        assertThat(server.send("POST", EXPERIMENT + "/pause", null, null).statusCode())
                .isEqualTo(401);
        assertThat(exposures()).as("results stay readable after the end").isEqualTo(exposed + 1);
    }
}
