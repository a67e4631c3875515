package dev.kefu.channels.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.channels.app.RunningServer;
import dev.kefu.channels.app.WsClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /metrics} as Prometheus scrapes it, after real chats: the turn's series move with the
 * turns, every stage has its histogram, hand-offs, fallbacks and unanswered messages are counted by
 * reason, the open widget socket, the database pool and the JVM are there, and no label carries a
 * conversation.
 */
class MetricsIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @Test
    void should_count_turns_stages_and_outcomes_as_chats_happen() throws Exception {
        String before = scrape();
        String conversationId = server.postJson("/api/v1/chat", Map.of("text", "How long does delivery take?"))
                .path("conversationId")
                .asText();
        server.postJson("/api/v1/chat", Map.of("conversationId", conversationId, "text", "tell me a joke"));
        server.postJson("/api/v1/chat", Map.of("text", "talk to a human"));

        try (WsClient widget = new WsClient(server, "/ws/chat")) {
            widget.send("{\"type\": \"hello\", \"locale\": \"en\"}");
            widget.next("welcome");
            String after = scrape();

            assertThat(value(after, "kefu_turns_total{outcome=\"reply\"}")
                            - value(before, "kefu_turns_total{outcome=\"reply\"}"))
                    .isEqualTo(2.0);
            assertThat(value(after, "kefu_turns_total{outcome=\"handoff\"}")
                            - value(before, "kefu_turns_total{outcome=\"handoff\"}"))
                    .isEqualTo(1.0);
            assertThat(value(after, "kefu_turn_seconds_count") - value(before, "kefu_turn_seconds_count"))
                    .isEqualTo(3.0);
            for (String stage :
                    new String[] {"in", "nlu", "knowledge", "orders", "compose", "slots", "decide", "out"}) {
                assertThat(value(after, "kefu_stage_seconds_count{stage=\"" + stage + "\"}"))
                        .as(stage)
                        .isGreaterThanOrEqualTo(stage.equals("compose") || stage.equals("slots") ? 2.0 : 3.0);
                assertThat(after).contains("kefu_stage_seconds_bucket{stage=\"" + stage + "\",le=\"0.01\"}");
            }
            assertThat(value(after, "kefu_handoffs_total{reason=\"explicit_request\"}"))
                    .isEqualTo(1.0);
            assertThat(value(after, "kefu_fallbacks_total{out_of_scope=\"true\"}"))
                    .isEqualTo(1.0);
            assertThat(value(after, "kefu_unanswered_total{reason=\"out_of_scope\"}"))
                    .isEqualTo(1.0);
            assertThat(value(after, "kefu_queue_waiting")).isEqualTo(1.0);
            assertThat(value(after, "kefu_websocket_sessions{socket=\"widget\"}"))
                    .isEqualTo(1.0);
            assertThat(value(after, "kefu_websocket_sessions{socket=\"agent\"}"))
                    .isZero();
            assertThat(after)
                    .contains("kefu_executor_queued_tasks{name=\"kefu-stage\"}")
                    .contains("kefu_executor_idle_seconds_count{name=\"kefu-stage\"}")
                    .contains("hikaricp_connections_active{pool=\"kefu-conversations\"}")
                    .contains("jvm_memory_used_bytes{")
                    .contains("jvm_gc_")
                    .contains("process_cpu_usage")
                    .doesNotContain(conversationId)
                    .doesNotContain("joke");
        }
    }

    private static String scrape() throws Exception {
        HttpResponse<String> response = server.get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return response.body();
    }

    /** The value of one series (its name and labels exactly as scraped), 0 when it is not there yet. */
    private static double value(String scrape, String series) {
        Matcher line =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return line.find() ? Double.parseDouble(line.group(1)) : 0.0;
    }
}
