package dev.kefu.kb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.DaemonThreads;
import dev.kefu.core.knowledge.TextEmbedder;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Translation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeIndexTest {
    private static final KnowledgeEntry SHIPPING = new KnowledgeEntry(
            "policy-shipping",
            EntryType.POLICY,
            "Shipping",
            "We ship within 48 hours.",
            List.of("How long does delivery take?", "快递几天到？"),
            List.of("shipping"),
            List.of(),
            Map.of(),
            Map.of("zh", new Translation("配送政策", "我们在48小时内发货。")));

    @Test
    void should_store_fields_needed_for_passages_in_both_languages(@TempDir Path dir) throws IOException {
        try (Directory directory = FSDirectory.open(dir);
                KefuAnalyzer analyzer = new KefuAnalyzer();
                KnowledgeIndex index = KnowledgeIndex.build(directory, List.of(SHIPPING), analyzer)) {
            Document doc = index.search(searcher -> searcher.storedFields()
                    .document(searcher.search(new TermQuery(new Term(KbFields.ID, "policy-shipping")), 1)
                            .scoreDocs[0]
                            .doc));

            assertThat(index.size()).isEqualTo(1);
            assertThat(doc.get(KbFields.TYPE)).isEqualTo("policy");
            assertThat(doc.get(KbFields.TITLE)).isEqualTo("Shipping");
            assertThat(doc.get(KbFields.BODY)).isEqualTo("We ship within 48 hours.");
            assertThat(doc.get(KbFields.TITLE_ZH)).isEqualTo("配送政策");
            assertThat(doc.get(KbFields.BODY_ZH)).isEqualTo("我们在48小时内发货。");
            int bigramHits = index.search(
                    searcher -> searcher.count(new TermQuery(new Term(KbFields.bigram(KbFields.QUESTIONS), "快递"))));
            assertThat(bigramHits).isEqualTo(1);
        }
    }

    @Test
    void should_keep_previous_index_when_rebuild_is_rejected(@TempDir Path dir) throws IOException {
        try (Directory directory = FSDirectory.open(dir);
                KefuAnalyzer analyzer = new KefuAnalyzer()) {
            KnowledgeIndex.build(directory, List.of(SHIPPING), analyzer).close();

            assertThatThrownBy(() -> KnowledgeIndex.build(directory, List.of(SHIPPING, SHIPPING), analyzer))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"policy-shipping\" repeats");
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                assertThat(reader.numDocs()).isEqualTo(1);
            }
        }
    }

    @Test
    void should_insert_the_vectors_on_the_given_threads_when_the_build_is_large(@TempDir Path dir) throws Exception {
        List<KnowledgeEntry> entries = java.util.stream.IntStream.range(0, 2_500)
                .mapToObj(i -> new KnowledgeEntry(
                        "faq-" + i,
                        EntryType.FAQ,
                        "Question " + i,
                        "Answer " + i + ".",
                        List.of(),
                        List.of(),
                        List.of(),
                        Map.of(),
                        Map.of()))
                .toList();
        TextEmbedder embedder = new TextEmbedder() {
            @Override
            public Map<String, Integer> spaces() {
                return Map.of("en", 2);
            }

            @Override
            public Embedding embed(String text) {
                return new Embedding("en", new float[] {1f, text.length()});
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(4, new DaemonThreads("test-index"));
        AtomicInteger parts = new AtomicInteger();
        try (Directory directory = FSDirectory.open(dir);
                KefuAnalyzer analyzer = new KefuAnalyzer();
                KnowledgeIndex index = KnowledgeIndex.build(
                        directory,
                        entries,
                        analyzer,
                        embedder,
                        new IndexThreads(
                                task -> {
                                    parts.incrementAndGet();
                                    pool.execute(task);
                                },
                                4))) {
            assertThat(parts)
                    .as("one part per 1,000 vectors, at most the threads given")
                    .hasValue(2);
            int docs = index.search(searcher -> searcher.getIndexReader().numDocs());
            assertThat(docs).as("an entry and a vector document per entry").isEqualTo(5_000);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_refuse_index_threads_when_there_are_none() {
        assertThatThrownBy(() -> new IndexThreads(Runnable::run, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads must be >= 1, was 0");
    }
}
