package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kefu-eval load} against the real server in processes of their own, for a few seconds at a
 * low rate: one with no per-address limit, where every turn is answered (two-turn conversations,
 * whose follow-ups are sent with the id and token the server returned), and one that takes 5
 * requests a minute from an address and refuses the rest with 429.
 */
class LoadCommandIT {
    @TempDir
    static Path dir;

    private static ServerProcess server;
    private static ServerProcess limited;
    private static Path twoTurns;

    @BeforeAll
    static void start() throws Exception {
        CompletableFuture<ServerProcess> strict = CompletableFuture.supplyAsync(() -> {
            try {
                return ServerProcess.start(
                        dir.resolve("limited"),
                        dir.resolve("limited.log"),
                        Map.of("KEFU_LIMITS_PER_ADDRESS_PER_MINUTE", "5"));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        server = ServerProcess.start(
                dir.resolve("data"), dir.resolve("server.log"), Map.of("KEFU_LIMITS_PER_ADDRESS_PER_MINUTE", "0"));
        limited = strict.get(180, TimeUnit.SECONDS);
        twoTurns = Files.writeString(
                dir.resolve("two.jsonl"),
                """
                {"id": "en-returns-01", "turns": [{"text": "can I return the earbuds?", "handoff": false}, {"text": "how many days do I have?", "handoff": false}]}
                {"id": "zh-returns-01", "turns": [{"text": "支持七天无理由退货吗？", "handoff": false}, {"text": "运费谁出", "handoff": false}]}
                """,
                StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (limited != null) {
            limited.close();
        }
    }

    private static JsonNode load(ServerProcess server, String name, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("--dialogues", twoTurns.toString()));
        args.addAll(List.of(options));
        return run(server, name, "turns/s", args);
    }

    /** Runs {@code load} against the server with these options; its report. */
    private static JsonNode run(ServerProcess server, String name, String saying, List<String> options)
            throws IOException {
        EvalCli cli = new EvalCli();
        Path out = dir.resolve(name + ".json");
        List<String> args = new ArrayList<>(List.of(
                "load", "--url", server.url(), "--server-pid", Long.toString(server.pid()), "--out", out.toString()));
        args.addAll(options);
        assertThat(cli.run(args.toArray(String[]::new))).as(cli.err()).isZero();
        assertThat(cli.out()).contains(saying);
        return new ObjectMapper().readTree(out.toFile());
    }

    @Test
    void should_send_every_turn_on_schedule_and_measure_the_answers() throws IOException {
        JsonNode rest = load(server, "rest", "--rate", "5", "--duration", "3");
        assertThat(rest.path("mode").asText()).isEqualTo("open loop");
        assertThat(rest.path("n_sent").asLong()).isEqualTo(15);
        assertThat(rest.path("n_answered").asLong()).isEqualTo(15);
        assertThat(rest.path("errors").size()).isZero();
        assertThat(rest.path("n_conversations").asLong()).isBetween(8L, 15L);
        assertOrderedPercentiles(rest);
        assertThat(rest.path("turns_per_s").asDouble()).isBetween(1.0, 6.0);
        assertThat(rest.path("server_cpu_cores").asDouble()).isPositive();
        assertThat(rest.path("server_rss_mb").asDouble()).isGreaterThan(50);
        assertThat(rest.path("note").asText()).contains("same machine");
    }

    @Test
    void should_continue_each_conversation_with_the_id_and_token_the_server_gave() throws IOException {
        JsonNode closed = load(server, "closed", "--connections", "1", "--duration", "2");
        assertThat(closed.path("mode").asText()).isEqualTo("closed loop");
        long answered = closed.path("n_answered").asLong();
        assertThat(answered).isEqualTo(closed.path("n_sent").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(closed.path("errors").size()).isZero();
        assertThat(closed.path("n_conversations").asLong()).isEqualTo((answered + 1) / 2);
        assertOrderedPercentiles(closed);
    }

    @Test
    void should_hold_conversations_over_the_widget_socket() throws IOException {
        JsonNode socket = load(server, "ws", "--ws", "--rate", "5", "--duration", "2");
        assertThat(socket.path("target").asText()).endsWith("/ws/chat");
        assertThat(socket.path("n_sent").asLong()).isEqualTo(10);
        assertThat(socket.path("n_answered").asLong()).isEqualTo(10);
        assertThat(socket.path("errors").size()).isZero();
        assertOrderedPercentiles(socket);
    }

    @Test
    void should_hold_idle_widgets_on_a_product_page_and_report_the_server_s_cpu_while_held() throws IOException {
        JsonNode idle = run(
                server,
                "idle",
                "sockets held",
                List.of("--idle-sockets", "20", "--page", "product-x200", "--duration", "2"));
        assertThat(idle.path("n_held").asLong()).isEqualTo(20);
        assertThat(idle.path("n_closed_by_server").asLong()).isZero();
        assertThat(idle.path("page").asText()).isEqualTo("product-x200");
        assertThat(idle.path("n_outreach").asLong()).isZero(); // the demo's page rule waits 90 s
        assertThat(idle.path("last_outreach_s").isNull()).isTrue();
        assertThat(idle.path("server_cpu_cores_held").isNumber()).isTrue();
        assertThat(idle.path("heap_bytes_per_socket").isNumber()).isTrue();
    }

    @Test
    void should_count_the_servers_429s_by_status() throws IOException {
        JsonNode refused = load(limited, "limited", "--rate", "5", "--duration", "2");
        assertThat(refused.path("n_sent").asLong()).isEqualTo(10);
        long tooMany = refused.path("errors").path("429").asLong();
        assertThat(tooMany).isBetween(4L, 5L); // 5 pass, and one more if the bucket refilled (1 per 12 s)
        assertThat(refused.path("errors").size()).isEqualTo(1);
        assertThat(refused.path("n_errors").asLong()).isEqualTo(tooMany);
        assertThat(refused.path("n_answered").asLong() + tooMany).isEqualTo(10);
    }

    private static void assertOrderedPercentiles(JsonNode report) {
        double p50 = report.path("p50_ms").asDouble();
        assertThat(p50).isPositive();
        assertThat(report.path("p90_ms").asDouble()).isGreaterThanOrEqualTo(p50);
        assertThat(report.path("p99_ms").asDouble())
                .isGreaterThanOrEqualTo(report.path("p90_ms").asDouble());
        assertThat(report.path("max_ms").asDouble())
                .isGreaterThanOrEqualTo(report.path("p99_ms").asDouble());
    }
}
