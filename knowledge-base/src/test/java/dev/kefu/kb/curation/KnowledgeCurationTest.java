package dev.kefu.kb.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.kb.curation.CurationException.Reason;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Relation;
import dev.kefu.kb.model.RelationType;
import dev.kefu.kb.model.Translation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revisions, drafts, publish, restore, diff and import against a real journal file. */
class KnowledgeCurationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static KnowledgeEntry entry(String id, String body, Relation... relations) {
        return new KnowledgeEntry(
                id,
                EntryType.FAQ,
                "Title " + id,
                body,
                List.of("q " + id),
                List.of(),
                List.of(relations),
                Map.of(),
                Map.of());
    }

    private static final List<KnowledgeEntry> SEED = List.of(
            entry("policy-returns", "Returns within 30 days."),
            entry("faq-label", "Print the label.", new Relation(RelationType.RELATED, "policy-returns")));

    /** Records what each publish handed over. */
    private final List<List<KnowledgeEntry>> releases = new ArrayList<>();

    private final KnowledgeCuration.Publisher publisher = releases::add;

    private KnowledgeCuration open() throws IOException {
        return KnowledgeCuration.open(dir.resolve("journal.jsonl"), () -> SEED, CLOCK);
    }

    @Test
    void should_seed_an_empty_journal_and_publish_it() throws IOException {
        try (KnowledgeCuration curation = open()) {
            assertThat(curation.publishedEntries()).isEqualTo(SEED);
            assertThat(curation.publications()).hasSize(1);
            assertThat(curation.revisions("policy-returns")).singleElement().satisfies(r -> assertThat(r.author())
                    .isEqualTo(KnowledgeCuration.SEED_AUTHOR));
            assertThat(curation.get("faq-label").status()).isEqualTo(EntryView.Status.PUBLISHED);
        }
    }

    @Test
    void should_keep_drafts_from_shoppers_until_published() throws IOException {
        try (KnowledgeCuration curation = open()) {
            curation.create(entry("faq-gift", "Gift cards."), "alice");
            curation.update("policy-returns", entry("policy-returns", "Returns within 60 days."), "bob", 1L);

            assertThat(curation.publishedEntries()).isEqualTo(SEED);
            assertThat(curation.get("faq-gift").status()).isEqualTo(EntryView.Status.NEW);
            assertThat(curation.get("policy-returns").status()).isEqualTo(EntryView.Status.DRAFT);
            assertThat(curation.unpublishedRevisions()).isEqualTo(2);

            Publication publication = curation.publish("alice", publisher);

            assertThat(publication.number()).isEqualTo(2);
            assertThat(releases).hasSize(1);
            assertThat(releases.get(0))
                    .extracting(KnowledgeEntry::id)
                    .containsExactly("policy-returns", "faq-label", "faq-gift");
            assertThat(curation.publishedEntries().get(0).body()).isEqualTo("Returns within 60 days.");
            assertThat(curation.get("faq-gift").status()).isEqualTo(EntryView.Status.PUBLISHED);
            assertThat(curation.publish("alice", publisher)).isEqualTo(publication); // nothing new: no rebuild
            assertThat(releases).hasSize(1);
        }
    }

    @Test
    void should_replay_the_journal_after_a_restart() throws IOException {
        try (KnowledgeCuration curation = open()) {
            curation.create(entry("faq-gift", "Gift cards."), "alice");
            curation.publish("alice", publisher);
            curation.update("faq-gift", entry("faq-gift", "Gift cards, any amount."), "alice", null);
        }
        try (KnowledgeCuration reopened = KnowledgeCuration.open(dir.resolve("journal.jsonl"), List::of, CLOCK)) {
            assertThat(reopened.publishedEntries())
                    .extracting(KnowledgeEntry::body)
                    .containsExactly("Returns within 30 days.", "Print the label.", "Gift cards.");
            assertThat(reopened.get("faq-gift").status()).isEqualTo(EntryView.Status.DRAFT);
            assertThat(reopened.get("faq-gift").entry().body()).isEqualTo("Gift cards, any amount.");
            assertThat(reopened.revisions("faq-gift"))
                    .extracting(Revision::author)
                    .containsExactly("alice", "alice");
        }
    }

    @Test
    void should_drop_an_append_cut_off_by_a_crash_but_refuse_a_damaged_middle() throws IOException {
        Path journal = dir.resolve("journal.jsonl");
        try (KnowledgeCuration curation = open()) {
            curation.create(entry("faq-gift", "Gift cards."), "alice");
        }
        Files.writeString(journal, "{\"kind\":\"revision\",\"number\":5,\"entr", StandardOpenOption.APPEND);
        try (KnowledgeCuration reopened = open()) {
            assertThat(reopened.get("faq-gift").revision()).isEqualTo(3);
            reopened.create(entry("faq-more", "More."), "bob"); // appends on a clean line
        }
        try (KnowledgeCuration again = open()) {
            assertThat(again.get("faq-more").revision()).isEqualTo(4);
        }

        List<String> lines = new ArrayList<>(Files.readAllLines(journal, StandardCharsets.UTF_8));
        lines.set(1, "not json");
        Files.write(journal, lines, StandardCharsets.UTF_8);
        assertThatThrownBy(this::open).isInstanceOf(IllegalStateException.class).hasMessageContaining("line 2");
    }

    @Test
    void should_refuse_a_stale_edit_a_duplicate_id_a_dangling_relation_and_deleting_a_referenced_entry()
            throws IOException {
        try (KnowledgeCuration curation = open()) {
            curation.update("policy-returns", entry("policy-returns", "v2"), "alice", 1L);

            assertThatThrownBy(() -> curation.update("policy-returns", entry("policy-returns", "v3"), "bob", 1L))
                    .isInstanceOf(CurationException.class)
                    .extracting(e -> ((CurationException) e).reason())
                    .isEqualTo(Reason.REVISION_CONFLICT);
            assertThatThrownBy(() -> curation.create(entry("faq-label", "again"), "bob"))
                    .extracting(e -> ((CurationException) e).reason())
                    .isEqualTo(Reason.ENTRY_EXISTS);
            assertThatThrownBy(() -> curation.create(
                            entry("faq-x", "x", new Relation(RelationType.GOVERNED_BY, "policy-missing")), "bob"))
                    .isInstanceOf(CurationException.class)
                    .satisfies(e -> assertThat(((CurationException) e).problems())
                            .singleElement()
                            .asString()
                            .contains("policy-missing"));
            assertThatThrownBy(() -> curation.delete("policy-returns", "bob", null))
                    .isInstanceOf(CurationException.class)
                    .satisfies(e -> {
                        CurationException c = (CurationException) e;
                        assertThat(c.reason()).isEqualTo(Reason.ENTRY_REFERENCED);
                        assertThat(c.problems()).containsExactly("faq-label -related-> policy-returns");
                    });
            assertThat(curation.revisions("policy-returns")).hasSize(2); // nothing refused was recorded
        }
    }

    @Test
    void should_restore_any_revision_and_diff_any_two_field_by_field() throws IOException {
        try (KnowledgeCuration curation = open()) {
            KnowledgeEntry zh = new KnowledgeEntry(
                    "policy-returns",
                    EntryType.POLICY,
                    "Returns",
                    "Returns within 60 days.",
                    List.of("q policy-returns"),
                    List.of("returns"),
                    List.of(),
                    Map.of("days", "60"),
                    Map.of("zh", new Translation("退货", "60天内退货。")));
            Revision changed = curation.update("policy-returns", zh, "alice", null);
            curation.publish("alice", publisher);

            List<FieldChange> changes = curation.diff(1, changed.number());
            assertThat(changes)
                    .extracting(FieldChange::field)
                    .containsExactly(
                            "type", "title", "body", "tags", "attributes.days", "i18n.zh.title", "i18n.zh.body");
            assertThat(changes.get(2).before().asText()).isEqualTo("Returns within 30 days.");
            assertThat(changes.get(2).after().asText()).isEqualTo("Returns within 60 days.");
            assertThat(changes.get(4).before()).isNull();

            Revision restored = curation.restore("policy-returns", 1, "bob");
            assertThat(restored.action()).isEqualTo(Revision.Action.RESTORE);
            assertThat(restored.restoredFrom()).isEqualTo(1);
            assertThat(curation.diff(1, restored.number())).isEmpty();
            assertThat(curation.get("policy-returns").status()).isEqualTo(EntryView.Status.DRAFT);
            curation.publish("bob", publisher);
            assertThat(curation.publishedEntries().get(0)).isEqualTo(SEED.get(0));

            assertThatThrownBy(() -> curation.restore("faq-label", 1, "bob"))
                    .extracting(e -> ((CurationException) e).reason())
                    .isEqualTo(Reason.NOT_FOUND);
        }
    }

    @Test
    void should_show_a_deletion_until_published_and_restore_a_deleted_entry() throws IOException {
        try (KnowledgeCuration curation = open()) {
            curation.delete("faq-label", "alice", null);
            assertThat(curation.get("faq-label").status()).isEqualTo(EntryView.Status.DELETED);
            assertThat(curation.publishedEntries()).hasSize(2);
            curation.publish("alice", publisher);
            assertThat(curation.publishedEntries())
                    .extracting(KnowledgeEntry::id)
                    .containsExactly("policy-returns");
            assertThatThrownBy(() -> curation.get("faq-label")).isInstanceOf(CurationException.class);
            assertThat(curation.list(null, null, 0, 10).total()).isEqualTo(1);

            curation.restore("faq-label", 2, "alice");
            assertThat(curation.get("faq-label").status()).isEqualTo(EntryView.Status.NEW);
        }
    }

    @Test
    void should_search_ids_titles_bodies_and_questions_in_both_languages() throws IOException {
        try (KnowledgeCuration curation = open()) {
            curation.create(
                    new KnowledgeEntry(
                            "faq-gift",
                            EntryType.FAQ,
                            "Gift cards",
                            "Any amount.",
                            List.of("礼品卡怎么买"),
                            List.of(),
                            List.of(),
                            Map.of(),
                            Map.of()),
                    "alice");
            assertThat(curation.list("GIFT", null, 0, 10).entries())
                    .extracting(EntryView::entryId)
                    .containsExactly("faq-gift");
            assertThat(curation.list("礼品卡", null, 0, 10).total()).isEqualTo(1);
            assertThat(curation.list("print the", null, 0, 10).entries())
                    .extracting(EntryView::entryId)
                    .containsExactly("faq-label");
            assertThat(curation.list(null, EntryType.POLICY, 0, 10).total()).isZero();
            assertThat(curation.list(null, null, 1, 1).entries())
                    .extracting(EntryView::entryId)
                    .containsExactly("faq-label");
        }
    }

    @Test
    void should_import_a_whole_graph_as_the_difference_to_the_working_copy() throws IOException {
        try (KnowledgeCuration curation = open()) {
            KnowledgeCuration.ImportResult result = curation.importAll(
                    List.of(SEED.get(0), entry("faq-new", "New."), entry("faq-other", "Other.")), "alice");

            assertThat(result.created()).isEqualTo(2);
            assertThat(result.updated()).isZero();
            assertThat(result.unchanged()).isEqualTo(1);
            assertThat(result.deleted()).isEqualTo(1);
            assertThat(curation.workingEntries())
                    .extracting(KnowledgeEntry::id)
                    .containsExactly("policy-returns", "faq-new", "faq-other");
            assertThat(curation.publishedEntries()).isEqualTo(SEED);

            assertThatThrownBy(() -> curation.importAll(
                            List.of(entry("faq-a", "a", new Relation(RelationType.RELATED, "faq-gone"))), "alice"))
                    .extracting(e -> ((CurationException) e).reason())
                    .isEqualTo(Reason.DANGLING_RELATION);
            assertThat(curation.workingEntries()).hasSize(3);
        }
    }

    @Test
    void should_keep_the_last_publication_when_the_publisher_fails() throws IOException {
        try (KnowledgeCuration curation = open()) {
            curation.create(entry("faq-gift", "Gift cards."), "alice");
            assertThatThrownBy(() -> curation.publish("alice", entries -> {
                        throw new IOException("disk full");
                    }))
                    .hasMessageContaining("disk full")
                    .hasMessageContaining("still answered from publication 1");
            assertThat(curation.publications()).hasSize(1);
            assertThat(curation.get("faq-gift").status()).isEqualTo(EntryView.Status.NEW);
        }
        try (KnowledgeCuration reopened = open()) {
            assertThat(reopened.publications()).hasSize(1);
        }
    }
}
