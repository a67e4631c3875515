package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kefu-eval kb-bench} on a small generated graph, embedded by the real sentence encoders. */
class KbBenchCommandIT {
    @TempDir
    Path dir;

    private final EvalCli cli = new EvalCli();

    @Test
    void should_write_the_contract_fields_when_benchmarking_a_small_generated_graph() throws Exception {
        Path out = dir.resolve("bench.json");
        int exit = cli.run("kb-bench", "--nodes", "300", "--out", out.toString());

        assertThat(exit).as(cli.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toFile());
        for (String field :
                List.of("index_nodes_per_s", "bm25_ms_p99", "hybrid_ms_p99", "neighbours_ms_p99", "heap_mb")) {
            assertThat(report.path(field).asDouble()).as(field).isPositive();
        }
        assertThat(report.path("nodes").asInt()).isEqualTo(300);
        assertThat(report.path("neighbours_mean_reached").asDouble()).isPositive();
    }
}
