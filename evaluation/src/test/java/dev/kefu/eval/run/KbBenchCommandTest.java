package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.RelationType;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KbBenchCommandTest {
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

    @Test
    void should_exit_with_a_clear_error_when_the_graph_is_too_small() {
        assertThat(cli.run(
                        "kb-bench",
                        "--nodes",
                        "5",
                        "--out",
                        dir.resolve("b.json").toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("error: --nodes must be at least 100").doesNotContain("Exception");
    }

    @Test
    void should_generate_a_store_shaped_graph_whose_relations_all_resolve_when_given_a_seed() {
        List<KnowledgeEntry> graph = SyntheticGraph.generate(2000, 7L);
        assertThat(graph).hasSize(2000);
        Set<String> ids = graph.stream().map(KnowledgeEntry::id).collect(Collectors.toSet());
        assertThat(ids).hasSize(2000);
        assertThat(graph.stream().flatMap(e -> e.relations().stream()))
                .allSatisfy(r -> assertThat(ids).contains(r.target()));
        assertThat(graph)
                .filteredOn(e -> e.type() == EntryType.PRODUCT)
                .isNotEmpty()
                .allSatisfy(p -> assertThat(p.relations())
                        .anySatisfy(r -> assertThat(r.type()).isEqualTo(RelationType.BELONGS_TO)));
        assertThat(SyntheticGraph.generate(2000, 7L)).isEqualTo(graph);
        assertThat(KbBenchCommand.generatedQueries(graph, 50, new java.util.Random(1)))
                .hasSize(50)
                .anySatisfy(q -> assertThat(q).contains("这个"));
    }
}
