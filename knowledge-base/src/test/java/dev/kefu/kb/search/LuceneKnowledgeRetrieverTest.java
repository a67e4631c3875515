package dev.kefu.kb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.contract.KnowledgeRetrieverContract;
import dev.kefu.core.contract.LabeledText;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.KnowledgeRetriever;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.kb.KnowledgeBase;
import dev.kefu.kb.model.KnowledgeEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retriever over the built-in demo store at the default threshold. */
class LuceneKnowledgeRetrieverTest extends KnowledgeRetrieverContract {
    @TempDir
    static Path indexDirectory;

    private static KnowledgeBase knowledgeBase;

    @BeforeAll
    static void open() throws IOException {
        knowledgeBase = KnowledgeBase.open(
                indexDirectory, KnowledgeBase.demoEntries(), LuceneKnowledgeRetriever.DEFAULT_MIN_SCORE);
    }

    @AfterAll
    static void close() throws IOException {
        knowledgeBase.close();
    }

    @Override
    protected KnowledgeRetriever retriever() {
        return knowledgeBase.retriever();
    }

    @Override
    protected List<LabeledText> answerable() {
        return List.of(
                en("How long does delivery take?", "policy-shipping"),
                zh("退货政策是什么？", "policy-returns"),
                // English paraphrases
                en("is shipping free", "policy-shipping"),
                en("how much is the X200", "product-x200"),
                en("is the x200 waterproof", "product-x200"),
                en("how do I pair my X200 with my phone", "faq-x200-pairing"),
                en("where is my package", "faq-track-package"),
                en("I forgot my password", "faq-password-reset"),
                en("can I pay cash on delivery", "faq-cash-on-delivery"),
                en("what are your customer service hours", "faq-customer-service-hours"),
                en("what is the warranty on electronics", "policy-warranty"),
                en("Cloud Lite stroller weight", "product-stroller-cloud"),
                // Chinese
                zh("运费多少", "policy-shipping"),
                zh("我想退货", "policy-returns"),
                zh("怎么查物流", "faq-track-package"),
                zh("能开发票吗", "policy-invoices"),
                zh("可以花呗分期吗", "faq-installments"),
                zh("双十一有什么活动", "faq-double-eleven"),
                zh("显示已签收但是没收到", "faq-order-not-received"),
                zh("优惠券可以叠加吗", "policy-coupons"),
                zh("空气炸锅多少钱", "product-homewell-air-fryer"),
                // mixed
                mixed("X200 怎么连接蓝牙", "faq-x200-pairing"),
                mixed("X200 有 noise cancelling 吗", "product-x200"),
                mixed("tracking 一直不更新怎么办", "faq-track-package"),
                mixed("R7 扫地机器人连不上 Wi-Fi", "faq-robot-vacuum-wifi"),
                mixed("花呗 installment 可以吗", "faq-installments"));
    }

    @Override
    protected List<LabeledText> unanswerable() {
        return List.of(
                en("what is the capital of france", "none"),
                zh("明天北京天气怎么样", "none"),
                en("tell me a joke", "none"),
                en("write my homework essay", "none"),
                en("who won the world cup", "none"),
                en("how do I bake a chocolate cake", "none"),
                en("book me a flight to tokyo", "none"),
                en("who is the president of the united states", "none"),
                en("recommend a good movie", "none"),
                en("set an alarm for 7am", "none"),
                zh("讲个笑话", "none"),
                zh("帮我写作业", "none"),
                zh("今天股市怎么样", "none"),
                zh("你是谁", "none"));
    }

    private static LabeledText en(String text, String entryId) {
        return new LabeledText(text, Language.EN, entryId);
    }

    private static LabeledText zh(String text, String entryId) {
        return new LabeledText(text, Language.ZH, entryId);
    }

    private static LabeledText mixed(String text, String entryId) {
        return new LabeledText(text, Language.MIXED, entryId);
    }

    /** A query about {@code subject} that asks neither about the subject itself nor broadly. */
    private static KnowledgeQuery subjectQuery(
            String text, Language language, int limit, String subject, boolean asksWhatGoesWith) {
        return new KnowledgeQuery(
                text, language, language, "unknown", List.of(), limit, subject, asksWhatGoesWith, false, false, null);
    }

    private static List<Passage> retrieve(String text, Language language) {
        return knowledgeBase.retriever().retrieve(new KnowledgeQuery(text, language, "unknown", List.of(), 3));
    }

    @Test
    void should_rank_the_subjects_graph_neighbourhood_first_when_the_query_has_a_subject(@TempDir Path dir)
            throws IOException {
        try (KnowledgeBase everything = KnowledgeBase.open(dir, KnowledgeBase.demoEntries(), 0.0)) {
            KnowledgeRetriever retriever = everything.retriever();
            String text = "return warranty";
            List<String> plain = ids(retriever, new KnowledgeQuery(text, Language.EN, "unknown", List.of(), 5));
            assertThat(plain).contains("policy-returns", "policy-warranty");
            assertThat(plain.get(0)).isNotEqualTo("policy-returns"); // so the subject must change the order
            // the rain cover is governed by the returns policy only, the X200 by both
            List<String> rainCover =
                    ids(retriever, subjectQuery(text, Language.EN, 5, "product-stroller-rain-cover", false));
            assertThat(rainCover.get(0)).isEqualTo("policy-returns");
            List<String> x200 = ids(retriever, subjectQuery(text, Language.EN, 5, "product-x200", false));
            assertThat(x200.subList(0, 2)).containsExactlyInAnyOrder("policy-returns", "policy-warranty");
        }
    }

    @Test
    void should_list_the_subjects_accessories_from_the_graph_when_asked_what_goes_with_it() {
        KnowledgeRetriever retriever = knowledgeBase.retriever();
        List<Passage> english =
                retriever.retrieve(subjectQuery("what goes with it?", Language.EN, 5, "product-stroller-cloud", true));
        assertThat(english)
                .extracting(Passage::entryId)
                .containsExactlyInAnyOrder(
                        "product-stroller-rain-cover",
                        "product-stroller-cup-holder",
                        "product-stroller-sleeping-bag",
                        "product-stroller-mosquito-net");
        assertThat(english).allSatisfy(p -> assertThat(p.relation()).isEqualTo(Passage.ACCESSORY_OF));
        List<Passage> chinese = retriever.retrieve(subjectQuery("这个有什么配件", Language.ZH, 2, "product-x200", true));
        assertThat(chinese)
                .extracting(Passage::entryId)
                .containsExactlyInAnyOrder("product-x200-charging-case", "product-x200-ear-tips");
        // without a subject, about a product with no accessories, or not asked (as stage ② decides),
        // it is an ordinary search
        assertThat(retriever.retrieve(subjectQuery("what goes with it?", Language.EN, 5, null, true)))
                .allSatisfy(p -> assertThat(p.relation()).isNull());
        assertThat(retriever.retrieve(
                        subjectQuery("what goes with it?", Language.EN, 5, "product-stroller-rain-cover", true)))
                .allSatisfy(p -> assertThat(p.relation()).isNull());
        assertThat(retriever.retrieve(
                        subjectQuery("what goes with it?", Language.EN, 5, "product-stroller-cloud", false)))
                .allSatisfy(p -> assertThat(p.relation()).isNull());
    }

    private static List<String> ids(KnowledgeRetriever retriever, KnowledgeQuery query) {
        return retriever.retrieve(query).stream().map(Passage::entryId).toList();
    }

    @Test
    void should_not_throw_when_text_contains_lucene_query_syntax() {
        for (String text : List.of(
                "a+b (c",
                "AND OR",
                "NOT",
                "title:x200 OR body:*",
                "\"unbalanced quote",
                "x200^10 ~2 [1 TO 5} {",
                "\\ / ? * ! && || -",
                "配送?* 退货 AND (")) {
            assertThatCode(() -> retrieve(text, Language.EN)).as(text).doesNotThrowAnyException();
        }
        assertThat(retrieve("is the x200 waterproof?) AND (", Language.EN))
                .first()
                .extracting(Passage::entryId)
                .isEqualTo("product-x200");
    }

    @Test
    void should_return_empty_list_when_text_is_only_stop_words_or_punctuation() {
        assertThat(retrieve("what is it ?!", Language.EN)).isEmpty();
        assertThat(retrieve("是什么？！", Language.ZH)).isEmpty();
    }

    @Test
    void should_return_chinese_passages_when_language_is_zh_or_mixed() {
        KnowledgeEntry shipping = knowledgeBase.entry("policy-shipping").orElseThrow();

        Passage zh = retrieve("How long does delivery take?", Language.ZH).get(0);
        Passage mixed = retrieve("How long does delivery take?", Language.MIXED).get(0);

        assertThat(zh.entryId()).isEqualTo("policy-shipping");
        assertThat(zh.type()).isEqualTo("policy");
        assertThat(zh.title()).isEqualTo(shipping.i18n().get("zh").title()).isEqualTo("配送时效与运费");
        assertThat(zh.text()).isEqualTo(shipping.i18n().get("zh").body());
        assertThat(mixed.title()).isEqualTo("配送时效与运费");
    }

    @Test
    void should_return_english_passages_when_language_is_en() {
        KnowledgeEntry returns = knowledgeBase.entry("policy-returns").orElseThrow();

        Passage passage = retrieve("退货政策是什么？", Language.EN).get(0);

        assertThat(passage.entryId()).isEqualTo("policy-returns");
        assertThat(passage.title()).isEqualTo(returns.title());
        assertThat(passage.text()).isEqualTo(returns.body());
    }

    @Test
    void should_return_only_passages_at_or_above_min_score() {
        for (LabeledText question : answerable()) {
            assertThat(retrieve(question.text(), question.language())).allSatisfy(passage -> assertThat(passage.score())
                    .isGreaterThanOrEqualTo(LuceneKnowledgeRetriever.DEFAULT_MIN_SCORE));
        }
    }

    @Test
    void should_reject_min_score_when_negative_or_not_finite() {
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> KnowledgeBase.open(indexDirectory.resolve("bad"), List.of(), bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("minScore must be a finite number >= 0, was ");
        }
    }

    @Test
    void should_throw_when_index_is_closed_instead_of_returning_nothing(@TempDir Path other) throws IOException {
        KnowledgeBase closed = KnowledgeBase.open(other, KnowledgeBase.demoEntries(), 0.0);
        KnowledgeRetriever retriever = closed.retriever();
        closed.close();

        assertThatThrownBy(() -> retriever.retrieve(
                        new KnowledgeQuery("How long does delivery take?", Language.EN, "unknown", List.of(), 3)))
                .isInstanceOf(RuntimeException.class);
    }
}
