package dev.kefu.intents.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.EntityExtractor;
import dev.kefu.core.intent.Language;
import dev.kefu.core.text.Identifiers;
import dev.kefu.intents.text.KefuNormalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CompositeEntityExtractorTest {
    /** Friday 20 November 2026, 10:00 in Shanghai. */
    private static final Clock FRIDAY = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneOffset.UTC);

    private final EntityExtractor extractor =
            CompositeEntityExtractor.standard(ProductGazetteerTest.demoGazetteer(), FRIDAY);
    private final KefuNormalizer normalizer = new KefuNormalizer();

    private List<Entity> extract(String text) {
        return extractor.extract(normalizer.normalize(text), Language.MIXED);
    }

    @Test
    void should_read_the_store_s_order_numbers_from_normalised_text_when_a_pattern_is_configured() {
        EntityExtractor store = CompositeEntityExtractor.standard(
                ProductGazetteerTest.demoGazetteer(),
                Identifiers.forOrders(Pattern.compile("SO\\d{8,12}")),
                FRIDAY,
                ZoneOffset.UTC);

        assertThat(store.extract(normalizer.normalize("我的订单ＳＯ20241123001到哪了"), Language.ZH))
                .extracting(Entity::type, Entity::value)
                .containsExactly(tuple("order_number", "SO20241123001"));
        assertThat(store.extract(normalizer.normalize("Where is order DD20261122001?"), Language.EN))
                .extracting(Entity::type)
                .doesNotContain("order_number");
    }

    @Test
    void should_find_order_number_and_date_when_a_chinese_message_has_both() {
        assertThat(extract("我的订单 202611220001 什么时候到？明天能到吗"))
                .extracting(Entity::type, Entity::value)
                .containsExactly(tuple("order_number", "202611220001"), tuple("date", "2026-11-21"));
    }

    @Test
    void should_find_product_and_size_when_an_english_message_has_both() {
        assertThat(extract("do you have the X200 in stock, size M?"))
                .extracting(Entity::type, Entity::value)
                .containsExactly(tuple("product", "product-x200"), tuple("size", "M"));
    }

    @Test
    void should_find_product_when_a_mixed_message_asks_its_price() {
        assertThat(extract("X200 耳机 多少钱"))
                .extracting(Entity::type, Entity::value, Entity::start, Entity::end)
                .containsExactly(tuple("product", "product-x200", 0, 7)); // "X200 耳机": model code and category word
    }

    @Test
    void should_find_product_and_date_when_a_return_question_names_both() {
        assertThat(extract("can I return the Cloud Lite stroller I bought on Nov 11?"))
                .extracting(Entity::type, Entity::value)
                .containsExactly(tuple("product", "product-stroller-cloud"), tuple("date", "2026-11-11"));
    }

    @Test
    void should_keep_every_kind_apart_when_one_message_has_many() {
        assertThat(extract("双十一买的 Lumio Watch W3 ¥899，L号，手机13912345678，a@b.cn，下周一能换吗"))
                .extracting(Entity::type, Entity::value)
                .containsExactly(
                        tuple("date", "2026-11-11"),
                        tuple("product", "product-lumio-watch-w3"),
                        tuple("amount", "899 CNY"),
                        tuple("size", "L"),
                        tuple("phone", "13912345678"),
                        tuple("email", "a@b.cn"),
                        tuple("date", "2026-11-23"));
    }

    @Test
    void should_prefer_the_product_when_its_name_contains_a_size() {
        assertThat(extract("is the 65W GaN charger safe?"))
                .extracting(Entity::type, Entity::value)
                .containsExactly(tuple("product", "product-kefu-basics-65w-charger"));
        assertThat(extract("a 65W charger"))
                .extracting(Entity::type, Entity::value)
                .containsExactly(tuple("size", "65 W"));
    }

    @Test
    void should_prefer_the_amount_when_it_spans_a_festival_number() {
        assertThat(extract("¥11.11 还是 11.11 那天"))
                .extracting(Entity::type, Entity::value)
                .containsExactly(tuple("amount", "11.11 CNY"), tuple("date", "2026-11-11"));
    }

    @Test
    void should_prefer_the_earlier_extractor_when_spans_are_equal() {
        EntityExtractor first = (text, language) -> List.of(new Entity("first", "a", 0, 4));
        EntityExtractor second = (text, language) -> List.of(new Entity("second", "b", 0, 4));
        assertThat(new CompositeEntityExtractor(List.of(first, second)).extract("abcd", Language.EN))
                .extracting(Entity::type)
                .containsExactly("first");
    }

    @Test
    void should_not_extract_anything_when_numbers_and_letters_are_not_entities() {
        assertThat(extract("I'm 35 and my mum is 62")).isEmpty();
        assertThat(extract("I've been a customer since 2019")).isEmpty();
        assertThat(extract("how long does delivery take? 3 days?")).isEmpty();
    }

    @Test
    void should_reject_an_empty_list_when_constructed() {
        assertThatThrownBy(() -> new CompositeEntityExtractor(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extractors");
    }
}
