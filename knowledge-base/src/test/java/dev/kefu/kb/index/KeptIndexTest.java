package dev.kefu.kb.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.knowledge.TextEmbedder;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start reuses the Lucene index its data directory holds when it holds the same release, and
 * builds it again otherwise: another release, a damaged or foreign index; never a failed start.
 */
class KeptIndexTest {
    /** Counts the texts it embeds; with no vectors file, a rebuilt index embeds every text again. */
    private static final class CountingEmbedder implements TextEmbedder {
        final List<String> embedded = new ArrayList<>();

        @Override
        public Map<String, Integer> spaces() {
            return Map.of("en", 2);
        }

        @Override
        public String model() {
            return "m1";
        }

        @Override
        public synchronized Embedding embed(String text) {
            embedded.add(text);
            return new Embedding("en", new float[] {text.length(), text.charAt(0)});
        }
    }

    @TempDir
    Path data;

    private static KnowledgeEntry entry(String id, String question) {
        return new KnowledgeEntry(
                id,
                EntryType.FAQ,
                "Title of " + id,
                "Body.",
                List.of(question),
                List.of(),
                List.of(),
                Map.of(),
                Map.of());
    }

    private static final List<KnowledgeEntry> ENTRIES =
            List.of(entry("faq-refund", "how do I get a refund"), entry("faq-delivery", "when will my package arrive"));

    /** Opens the index in {@code data/index} as a start does; returns how many texts it embedded. */
    private int start(List<KnowledgeEntry> entries) throws IOException {
        CountingEmbedder embedder = new CountingEmbedder();
        try (Directory directory = FSDirectory.open(data.resolve("index"));
                KefuAnalyzer analyzer = new KefuAnalyzer();
                KnowledgeIndex index = KnowledgeIndex.build(
                        directory, entries, analyzer, embedder, IndexThreads.callerThread(), EntryVectors.inMemory())) {
            assertThat(index.size()).isEqualTo(entries.size());
            for (KnowledgeEntry entry : entries) { // every entry is found, reused index or not
                int hits = index.search(searcher -> searcher.count(new TermQuery(new Term(KbFields.ID, entry.id()))));
                assertThat(hits).as(entry.id()).isEqualTo(1);
            }
        }
        return embedder.embedded.size();
    }

    @Test
    void should_reuse_the_kept_index_when_the_release_is_unchanged() throws IOException {
        assertThat(start(ENTRIES)).isEqualTo(4);
        assertThat(start(ENTRIES)).as("nothing built again").isZero();
    }

    @Test
    void should_build_again_when_an_entry_changed() throws IOException {
        start(ENTRIES);
        List<KnowledgeEntry> changed = List.of(ENTRIES.get(0), entry("faq-delivery", "where is my parcel"));
        assertThat(start(changed)).isEqualTo(4);
        assertThat(start(changed)).isZero();
    }

    @Test
    void should_build_again_and_start_when_the_kept_index_is_damaged() throws IOException {
        start(ENTRIES);
        try (Stream<Path> files = Files.list(data.resolve("index"))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith("segments")
                            && !f.getFileName().toString().equals("write.lock"))
                    .toList()) {
                byte[] bytes = Files.readAllBytes(file);
                bytes[bytes.length / 2] ^= 0x5A; // one flipped byte: its checksum no longer matches
                Files.write(file, bytes);
            }
        }
        assertThat(start(ENTRIES)).isEqualTo(4);
        assertThat(start(ENTRIES)).isZero();
    }

    @Test
    void should_build_again_when_the_directory_holds_a_foreign_index_or_junk() throws IOException {
        try (Directory directory = FSDirectory.open(data.resolve("index"));
                KefuAnalyzer analyzer = new KefuAnalyzer();
                KnowledgeIndex lexical = KnowledgeIndex.build(directory, ENTRIES, analyzer)) {
            assertThat(lexical.size()).isEqualTo(2); // the same entries, without vectors: another release
        }
        assertThat(start(ENTRIES)).isEqualTo(4);
        Files.writeString(data.resolve("index").resolve("segments_99"), "not an index");
        assertThat(start(ENTRIES)).isEqualTo(4);
    }

    @Test
    void should_name_the_same_release_alike_and_another_one_otherwise() {
        TextEmbedder embedder = new CountingEmbedder();
        assertThat(KnowledgeIndex.release(ENTRIES, embedder))
                .isEqualTo(KnowledgeIndex.release(List.copyOf(ENTRIES), embedder))
                .isNotEqualTo(KnowledgeIndex.release(ENTRIES, null))
                .isNotEqualTo(KnowledgeIndex.release(ENTRIES.subList(0, 1), embedder));
    }
}
