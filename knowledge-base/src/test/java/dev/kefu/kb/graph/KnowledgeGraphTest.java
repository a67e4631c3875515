package dev.kefu.kb.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.kb.KnowledgeBase;
import dev.kefu.kb.graph.Neighbour.Direction;
import dev.kefu.kb.model.RelationType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Neighbour queries on the demo store's real index. */
class KnowledgeGraphTest {
    @TempDir
    static Path dir;

    private static KnowledgeBase kb;

    @BeforeAll
    static void open() throws IOException {
        kb = KnowledgeBase.open(dir, KnowledgeBase.demoEntries(), KnowledgeBase.DEFAULT_MIN_SCORE);
    }

    @AfterAll
    static void close() throws IOException {
        kb.close();
    }

    private static List<String> ids(List<Neighbour> neighbours) {
        return neighbours.stream().map(Neighbour::entryId).toList();
    }

    @Test
    void should_follow_an_edge_forwards_when_the_entry_holds_it() {
        List<Neighbour> policies =
                kb.graph().neighbours("product-x200", Set.of(RelationType.GOVERNED_BY), Direction.OUTGOING, 1);
        assertThat(ids(policies)).containsExactlyInAnyOrder("policy-warranty", "policy-returns");
        assertThat(policies).allSatisfy(n -> assertThat(n)
                .extracting(Neighbour::hops, Neighbour::direction, Neighbour::via)
                .containsExactly(1, Direction.OUTGOING, "product-x200"));
    }

    @Test
    void should_follow_an_edge_backwards_when_other_entries_point_at_this_one() {
        assertThat(ids(kb.graph()
                        .neighbours(
                                "product-stroller-cloud", Set.of(RelationType.ACCESSORY_OF), Direction.INCOMING, 1)))
                .containsExactlyInAnyOrder(
                        "product-stroller-rain-cover",
                        "product-stroller-cup-holder",
                        "product-stroller-sleeping-bag",
                        "product-stroller-mosquito-net");
    }

    @Test
    void should_reach_two_hops_each_entry_once_at_its_nearest_distance() {
        List<Neighbour> neighbours = kb.graph().neighbours("product-x200-ear-tips", Set.of(), Direction.BOTH, 2);
        assertThat(neighbours)
                .extracting(Neighbour::entryId)
                .doesNotHaveDuplicates()
                .doesNotContain("product-x200-ear-tips");
        Neighbour x200 = neighbours.stream()
                .filter(n -> n.entryId().equals("product-x200"))
                .findFirst()
                .orElseThrow();
        assertThat(x200.hops()).isEqualTo(1);
        // the charging case is an accessory of the X200: two hops away, reached via the X200 or a shared category
        Neighbour chargingCase = neighbours.stream()
                .filter(n -> n.entryId().equals("product-x200-charging-case"))
                .findFirst()
                .orElseThrow();
        assertThat(chargingCase.hops()).isEqualTo(2);
        assertThat(ids(kb.graph().neighbours("product-x200-ear-tips", Set.of(), Direction.BOTH, 1)))
                .doesNotContain("product-x200-charging-case");
    }

    @Test
    void should_return_no_neighbours_when_the_id_is_unknown_and_reject_bad_arguments() {
        assertThat(kb.graph().neighbours("no-such-entry", Set.of(), Direction.BOTH, 2))
                .isEmpty();
        assertThatThrownBy(() -> kb.graph().neighbours("product-x200", Set.of(), Direction.BOTH, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxHops");
        assertThatThrownBy(() -> kb.graph().neighbours(" ", Set.of(), Direction.BOTH, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
