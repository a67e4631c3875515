package dev.kefu.channels.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 19's "Checked by", over the public API of a real server: six answered conversations (four
 * marked helpful), three explicit requests for a person (two served and closed by an agent and
 * rated 5 and 2), two questions the bot cannot answer; then the summary of that window, the CSV,
 * the refused second rating, the Prometheus series and the trainer token.
 */
class AnalyticsIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static final List<String> ANSWERED = List.of(
            "How long does delivery take?",
            "What is your return policy?",
            "How long does delivery take to Shanghai?",
            "Can I return shoes I wore once?",
            "多久能到货？",
            "怎么退货？");

    private static JsonNode chat(String text) throws Exception {
        return server.postJson("/api/v1/chat", Map.of("text", text));
    }

    @Test
    void should_report_the_scripted_window_exactly() throws Exception {
        Instant from = Instant.now().minusSeconds(1);
        for (int i = 0; i < ANSWERED.size(); i++) {
            JsonNode answer = chat(ANSWERED.get(i));
            assertThat(answer.path("replies").get(0).path("citations"))
                    .as(ANSWERED.get(i))
                    .isNotEmpty();
            if (i < 4) {
                String id = answer.path("conversationId").asText();
                long seq = answer.path("replies").get(0).path("seq").asLong();
                assertThat(server.send(
                                        "POST",
                                        "/api/v1/chat/" + id + "/feedback",
                                        "{\"seq\": " + seq + ", \"helpful\": true}",
                                        null,
                                        server.tokenOf(id))
                                .statusCode())
                        .isEqualTo(200);
            }
        }
        int[] scores = {5, 2};
        for (int i = 0; i < 3; i++) {
            JsonNode asked = chat(i == 1 ? "转人工" : "I want to talk to a human agent please");
            assertThat(asked.path("handoff").path("reason").asText()).isEqualTo("explicit_request");
            if (i < 2) {
                String id = asked.path("conversationId").asText();
                String conversation = "/api/v1/agent/conversations/" + id;
                server.agent("POST", conversation + "/claim", null);
                server.agent("POST", conversation + "/messages", "{\"text\": \"Hello, how can I help?\"}");
                server.agent("POST", conversation + "/close", null);
                assertThat(server.send(
                                        "POST",
                                        "/api/v1/chat/" + id + "/rating",
                                        "{\"score\": " + scores[i] + "}",
                                        null,
                                        server.tokenOf(id))
                                .statusCode())
                        .isEqualTo(200);
                // One rating per conversation: a second one cannot stuff the CSAT.
                HttpResponse<String> again = server.send(
                        "POST", "/api/v1/chat/" + id + "/rating", "{\"score\": 5}", null, server.tokenOf(id));
                assertThat(again.statusCode()).isEqualTo(409);
                assertThat(again.body()).contains("ALREADY_RATED");
            }
        }
        for (String question : List.of("do you sell opera tickets?", "do you repair bicycles?")) {
            JsonNode answer = chat(question);
            assertThat(answer.path("replies").get(0).path("citations")).isEmpty();
            assertThat(answer.path("handoff").isNull()).isTrue();
        }
        Instant to = Instant.now().plus(Duration.ofMinutes(1));
        String window = "?from=" + encode(from.toString()) + "&to=" + encode(to.toString());

        JsonNode summary = server.trainer("GET", "/api/v1/analytics/summary" + window, null);

        assertThat(summary.path("conversations").asLong())
                .as(summary.toString())
                .isEqualTo(11);
        assertThat(summary.path("handoffs").path("total").asLong()).isEqualTo(3);
        assertThat(summary.path("handoffs")
                        .path("byReason")
                        .path("explicit_request")
                        .asLong())
                .isEqualTo(3);
        assertThat(summary.path("csat").path("count").asLong()).isEqualTo(2);
        assertThat(summary.path("csat").path("average").asDouble()).isEqualTo(3.5);
        assertThat(summary.path("csat").path("distribution").path("5").asLong()).isEqualTo(1);
        assertThat(summary.path("csat").path("distribution").path("2").asLong()).isEqualTo(1);
        assertThat(summary.path("resolution").path("confirmed").asLong()).isEqualTo(4);
        assertThat(summary.path("unanswered").path("count").asLong()).isEqualTo(2);
        assertThat(summary.path("responseTimes")
                        .path("agentFirstResponseSeconds")
                        .path("p50")
                        .isNumber())
                .as(summary.toString())
                .isTrue();
        assertThat(summary.path("responseTimes").path("botMs").path("p90").isNumber())
                .isTrue();
        assertThat(summary.path("queue").path("waitSeconds").path("p50").isNumber())
                .isTrue();

        assertThat(server.send("GET", "/api/v1/analytics/summary" + window, null, null)
                        .statusCode())
                .isEqualTo(401);
        assertThat(server.send("GET", "/api/v1/analytics/summary?from=yesterday", null, RunningServer.TRAINER_TOKEN)
                        .body())
                .contains("INVALID_FIELD");

        HttpResponse<String> csv =
                server.send("GET", "/api/v1/analytics/conversations.csv" + window, null, RunningServer.TRAINER_TOKEN);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(12);
        assertThat(lines.get(0)).startsWith("conversation_id,started_at,");
        assertThat(lines.stream().filter(line -> line.contains(",handed_off,explicit_request,")))
                .hasSize(3);

        JsonNode agents = server.trainer("GET", "/api/v1/analytics/agents" + window, null);
        assertThat(agents.path("agents").get(0).path("agent").asText()).isEqualTo(RunningServer.AGENT);
        assertThat(agents.path("agents").get(0).path("served").asLong()).isEqualTo(2);

        JsonNode series =
                server.trainer("GET", "/api/v1/analytics/timeseries" + window + "&metric=handoffs&interval=hour", null);
        assertThat(series.path("points").findValuesAsText("value").stream()
                        .mapToDouble(Double::parseDouble)
                        .sum())
                .isEqualTo(3.0);
        assertThat(series.path("byWeekdayHour").size()).isEqualTo(7);

        String metrics = server.get("/metrics").body();
        assertThat(metrics)
                .contains("kefu_handoffs_total{reason=\"explicit_request\"} 3.0")
                .contains("kefu_conversations_total 11.0")
                .contains("kefu_ratings_total{score=\"5\"} 1.0")
                .contains("kefu_queue_waiting 1.0");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
