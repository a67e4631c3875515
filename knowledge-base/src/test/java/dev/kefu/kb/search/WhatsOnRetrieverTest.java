package dev.kefu.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.kb.KnowledgeBase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhatsOnRetrieverTest {
    private static final Instant NOW = Instant.parse("2026-12-06T02:00:00Z");

    @TempDir
    Path indexDirectory;

    private static KnowledgeQuery broad(String text, Language language, String subject, Instant at) {
        return new KnowledgeQuery(
                text, language, language, "promotions", List.of(), 3, subject, false, false, true, at);
    }

    @Test
    void should_list_the_promotions_running_now_in_the_shopper_s_language_with_the_subject_s_first()
            throws IOException {
        try (KnowledgeBase kb =
                KnowledgeBase.open(indexDirectory, KnowledgeBase.demoEntries(Clock.fixed(NOW, ZoneOffset.UTC)), 10.0)) {
            List<Passage> zh = kb.retriever().retrieve(broad("有什么活动", Language.ZH, null, NOW));
            assertThat(zh).hasSizeGreaterThanOrEqualTo(4).allSatisfy(p -> {
                assertThat(p.type()).isEqualTo("promotion");
                assertThat(p.relation()).isEqualTo(Passage.RUNNING_NOW);
            });
            assertThat(zh).extracting(Passage::entryId).contains("promotion-mother-baby-week", "promotion-x200-bundle");
            assertThat(zh.get(0).title()).matches(".*\\p{IsHan}.*");

            List<Passage> aboutX200 = kb.retriever().retrieve(broad("any deals?", Language.EN, "product-x200", NOW));
            assertThat(aboutX200.get(0).entryId()).isEqualTo("promotion-x200-bundle");
            assertThat(aboutX200.get(0).title()).doesNotContainPattern("\\p{IsHan}{2}");

            // a year on, none of the dated ones runs: the undated welcome coupons still do
            List<Passage> later =
                    kb.retriever().retrieve(broad("what's new", Language.EN, null, NOW.plusSeconds(365L * 24 * 3600)));
            assertThat(later).extracting(Passage::entryId).containsExactly("promotion-new-member-coupon");
        }
    }

    @Test
    void should_answer_a_question_about_the_subject_itself_from_its_entry_first_and_its_neighbourhood_only()
            throws IOException {
        try (KnowledgeBase kb = KnowledgeBase.open(indexDirectory, KnowledgeBase.demoEntries(), 10.0)) {
            KnowledgeQuery howMuch = new KnowledgeQuery(
                    "多少钱",
                    Language.ZH,
                    Language.ZH,
                    "product_question",
                    List.of(),
                    3,
                    "product-stroller-cloud",
                    false,
                    true,
                    false,
                    NOW);
            List<Passage> passages = kb.retriever().retrieve(howMuch);
            assertThat(passages.get(0).entryId()).isEqualTo("product-stroller-cloud");
            Passage first = passages.get(0);
            assertThat(first.text()).contains("1599");
            assertThat(kb
                            .graph()
                            .neighbours(
                                    "product-stroller-cloud",
                                    java.util.Set.of(),
                                    dev.kefu.kb.graph.Neighbour.Direction.BOTH,
                                    1)
                            .stream()
                            .map(dev.kefu.kb.graph.Neighbour::entryId)
                            .toList())
                    .containsAll(passages.stream().skip(1).map(Passage::entryId).toList());
        }
    }
}
