package dev.kefu.intents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.Language;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentLabel;
import dev.kefu.core.text.Identifiers;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.entity.ProductGazetteer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in models as the server loads them, end to end (the sentence encoders are real). */
class NluIT {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-10T02:00:00Z"), SHANGHAI);

    static Encoders encoders;
    static Nlu nlu;

    @BeforeAll
    static void load() {
        encoders = new Encoders(2);
        KefuConfig config = ConfigLoader.defaults();
        ProductGazetteer products = ProductGazetteer.builder()
                .product("product-x200", List.of("X200 Wireless Earbuds", "X200"))
                .build();
        nlu = Nlu.load(
                config.intents(), config.sentiment(), encoders, products, Identifiers.defaults(), CLOCK, SHANGHAI);
    }

    @AfterAll
    static void close() {
        encoders.close();
    }

    @Test
    void should_understand_a_chinese_complaint_end_to_end_with_built_in_models() {
        String raw = "订单２０２６１１２２０００１怎么还没到？太慢了！";
        Language language = nlu.languageDetector().detect(raw);
        String text = nlu.normalizer().normalize(raw);

        assertThat(language).isEqualTo(Language.ZH);
        assertThat(text).isEqualTo("订单202611220001怎么还没到?太慢了!");
        assertThat(nlu.intentClassifier().classify(text, language).name()).isEqualTo("order_status");
        assertThat(nlu.entityExtractor().extract(text, language))
                .extracting(Entity::type, Entity::value)
                .contains(org.assertj.core.groups.Tuple.tuple("order_number", "202611220001"));
        assertThat(nlu.sentimentAnalyzer().analyze(text, language).label()).isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void should_route_both_languages_and_extract_products_and_dates() {
        String text = nlu.normalizer().normalize("Will the X200 arrive by tomorrow?");
        assertThat(nlu.intentClassifier().classify(text, Language.EN).name()).isIn("delivery_time", "order_status");
        assertThat(nlu.entityExtractor().extract(text, Language.EN))
                .extracting(Entity::type, Entity::value)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("product", "product-x200"),
                        org.assertj.core.groups.Tuple.tuple("date", "2026-11-11"));
    }

    @Test
    void should_keep_plain_questions_neutral_and_praise_positive() {
        Sentiment question = nlu.sentimentAnalyzer().analyze("how long does delivery take?", Language.EN);
        Sentiment praise = nlu.sentimentAnalyzer().analyze("质量非常好，物流也很快，满意！", Language.ZH);
        assertThat(question.label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(praise.label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(praise.cues()).isNotEmpty();
    }
}
