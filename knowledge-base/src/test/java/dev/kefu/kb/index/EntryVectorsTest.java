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
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each start builds a fresh index; the vectors file decides which entries are embedded again. */
class EntryVectorsTest {
    /** Records every text it embeds; its vector is the text's length and first letter. */
    private static final class RecordingEmbedder implements TextEmbedder {
        final List<String> embedded = new ArrayList<>();
        final String model;

        RecordingEmbedder(String model) {
            this.model = model;
        }

        @Override
        public Map<String, Integer> spaces() {
            return Map.of("en", 2);
        }

        @Override
        public String model() {
            return model;
        }

        @Override
        public synchronized Embedding embed(String text) {
            embedded.add(text);
            return new Embedding("en", new float[] {text.length(), text.charAt(0)});
        }
    }

    private static KnowledgeEntry entry(String id, String... questions) {
        return new KnowledgeEntry(
                id,
                EntryType.FAQ,
                "Title of " + id,
                "Body.",
                List.of(questions),
                List.of(),
                List.of(),
                Map.of(),
                Map.of());
    }

    private static final List<KnowledgeEntry> ENTRIES = List.of(
            entry("faq-refund", "how do I get a refund"),
            entry("faq-delivery", "when will my package arrive"),
            entry("faq-warranty", "is there a warranty"));

    /** Builds an index as a start does: a fresh directory, the vectors file read anew. */
    private static int start(Path data, List<KnowledgeEntry> entries, TextEmbedder embedder, String release)
            throws IOException {
        EntryVectors vectors = EntryVectors.in(data.resolve("vectors.bin"));
        try (Directory directory = FSDirectory.open(data.resolve(release));
                KefuAnalyzer analyzer = new KefuAnalyzer();
                KnowledgeIndex index = KnowledgeIndex.build(
                        directory, entries, analyzer, embedder, IndexThreads.callerThread(), vectors)) {
            // every text has its vector in the index, reused or not: the nearest to the refund
            // question's vector is the refund entry's own
            float[] query = KnowledgeIndex.unit(new float[] {"how do I get a refund".length(), 'h'});
            String[] nearest = index.search(searcher -> {
                TopDocs hits = searcher.search(new KnnFloatVectorQuery(KbFields.vector("en"), query, 10), 10);
                assertThat(hits.scoreDocs).hasSize(2 * entries.size());
                return KnowledgeIndex.ids(searcher, hits.scoreDocs, KbFields.VECTOR_OF);
            });
            assertThat(nearest[0]).isEqualTo("faq-refund");
            return vectors.lastEmbedded();
        }
    }

    @Test
    void should_embed_no_entry_when_a_second_start_finds_the_same_entries(@TempDir Path data) throws IOException {
        RecordingEmbedder first = new RecordingEmbedder("m1");
        assertThat(start(data, ENTRIES, first, "release-1")).isEqualTo(3);
        assertThat(first.embedded).hasSize(6);

        assertThat(java.nio.file.Files.getPosixFilePermissions(data.resolve("vectors.bin")))
                .containsExactlyInAnyOrderElementsOf(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        RecordingEmbedder second = new RecordingEmbedder("m1");
        assertThat(start(data, ENTRIES, second, "release-2")).isZero();
        assertThat(second.embedded).isEmpty();
    }

    @Test
    void should_embed_exactly_the_changed_entry_when_one_entry_changed(@TempDir Path data) throws IOException {
        start(data, ENTRIES, new RecordingEmbedder("m1"), "release-1");
        List<KnowledgeEntry> changed =
                List.of(ENTRIES.get(0), entry("faq-delivery", "where is my parcel"), ENTRIES.get(2));

        RecordingEmbedder again = new RecordingEmbedder("m1");
        assertThat(start(data, changed, again, "release-2")).isEqualTo(1);
        assertThat(again.embedded).containsExactly("Title of faq-delivery", "where is my parcel");

        RecordingEmbedder third = new RecordingEmbedder("m1");
        assertThat(start(data, changed, third, "release-3"))
                .as("the changed entry's new vectors were stored")
                .isZero();
    }

    @Test
    void should_embed_every_entry_again_when_the_model_changed(@TempDir Path data) throws IOException {
        start(data, ENTRIES, new RecordingEmbedder("m1"), "release-1");

        RecordingEmbedder newModel = new RecordingEmbedder("m2");
        assertThat(start(data, ENTRIES, newModel, "release-2")).isEqualTo(3);
        assertThat(newModel.embedded).hasSize(6);
    }

    @Test
    void should_embed_every_entry_again_when_the_vectors_file_is_corrupt(@TempDir Path data) throws IOException {
        start(data, ENTRIES, new RecordingEmbedder("m1"), "release-1");
        Path file = data.resolve("vectors.bin");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // cut off, as by a full disk

        assertThat(start(data, ENTRIES, new RecordingEmbedder("m1"), "release-2"))
                .isEqualTo(3);
        Files.writeString(file, "not vectors at all");
        assertThat(start(data, ENTRIES, new RecordingEmbedder("m1"), "release-3"))
                .isEqualTo(3);
        assertThat(start(data, ENTRIES, new RecordingEmbedder("m1"), "release-4"))
                .as("the rebuilt file is whole again")
                .isZero();
    }

    @Test
    void should_forget_removed_entries_when_they_are_published_again(@TempDir Path data) throws IOException {
        start(data, ENTRIES, new RecordingEmbedder("m1"), "release-1");
        start(data, ENTRIES.subList(0, 2), new RecordingEmbedder("m1"), "release-2");

        RecordingEmbedder back = new RecordingEmbedder("m1");
        assertThat(start(data, ENTRIES, back, "release-3")).isEqualTo(1);
        assertThat(back.embedded).containsExactly("Title of faq-warranty", "is there a warranty");
    }
}
