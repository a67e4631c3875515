package dev.kefu.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.kb.KnowledgeBase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service-first ranking rule: the table, and the retriever over the demo store applying it. */
class ServiceTopicsTest {
    @TempDir
    static Path indexDirectory;

    private static KnowledgeBase knowledgeBase;
    private static KnowledgeBase lenient;

    @BeforeAll
    static void open() throws IOException {
        knowledgeBase = KnowledgeBase.open(
                indexDirectory, KnowledgeBase.demoEntries(), LuceneKnowledgeRetriever.DEFAULT_MIN_SCORE);
        // lexical only, with a low floor: the general entries of a long question still pass it
        lenient = KnowledgeBase.open(indexDirectory.resolve("lenient"), KnowledgeBase.demoEntries(), 2.0);
    }

    @AfterAll
    static void close() throws IOException {
        knowledgeBase.close();
        lenient.close();
    }

    @Test
    void serviceIntentsPreferPoliciesAndFaqsPromotionsAlsoPromotions() {
        ServiceTopics topics = ServiceTopics.DEFAULT;
        assertThat(topics.serviceEntry("return_policy", "policy")).isTrue();
        assertThat(topics.serviceEntry("warranty", "faq")).isTrue();
        assertThat(topics.serviceEntry("warranty", "product")).isFalse();
        assertThat(topics.serviceEntry("warranty", "category")).isFalse();
        assertThat(topics.serviceEntry("promotions", "promotion")).isTrue();
        assertThat(topics.serviceEntry("return_policy", "promotion")).isFalse();
        assertThat(topics.covers("product_question")).isFalse();
        assertThat(topics.covers("oos")).isFalse();
        assertThat(topics.serviceEntry("product_question", "policy")).isFalse();
    }

    @Test
    void theTableIsCopied() {
        Map<String, Set<String>> table =
                new java.util.HashMap<>(Map.of("refund", new java.util.HashSet<>(Set.of("faq"))));
        ServiceTopics topics = new ServiceTopics(table);
        table.get("refund").add("product");
        table.put("invoice", Set.of("policy"));
        assertThat(topics.serviceEntry("refund", "product")).isFalse();
        assertThat(topics.covers("invoice")).isFalse();
    }

    @Test
    void aServiceQuestionAboutTheSubjectIsAnsweredFromServiceEntriesFirst() {
        String text = "is the x200 covered by the warranty";
        List<Passage> asProduct = retrieve(text, "product_question", "product-x200");
        List<Passage> asWarranty = retrieve(text, "warranty", "product-x200");

        assertThat(asProduct).extracting(Passage::type).contains("product");
        assertThat(asWarranty)
                .extracting(Passage::entryId)
                .containsExactlyInAnyOrderElementsOf(
                        asProduct.stream().map(Passage::entryId).toList());
        assertThat(asWarranty.get(0).type()).isIn("policy", "faq");
        int lastService = -1;
        int firstOther = asWarranty.size();
        for (int i = 0; i < asWarranty.size(); i++) {
            if (Set.of("policy", "faq").contains(asWarranty.get(i).type())) {
                lastService = i;
            } else {
                firstOther = Math.min(firstOther, i);
            }
        }
        assertThat(lastService).isLessThan(firstOther);
        // the relative order inside each group is the retriever's
        assertThat(asWarranty.stream()
                        .filter(p -> !Set.of("policy", "faq").contains(p.type()))
                        .map(Passage::entryId))
                .containsExactlyElementsOf(asProduct.stream()
                        .filter(p -> !Set.of("policy", "faq").contains(p.type()))
                        .map(Passage::entryId)
                        .toList());
    }

    @Test
    void should_answer_a_warranty_question_from_the_warranty_entries_when_a_products_faq_matches_more_words() {
        String text = "my air fryer smells, is it covered by warranty";
        List<String> asProduct = ids(retrieve(lenient, text, "product_question", null));
        List<String> asWarranty = ids(retrieve(lenient, text, "warranty", null));

        // the words favour the air fryer's own FAQ (it is no topic entry of warranty)...
        assertThat(asProduct).contains("faq-air-fryer-first-use", "policy-warranty");
        assertThat(asProduct.indexOf("faq-air-fryer-first-use")).isLessThan(asProduct.indexOf("policy-warranty"));
        // ...the router's topic puts the entries tagged warranty first
        assertThat(asWarranty.get(0)).isIn("policy-warranty", "faq-warranty-claim");
        assertThat(asWarranty.indexOf("policy-warranty")).isLessThan(asWarranty.indexOf("faq-air-fryer-first-use"));
    }

    @Test
    void should_have_topic_tags_only_for_the_intents_that_name_one_topic() {
        assertThat(ServiceTopics.DEFAULT.topicTags("warranty")).contains("warranty");
        assertThat(ServiceTopics.DEFAULT.topicTags("return_policy")).contains("returns", "exchanges");
        // order_status covers tracking, cancelling and changing an address: no single topic
        assertThat(ServiceTopics.DEFAULT.topicTags("order_status")).isEmpty();
        assertThat(new ServiceTopics(Map.of("refund", Set.of("faq"))).topicTags("refund"))
                .isEmpty();
    }

    private static List<String> ids(List<Passage> passages) {
        return passages.stream().map(Passage::entryId).toList();
    }

    @Test
    void aQuestionRoutedToNoServiceIntentKeepsTheRetrieversOrder() {
        String text = "is the x200 covered by the warranty";
        assertThat(retrieve(text, "greeting", "product-x200"))
                .extracting(Passage::entryId)
                .containsExactlyElementsOf(retrieve(text, "product_question", "product-x200").stream()
                        .map(Passage::entryId)
                        .toList());
    }

    private static List<Passage> retrieve(String text, String intent, String subject) {
        return retrieve(knowledgeBase, text, intent, subject);
    }

    private static List<Passage> retrieve(KnowledgeBase kb, String text, String intent, String subject) {
        return kb.retriever()
                .retrieve(new KnowledgeQuery(
                        text, Language.EN, Language.EN, intent, List.of(), 20, subject, false, false, false, null));
    }
}
