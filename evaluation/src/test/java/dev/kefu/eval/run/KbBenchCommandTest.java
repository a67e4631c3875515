package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.RelationType;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kefu-eval kb-bench}'s checks and its generated graph, without the models ({@link KbBenchCommandIT} runs it). */
class KbBenchCommandTest {
    @TempDir
    Path dir;

    private final EvalCli cli = new EvalCli();

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
