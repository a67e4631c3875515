package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.slot.ScriptStore;
import dev.kefu.core.slot.experiment.Experiment;
import dev.kefu.kb.curation.CurationException;
import dev.kefu.kb.curation.KnowledgeCuration;
import dev.kefu.kb.curation.Publication;
import dev.kefu.kb.curation.Revision;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the nodes of a cluster share through the database (issue 18): the trainers' knowledge log
 * ({@link JdbcCurationLog}), the edited scripts ({@link JdbcScriptStore}) and the experiments'
 * statuses, on each database: {@link SharedReleasesH2Test}, {@link SharedReleasesPostgresTest}.
 * Two nodes are two {@link KnowledgeCuration}s (or stores, or logs) over one database.
 */
abstract class SharedReleasesContract {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    static final List<KnowledgeEntry> SEED = List.of(entry("faq-returns", "Returns within 30 days."));

    @TempDir
    Path dataDir;

    protected JdbcConversationStore store;

    /** A store over a fresh, empty database. */
    protected abstract JdbcConversationStore open() throws SQLException;

    @BeforeEach
    void openStore() throws SQLException {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static KnowledgeEntry entry(String id, String body) {
        return new KnowledgeEntry(
                id, EntryType.FAQ, "Title " + id, body, List.of("q " + id), List.of(), List.of(), Map.of(), Map.of());
    }

    private KnowledgeCuration node() throws Exception {
        return KnowledgeCuration.open(store.curationLog(), dataDir.resolve("journal.jsonl"), () -> SEED, CLOCK);
    }

    @Test
    void should_seed_the_knowledge_once_when_two_nodes_start_on_an_empty_database() throws Exception {
        try (KnowledgeCuration a = node();
                KnowledgeCuration b = node()) {
            assertThat(a.publications()).hasSize(1);
            assertThat(b.publications()).isEqualTo(a.publications());
            assertThat(b.publishedEntries()).isEqualTo(SEED);
            assertThat(b.servedPublication()).isEqualTo(1);
        }
    }

    @Test
    void should_show_a_draft_made_on_one_node_on_every_node() throws Exception {
        try (KnowledgeCuration a = node();
                KnowledgeCuration b = node()) {
            Revision draft = a.create(entry("faq-gift", "Gift wrap is free."), "ann");

            assertThat(b.get("faq-gift").entry().body()).isEqualTo("Gift wrap is free.");
            assertThat(b.unpublishedRevisions()).isEqualTo(1);
            assertThatThrownBy(() -> b.update("faq-gift", entry("faq-gift", "late"), "bob", draft.number() - 1))
                    .isInstanceOfSatisfying(CurationException.class, e -> assertThat(e.reason())
                            .isEqualTo(CurationException.Reason.REVISION_CONFLICT));
        }
    }

    @Test
    void should_make_another_nodes_publication_live_when_following_it() throws Exception {
        List<List<KnowledgeEntry>> builtOnB = new ArrayList<>();
        try (KnowledgeCuration a = node();
                KnowledgeCuration b = node()) {
            a.create(entry("faq-gift", "Gift wrap is free."), "ann");
            Publication published = a.publish("ann", entries -> {});

            assertThat(b.follow(builtOnB::add)).isTrue();
            assertThat(builtOnB).singleElement().satisfies(entries -> assertThat(entries)
                    .extracting(KnowledgeEntry::id)
                    .containsExactly("faq-returns", "faq-gift"));
            assertThat(b.servedPublication()).isEqualTo(published.number()).isEqualTo(a.servedPublication());
            assertThat(b.follow(builtOnB::add)).as("nothing newer").isFalse();
            assertThat(a.follow(builtOnB::add))
                    .as("its own publication is live on A")
                    .isFalse();
        }
        try (KnowledgeCuration later = node()) {
            assertThat(later.servedPublication())
                    .as("a node started later serves the latest")
                    .isEqualTo(2);
            assertThat(later.publishedEntries()).hasSize(2);
        }
    }

    @Test
    void should_keep_nothing_of_an_append_when_one_of_its_numbers_is_taken() throws Exception {
        try (KnowledgeCuration a = node()) {
            JdbcCurationLog log = store.curationLog();
            Revision next =
                    new Revision(2, "faq-x", Revision.Action.CREATE, entry("faq-x", "x"), "ann", CLOCK.instant(), null);
            Revision taken =
                    new Revision(1, "faq-y", Revision.Action.CREATE, entry("faq-y", "y"), "bob", CLOCK.instant(), null);

            assertThatThrownBy(() -> log.append(List.of(next, taken), List.of()))
                    .isInstanceOfSatisfying(CurationException.class, e -> assertThat(e.reason())
                            .isEqualTo(CurationException.Reason.REVISION_CONFLICT));
            assertThat(log.since(0, 0).revisions()).hasSize(1);
            assertThat(a.workingEntries()).isEqualTo(SEED);
        }
    }

    @Test
    void should_import_a_data_directorys_journal_once_when_the_database_holds_no_knowledge() throws Exception {
        Path journal = dataDir.resolve("journal.jsonl");
        try (KnowledgeCuration alone = KnowledgeCuration.open(journal, () -> SEED, CLOCK)) {
            alone.create(entry("faq-draft", "Not yet published."), "ann");
        }

        try (KnowledgeCuration imported = node()) {
            assertThat(imported.get("faq-draft").entry().body()).isEqualTo("Not yet published.");
            assertThat(imported.publishedEntries()).isEqualTo(SEED);
        }
        assertThat(journal).doesNotExist();
        assertThat(dataDir.resolve("journal.jsonl.imported")).isRegularFile();
        try (KnowledgeCuration again = node()) {
            assertThat(again.revision(2).entryId()).isEqualTo("faq-draft");
            assertThat(again.revisions("faq-draft")).hasSize(1);
        }
    }

    @Test
    void should_hand_out_each_script_version_once_when_two_nodes_save_at_once() throws Exception {
        JdbcScriptStore a = store.scriptStore(CLOCK);
        JdbcScriptStore b = store.scriptStore(CLOCK);
        assertThat(a.newerThan(0)).isEmpty();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Callable<ScriptStore.Saved>> saves = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String source = "scripts: [] # " + i;
                JdbcScriptStore node = i % 2 == 0 ? a : b;
                saves.add(() -> node.save(source));
            }
            Set<Long> versions = new HashSet<>();
            for (Future<ScriptStore.Saved> saved : two.invokeAll(saves)) {
                versions.add(saved.get().version());
            }
            assertThat(versions).hasSize(10);
        } finally {
            two.shutdownNow();
        }
        assertThat(b.newerThan(0))
                .hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(10));
        assertThat(b.newerThan(10)).isEmpty();
    }

    @Test
    void should_see_another_nodes_experiment_status_when_following() {
        JdbcExperimentLog a = store.experimentLog();
        JdbcExperimentLog b = store.experimentLog();
        assertThat(b.statusOf("exp-1")).isEqualTo(Experiment.Status.RUNNING);

        a.status("exp-1", Experiment.Status.PAUSED, "ann", CLOCK.instant());

        assertThat(b.follow()).isTrue();
        assertThat(b.statusOf("exp-1")).isEqualTo(Experiment.Status.PAUSED);
        assertThat(b.follow()).isFalse();
    }
}
