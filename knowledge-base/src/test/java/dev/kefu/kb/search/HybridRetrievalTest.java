package dev.kefu.kb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.core.knowledge.TextEmbedder;
import dev.kefu.kb.KnowledgeBase;
import dev.kefu.kb.index.EntryVectors;
import dev.kefu.kb.index.IndexThreads;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Translation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hybrid route of {@link LuceneKnowledgeRetriever} with a real Lucene index and HNSW vectors.
 * The embedder stands in for the ONNX models (which live in the intents module): it maps words to
 * a few concepts, so that "money back" and "refund" are close without sharing a word, exactly the
 * case lexical search cannot handle. It speaks the real {@link TextEmbedder} contract, spaces
 * included: Chinese text goes to a space of its own.
 */
class HybridRetrievalTest {
    private static final List<List<String>> CONCEPTS = List.of(
            List.of("refund", "money", "reimburse", "退款", "退钱"),
            List.of("deliver", "delivery", "shipping", "ship", "arrive", "package", "快递", "配送"),
            List.of("stroller", "pram", "buggy", "婴儿车"),
            List.of("warranty", "guarantee", "repair", "保修"),
            List.of("weather", "rain", "sunny"));

    /** Counts concept words; English texts in space "en", texts with Han characters in "zh". */
    static final class ConceptEmbedder implements TextEmbedder {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Map<String, Integer> spaces() {
            return Map.of("en", CONCEPTS.size() + 1, "zh", CONCEPTS.size() + 1);
        }

        @Override
        public Embedding embed(String text) {
            calls.incrementAndGet();
            String lower = text.toLowerCase(Locale.ROOT);
            float[] v = new float[CONCEPTS.size() + 1];
            v[CONCEPTS.size()] = 0.3f; // a shared direction: unrelated texts are not orthogonal
            for (int c = 0; c < CONCEPTS.size(); c++) {
                for (String word : CONCEPTS.get(c)) {
                    if (lower.contains(word)) {
                        v[c] += 1f;
                    }
                }
            }
            boolean chinese =
                    lower.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
            return new Embedding(chinese ? "zh" : "en", v);
        }
    }

    private static KnowledgeEntry entry(String id, String title, List<String> questions, Translation zh) {
        return new KnowledgeEntry(
                id,
                EntryType.FAQ,
                title,
                "Answer of " + id + ".",
                questions,
                List.of(),
                List.of(),
                Map.of(),
                zh == null ? Map.of() : Map.of("zh", zh));
    }

    private static final List<KnowledgeEntry> ENTRIES = List.of(
            entry(
                    "faq-refund",
                    "Refunds",
                    List.of("how do I get a refund", "when is my refund paid", "can I be reimbursed"),
                    new Translation("退款", "退款说明。")),
            entry(
                    "faq-delivery",
                    "Delivery times",
                    List.of("when will my package arrive", "how long is shipping"),
                    null),
            entry("faq-mixed", "Orders", List.of("refund or delivery problems with an order"), null),
            entry("product-x200", "X200 phone", List.of("tell me about the X200"), null));

    private static List<String> ids(List<Passage> passages) {
        return passages.stream().map(Passage::entryId).toList();
    }

    private static KnowledgeQuery query(String text, Language language) {
        return new KnowledgeQuery(text, language, "unknown", List.of(), 3);
    }

    private static KnowledgeBase open(Path dir, TextEmbedder embedder, double minSimilarity) throws IOException {
        return KnowledgeBase.open(dir, ENTRIES, 10.0, embedder, minSimilarity, 0.0, IndexThreads.callerThread());
    }

    @Test
    void should_find_a_paraphrase_by_meaning_when_it_shares_no_word_with_the_entry(@TempDir Path dir)
            throws IOException {
        try (KnowledgeBase lexical = KnowledgeBase.open(dir.resolve("lexical"), ENTRIES, 10.0);
                KnowledgeBase hybrid = open(dir.resolve("hybrid"), new ConceptEmbedder(), 0.9)) {
            KnowledgeQuery paraphrase = query("I want my money back", Language.EN);
            assertThat(lexical.retriever().retrieve(paraphrase)).isEmpty();
            assertThat(ids(hybrid.retriever().retrieve(paraphrase))).first().isEqualTo("faq-refund");
        }
    }

    @Test
    void should_rank_the_entry_with_more_matching_questions_first_when_similarities_tie(@TempDir Path dir)
            throws IOException {
        try (KnowledgeBase hybrid = open(dir, new ConceptEmbedder(), 0.9)) {
            // faq-refund has three refund questions, faq-mixed one: the soft vote prefers the former
            assertThat(ids(hybrid.retriever().retrieve(query("reimburse me please", Language.EN))))
                    .startsWith("faq-refund");
        }
    }

    @Test
    void should_answer_nothing_when_no_entry_is_similar_enough_and_no_word_matches(@TempDir Path dir)
            throws IOException {
        try (KnowledgeBase hybrid = open(dir, new ConceptEmbedder(), 0.9)) {
            assertThat(hybrid.retriever().retrieve(query("will it rain tomorrow", Language.EN)))
                    .isEmpty();
        }
    }

    @Test
    void should_still_answer_by_words_when_meaning_misses(@TempDir Path dir) throws IOException {
        try (KnowledgeBase hybrid = open(dir, new ConceptEmbedder(), 0.9)) {
            // the concept embedder knows nothing of phones, BM25 knows the SKU
            assertThat(ids(hybrid.retriever().retrieve(query("X200 phone", Language.EN))))
                    .first()
                    .isEqualTo("product-x200");
        }
    }

    @Test
    void should_search_the_space_of_the_query_language_and_answer_in_chinese(@TempDir Path dir) throws IOException {
        try (KnowledgeBase hybrid = open(dir, new ConceptEmbedder(), 0.9)) {
            List<Passage> passages = hybrid.retriever().retrieve(query("我想退钱", Language.ZH));
            assertThat(ids(passages)).first().isEqualTo("faq-refund");
            assertThat(passages.get(0).title()).isEqualTo("退款");
        }
    }

    @Test
    void should_fall_back_to_words_when_the_index_has_no_vectors_in_the_query_space(@TempDir Path dir)
            throws IOException {
        List<KnowledgeEntry> english = new ArrayList<>(ENTRIES.subList(1, ENTRIES.size()));
        try (KnowledgeBase hybrid =
                KnowledgeBase.open(dir, english, 0.0, new ConceptEmbedder(), 0.9, 0.0, IndexThreads.callerThread())) {
            // no Chinese text in this store, so no "zh" vectors: the lexical route alone answers
            assertThat(hybrid.retriever().retrieve(query("配送 X200", Language.ZH)))
                    .extracting(Passage::entryId)
                    .contains("product-x200");
        }
    }

    @Test
    void should_embed_each_title_and_question_once_when_indexing(@TempDir Path dir) throws IOException {
        ConceptEmbedder embedder = new ConceptEmbedder();
        try (KnowledgeBase ignored = open(dir, embedder, 0.9)) {
            // 4 titles + 1 Chinese title + 7 questions
            assertThat(embedder.calls.get()).isEqualTo(12);
        }
    }

    @Test
    void should_apply_the_similarity_floor_of_the_question_s_language(@TempDir Path dir) throws IOException {
        // "退钱 还是 快递" is about 0.72 from the Chinese title 退款 (two concepts against one)
        KnowledgeQuery chinese = query("退钱还是快递", Language.ZH);
        try (KnowledgeBase lenient = KnowledgeBase.open(
                        dir.resolve("lenient"),
                        ENTRIES,
                        new ConceptEmbedder(),
                        new RetrievalThresholds(10.0, 0.9, 0.7, 2.0, 2.0),
                        0.0,
                        IndexThreads.callerThread(),
                        EntryVectors.inMemory());
                KnowledgeBase strict = KnowledgeBase.open(
                        dir.resolve("strict"),
                        ENTRIES,
                        new ConceptEmbedder(),
                        new RetrievalThresholds(10.0, 0.7, 0.9, 2.0, 2.0),
                        0.0,
                        IndexThreads.callerThread(),
                        EntryVectors.inMemory())) {
            assertThat(ids(lenient.retriever().retrieve(chinese))).containsExactly("faq-refund");
            assertThat(strict.retriever().retrieve(chinese)).isEmpty();
            // and the English floor for English questions: "refund my stroller" is about 0.72 too
            assertThat(lenient.retriever().retrieve(query("refund my stroller", Language.EN)))
                    .isEmpty();
            assertThat(ids(strict.retriever().retrieve(query("refund my stroller", Language.EN))))
                    .first()
                    .isEqualTo("faq-refund");
        }
    }

    @Test
    void should_mark_an_example_question_confident_and_a_loose_paraphrase_not(@TempDir Path dir) throws IOException {
        try (KnowledgeBase hybrid = KnowledgeBase.open(
                dir,
                ENTRIES,
                new ConceptEmbedder(),
                new RetrievalThresholds(10.0, 0.7, 0.7, 0.95, 0.95),
                0.0,
                IndexThreads.callerThread(),
                EntryVectors.inMemory())) {
            List<Passage> exact = hybrid.retriever().retrieve(query("how do I get a refund", Language.EN));
            List<Passage> loose = hybrid.retriever().retrieve(query("refund my stroller", Language.EN));

            assertThat(exact.get(0).entryId()).isEqualTo("faq-refund");
            assertThat(exact.get(0).confident()).isTrue();
            assertThat(loose.get(0).entryId()).isEqualTo("faq-refund");
            assertThat(loose.get(0).confident()).isFalse();
        }
    }

    @Test
    void should_give_the_evidence_of_every_candidate_before_thresholds(@TempDir Path dir) throws IOException {
        try (KnowledgeBase hybrid = open(dir, new ConceptEmbedder(), 0.99)) {
            List<LuceneKnowledgeRetriever.Evidence> evidence =
                    hybrid.evidence(query("refund my stroller", Language.EN));
            assertThat(hybrid.retriever().retrieve(query("refund my stroller", Language.EN)))
                    .isEmpty();
            assertThat(evidence).first().satisfies(e -> {
                assertThat(e.entryId()).isEqualTo("faq-refund");
                assertThat(e.similarity()).isBetween(0.7, 0.75);
                assertThat(e.vote()).isPositive();
            });
        }
    }

    @Test
    void should_reject_settings_when_they_are_out_of_range(@TempDir Path dir) {
        for (double bad : new double[] {1.5, -2, Double.NaN}) {
            assertThatThrownBy(() -> open(dir.resolve("s" + bad), new ConceptEmbedder(), bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("minSimilarity");
        }
        assertThatThrownBy(() -> KnowledgeBase.open(
                        dir.resolve("w"), ENTRIES, 10.0, new ConceptEmbedder(), 0.5, -1, IndexThreads.callerThread()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lexicalWeight");
    }
}
