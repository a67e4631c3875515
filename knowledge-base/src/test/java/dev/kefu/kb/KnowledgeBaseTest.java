package dev.kefu.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Relation;
import dev.kefu.kb.model.RelationType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeBaseTest {
    @TempDir
    Path indexDirectory;

    private static KnowledgeEntry entry(String id, String title, String body, Relation... relations) {
        return new KnowledgeEntry(
                id, EntryType.FAQ, title, body, List.of(), List.of(), List.of(relations), Map.of(), Map.of());
    }

    private static List<Passage> search(KnowledgeBase kb, String text) {
        return kb.retriever().retrieve(new KnowledgeQuery(text, Language.EN, "unknown", List.of(), 3));
    }

    @Test
    void should_load_demo_store_when_asked_for_demo_entries() {
        List<KnowledgeEntry> entries = KnowledgeBase.demoEntries();

        assertThat(entries).hasSizeGreaterThan(100);
        assertThat(entries)
                .extracting(KnowledgeEntry::id)
                .contains("policy-shipping", "policy-returns", "product-x200");
        assertThat(entries).extracting(KnowledgeEntry::type).contains(EntryType.values());
    }

    @Test
    void should_expose_entries_by_id_when_open() throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.open(
                indexDirectory,
                List.of(entry("faq-gift", "Gift wrapping", "We wrap gifts for free.")),
                KnowledgeBase.DEFAULT_MIN_SCORE)) {
            assertThat(kb.size()).isEqualTo(1);
            assertThat(kb.entry("faq-gift")).map(KnowledgeEntry::title).contains("Gift wrapping");
            assertThat(kb.entry("faq-missing")).isEmpty();
        }
    }

    @Test
    void should_replace_previous_index_when_reopened_on_same_directory() throws IOException {
        try (KnowledgeBase first = KnowledgeBase.open(
                indexDirectory, List.of(entry("faq-gift", "Gift wrapping", "We wrap gifts for free.")), 0.0)) {
            assertThat(search(first, "gift wrapping"))
                    .extracting(Passage::entryId)
                    .containsExactly("faq-gift");
        }
        try (KnowledgeBase second = KnowledgeBase.open(
                indexDirectory, List.of(entry("faq-points", "Points", "Points expire after a year.")), 0.0)) {
            assertThat(second.size()).isEqualTo(1);
            assertThat(search(second, "gift wrapping")).isEmpty();
            assertThat(search(second, "points expire"))
                    .extracting(Passage::entryId)
                    .containsExactly("faq-points");
        }
    }

    @Test
    void should_reject_entries_when_ids_repeat() {
        KnowledgeEntry gift = entry("faq-gift", "Gift wrapping", "We wrap gifts for free.");

        assertThatThrownBy(() -> KnowledgeBase.open(indexDirectory, List.of(gift, gift), 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entries must have unique ids, \"faq-gift\" repeats");
    }

    @Test
    void should_reject_entries_when_relation_target_is_missing() {
        KnowledgeEntry gift = entry(
                "faq-gift", "Gift wrapping", "We wrap gifts.", new Relation(RelationType.GOVERNED_BY, "policy-x"));

        assertThatThrownBy(() -> KnowledgeBase.open(indexDirectory, List.of(gift), 0.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("faq-gift -governed_by-> policy-x");
    }

    @Test
    void should_load_jsonl_file_when_given_a_path(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("kb.jsonl");
        Files.writeString(
                file, "{\"id\": \"faq-gift\", \"type\": \"faq\", \"title\": \"Gift wrapping\", \"body\": \"Free.\"}\n");

        assertThat(KnowledgeBase.load(file)).extracting(KnowledgeEntry::id).containsExactly("faq-gift");
    }
}
