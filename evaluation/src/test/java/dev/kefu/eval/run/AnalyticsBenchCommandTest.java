package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.channels.jdbc.JdbcConversationStore.Finished;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kefu-eval analytics-bench} on a small history in embedded H2, and its generated history. */
class AnalyticsBenchCommandTest {
    @TempDir
    Path dir;

    private final EvalCli cli = new EvalCli();

    @Test
    void should_generate_a_history_and_time_the_summary() throws Exception {
        Path report = dir.resolve("bench.json");

        assertThat(cli.run("analytics-bench", "--conversations", "300", "--out", report.toString()))
                .as(cli.err())
                .isEqualTo(0);

        JsonNode metrics = new ObjectMapper().readTree(report.toFile());
        assertThat(metrics.path("conversations").asLong()).isEqualTo(300);
        assertThat(metrics.path("conversations_in_30_days").asLong()).isEqualTo(300);
        assertThat(metrics.path("summary_ms_p50").asDouble()).isPositive();
        assertThat(cli.out()).contains("300 conversations").contains("summary p50");
    }

    @Test
    void should_exit_with_a_clear_error_when_asked_for_no_conversations() {
        assertThat(cli.run(
                        "analytics-bench",
                        "--conversations",
                        "0",
                        "--out",
                        dir.resolve("b.json").toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--conversations and --days must be at least 1");
    }

    @Test
    void should_generate_the_same_history_for_a_seed_oldest_first() {
        Instant to = Instant.parse("2026-12-01T00:00:00Z");
        Instant from = to.minusSeconds(7 * 86_400);
        List<Finished> first = new ArrayList<>();
        new SyntheticHistory(3, from, to).generate(1_000, 300, first::addAll);
        List<Finished> again = new ArrayList<>();
        new SyntheticHistory(3, from, to).generate(1_000, 1_000, again::addAll);

        assertThat(first).hasSize(1_000).isEqualTo(again);
        assertThat(first)
                .extracting(f -> f.conversation().createdAt())
                .isSorted()
                .allSatisfy(at -> assertThat(at).isBetween(from, to));
        assertThat(first).anySatisfy(f -> assertThat(f.events()).anySatisfy(e -> assertThat(e)
                .isInstanceOf(dev.kefu.core.conversation.ConversationEvent.Claimed.class)));
    }
}
