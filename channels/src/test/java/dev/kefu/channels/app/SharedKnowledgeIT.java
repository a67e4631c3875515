package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18, item 5: two nodes (two servers in this JVM, each with its own port and data directory)
 * on one PostgreSQL schema share the trainers' knowledge and scripts. A publish on B is answered on
 * A within 5 s, a node started later serves the latest release, a script saved on A is used on B.
 */
@EnabledIfEnvironmentVariable(named = "KEFU_TEST_POSTGRES_URL", matches = ".+")
class SharedKnowledgeIT {
    /** The check: a publish on one node is answered on every node within 5 s. */
    private static final Duration WITHIN = Duration.ofSeconds(5);

    @RegisterExtension
    @Order(0)
    static final PostgresSchema schema = new PostgresSchema();

    @RegisterExtension
    @Order(1)
    static final RunningServer a = new RunningServer(schema.storage());

    @RegisterExtension
    @Order(2)
    static final RunningServer b = new RunningServer(schema.storage());

    @Test
    void should_answer_on_every_node_what_a_trainer_published_on_one_and_serve_it_on_a_node_started_later()
            throws Exception {
        assertThat(ReleaseProbe.cited(a)).isEmpty();

        ReleaseProbe.draftEntry(b);
        assertThat(a.trainer("GET", "/api/v1/kb/entries/" + ReleaseProbe.ENTRY, null)
                        .path("status")
                        .asText())
                .as("B's draft is A's trainers' draft too")
                .isEqualTo("new");

        long publishing = System.nanoTime();
        b.trainer("POST", "/api/v1/kb/publish", null);
        long published = System.nanoTime();
        assertThat(ReleaseProbe.cited(b)).containsExactly(ReleaseProbe.ENTRY);
        assertThat(ReleaseProbe.waitFor(WITHIN, () -> ReleaseProbe.cited(a).contains(ReleaseProbe.ENTRY)))
                .as("answered on A within " + WITHIN)
                .isTrue();
        long answered = System.nanoTime();
        System.out.println(
                "publish on B took " + Duration.ofNanos(published - publishing).toMillis() + " ms; answered on A "
                        + Duration.ofNanos(answered - published).toMillis() + " ms after it returned");

        RunningServer later = new RunningServer(schema.storage());
        later.beforeAll(null);
        try {
            assertThat(ReleaseProbe.cited(later))
                    .as("a node started later serves the latest release")
                    .containsExactly(ReleaseProbe.ENTRY);
        } finally {
            later.afterAll(null);
        }
    }

    @Test
    void should_use_on_every_node_a_script_saved_on_one() throws Exception {
        ReleaseProbe.saveGiftScript(a);

        assertThat(ReleaseProbe.waitFor(WITHIN, () -> ReleaseProbe.usesGiftScript(b)))
                .as("B's trainers see A's scripts and B's shoppers get them within " + WITHIN)
                .isTrue();
    }
}
