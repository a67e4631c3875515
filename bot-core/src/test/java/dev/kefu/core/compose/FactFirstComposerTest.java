package dev.kefu.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.IntentScore;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.knowledge.KnowledgeFacts;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentTrend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FactFirstComposerTest {
    private static final Map<String, Map<String, String>> ATTRIBUTES = Map.of(
            "product-x200",
            Map.of(
                    "price", "399.00",
                    "stock", "in_stock",
                    "battery_life", "8 h",
                    "battery_life.en", "8 hours per charge (30 hours with the charging case)",
                    "battery_life.zh", "单次 8 小时（配合充电盒共 30 小时）",
                    "water_resistance", "IPX4",
                    "water_resistance.en", "rated IPX4: sweat- and splash-resistant, not for swimming",
                    "water_resistance.zh", "IPX4 防汗防溅，不能游泳"),
            "product-sonora-h5",
            Map.of("battery_life", "40 h", "weight", "250 g", "stock", "low_stock", "price", "699.00"),
            "product-stroller-cloud",
            Map.of("weight", "6.8 kg", "price", "1599.00"),
            "product-cloudnest-diapers",
            Map.of("sizes", "NB,S,M,L,XL", "size_table", "weight kg: NB -5; S 4-8; M 6-11; L 9-14; XL 12-"));
    private static final Map<String, String[]> TITLES = Map.of(
            "product-x200", new String[] {"X200 Wireless Earbuds", "X200 真无线耳机"},
            "product-sonora-h5", new String[] {"Sonora H5 Headphones", "声诺 H5 头戴式耳机"},
            "product-stroller-cloud", new String[] {"CloudNest Cloud Lite Stroller", "云巢 Cloud Lite 轻便婴儿推车"},
            "product-cloudnest-diapers", new String[] {"CloudNest Ultra-Soft Diapers", "云巢超柔纸尿裤"});

    private static final KnowledgeFacts FACTS = new KnowledgeFacts() {
        @Override
        public Optional<Fact> entry(String id, Language language) {
            String[] titles = TITLES.get(id);
            return titles == null
                    ? Optional.empty()
                    : Optional.of(new Fact(
                            id,
                            "product",
                            titles[language.replyLanguage() == Language.ZH ? 1 : 0],
                            ATTRIBUTES.get(id)));
        }

        @Override
        public List<Fact> related(String id, String relation, boolean outgoing, Language language) {
            return List.of();
        }
    };

    private static final Answer DELEGATED = new Answer("the whole description", List.of(), AnswerKind.FALLBACK);
    private final List<CompositionRequest> delegated = new ArrayList<>();
    private final FactFirstComposer composer = new FactFirstComposer(
            request -> {
                delegated.add(request);
                return DELEGATED;
            },
            FACTS);

    private static CompositionRequest request(
            Language language, String text, String intent, String subject, String... named) {
        List<Entity> entities = new ArrayList<>();
        for (String id : named) {
            entities.add(new Entity("product", id, 0, 1));
        }
        Understanding nlu = new Understanding(
                language,
                language,
                text,
                new IntentPrediction(new IntentScore(intent, 0.9), List.of()),
                entities,
                Sentiment.neutral(),
                SentimentTrend.start(),
                subject,
                false,
                false,
                false);
        return new CompositionRequest(
                nlu,
                List.of(new Passage("faq-x200-one-side", "faq", "One earbud silent", "Reset them.", 3.0)),
                Conversation.start("c", ShopperContext.anonymous(), Instant.EPOCH));
    }

    @Test
    void should_answer_with_the_fact_first_and_cite_the_product_when_a_question_asks_one_attribute() {
        Answer zh = composer.compose(request(Language.ZH, "x200防水吗", "product_question", "product-x200"));
        assertThat(zh.text()).isEqualTo("X200 真无线耳机的防水性能：IPX4 防汗防溅，不能游泳。");
        assertThat(zh.citations()).extracting(Citation::entryId).containsExactly("product-x200");
        assertThat(zh.kind()).isEqualTo(AnswerKind.GROUNDED);

        Answer en = composer.compose(
                request(Language.EN, "how heavy is the stroller", "product_question", "product-stroller-cloud"));
        assertThat(en.text()).isEqualTo("The CloudNest Cloud Lite Stroller weighs 6.8 kg.");

        Answer plural = composer.compose(
                request(Language.EN, "how long does the battery last", "product_question", "product-x200"));
        assertThat(plural.text())
                .isEqualTo("The X200 Wireless Earbuds' battery lasts 8 hours per charge (30 hours with the charging"
                        + " case).");
        assertThat(delegated).isEmpty();
    }

    @Test
    void should_add_one_useful_line_when_the_fact_is_stock_or_price() {
        Answer stock = composer.compose(request(Language.EN, "is it in stock?", "oos", "product-sonora-h5"));
        assertThat(stock.text())
                .isEqualTo("The Sonora H5 Headphones are in stock, but running low. The Sonora H5 Headphones cost"
                        + " 699 yuan.");
        Answer price = composer.compose(request(Language.ZH, "多少钱", "promotions", "product-x200"));
        assertThat(price.text()).isEqualTo("X200 真无线耳机的价格是 399 元。X200 真无线耳机现在有货。");
    }

    @Test
    void should_compare_two_named_products_when_the_question_weighs_them() {
        Answer zh = composer.compose(request(
                Language.ZH,
                "x200 和 h5 哪个续航长",
                "product_question",
                "product-x200",
                "product-x200",
                "product-sonora-h5"));
        assertThat(zh.text()).isEqualTo("续航：X200 真无线耳机 8 小时；声诺 H5 头戴式耳机 40 小时。" + "声诺 H5 头戴式耳机的续航更长。");
        assertThat(zh.citations()).extracting(Citation::entryId).containsExactly("product-x200", "product-sonora-h5");

        Answer en = composer.compose(request(
                Language.EN,
                "is the stroller lighter than the h5",
                "product_question",
                "product-stroller-cloud",
                "product-stroller-cloud",
                "product-sonora-h5"));
        assertThat(en.text())
                .isEqualTo("Weight: CloudNest Cloud Lite Stroller 6.8 kg; Sonora H5 Headphones 250 g."
                        + " Sonora H5 Headphones are lighter.");
    }

    @Test
    void should_pick_a_size_from_the_size_table_when_the_question_gives_a_measure() {
        Answer en = composer.compose(
                request(Language.EN, "diaper size for a 10kg baby?", "product_question", "product-cloudnest-diapers"));
        assertThat(en.text())
                .isEqualTo("For a weight of 10 kg, choose size M (6-11 kg) of the CloudNest Ultra-Soft Diapers;"
                        + " L (9-14 kg) fits too.");
        Answer zh =
                composer.compose(request(Language.ZH, "宝宝8公斤 纸尿裤买啥码", "product_question", "product-cloudnest-diapers"));
        assertThat(zh.text()).startsWith("云巢超柔纸尿裤：体重 8 公斤选 S 码（4-8 公斤），M 码");
        assertThat(zh.citations()).extracting(Citation::entryId).containsExactly("product-cloudnest-diapers");
    }

    @Test
    void should_leave_the_message_to_the_composer_when_it_is_not_a_fact_question() {
        composer.compose(request(Language.EN, "what does it weigh", "product_question", null)); // no product
        composer.compose(
                request(Language.EN, "is it dishwasher safe", "product_question", "product-x200")); // no attribute
        composer.compose(request(Language.EN, "how heavy is it", "product_question", "product-x200")); // not on it
        composer.compose(request(Language.ZH, "尺码不合适能退吗", "return_policy", "product-cloudnest-diapers"));
        assertThat(delegated).hasSize(4);
        assertThat(composer.compose(request(Language.EN, "hello", "greeting", null)))
                .isSameAs(DELEGATED);
    }
}
