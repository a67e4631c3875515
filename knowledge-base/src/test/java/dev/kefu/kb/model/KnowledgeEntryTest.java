package dev.kefu.kb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.product.Attribute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnowledgeEntryTest {
    private static KnowledgeEntry entry(String id, String title, Map<String, Translation> i18n) {
        return new KnowledgeEntry(
                id, EntryType.POLICY, title, "We ship in 48 hours.", List.of(), List.of(), List.of(), Map.of(), i18n);
    }

    @Test
    void should_name_field_and_value_when_id_is_invalid() {
        assertThatThrownBy(() -> entry("Policy Shipping", "Shipping", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry.id must match ^[A-Za-z0-9][A-Za-z0-9_.:?-]{0,127}$, was \"Policy Shipping\"");
    }

    @Test
    void should_refuse_a_promotion_whose_end_is_not_a_date_time_with_an_offset() {
        assertThatThrownBy(() -> promotion(Map.of("ends", "2026-12-31")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry.attributes.ends of a promotion must be a date-time with an offset")
                .hasMessageContaining("was \"2026-12-31\" (entry promotion-week)");
        assertThatThrownBy(() -> promotion(Map.of("starts", "soon"))).hasMessageContaining("entry.attributes.starts");
        assertThat(promotion(Map.of("starts", "2026-12-01T00:00:00+08:00", "ends", "2026-12-31T23:59:59+08:00"))
                        .attributes())
                .containsEntry("ends", "2026-12-31T23:59:59+08:00");
        // Only promotions have run dates: another type keeps any text under these keys.
        assertThat(new KnowledgeEntry(
                                "faq-x",
                                EntryType.FAQ,
                                "X",
                                "Body.",
                                List.of(),
                                List.of(),
                                List.of(),
                                Map.of("ends", "whenever"),
                                Map.of())
                        .attributes())
                .containsEntry("ends", "whenever");
    }

    @Test
    void should_refuse_a_product_whose_typed_attribute_does_not_read_as_its_type() {
        assertThatThrownBy(() -> product(Map.of("weight", "light")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry.attributes.weight \"light\"")
                .hasMessageContaining("(entry product-kettle)");
        KnowledgeEntry kettle = product(Map.of("weight", "1.2 kg", "capacity", "1.7 L", "note", "anything"));
        assertThat(kettle.sheet().value(Attribute.WEIGHT).orElseThrow().text(Language.ZH))
                .isEqualTo("1.2 公斤");
        assertThat(kettle.sheet().value(Attribute.CAPACITY)).isPresent();
        // other types keep any text under these keys
        assertThat(entry("policy-x", "X", Map.of()).sheet().values()).isEmpty();
    }

    @Test
    void should_give_every_demo_product_typed_facts_when_the_demo_store_loads() {
        List<KnowledgeEntry> products = dev.kefu.kb.ingest.JsonlEntryReader.readDemoStore().stream()
                .filter(e -> e.type() == EntryType.PRODUCT)
                .toList();
        assertThat(products).hasSizeGreaterThan(50);
        assertThat(products)
                .allSatisfy(p ->
                        assertThat(p.sheet().value(Attribute.PRICE)).as(p.id()).isPresent());
        assertThat(products.stream().filter(p -> p.sheet().values().size() >= 4))
                .hasSizeGreaterThan(products.size() / 2);
    }

    private static KnowledgeEntry product(Map<String, String> attributes) {
        return new KnowledgeEntry(
                "product-kettle",
                EntryType.PRODUCT,
                "Kettle",
                "A kettle.",
                List.of(),
                List.of(),
                List.of(),
                attributes,
                Map.of());
    }

    private static KnowledgeEntry promotion(Map<String, String> attributes) {
        return new KnowledgeEntry(
                "promotion-week",
                EntryType.PROMOTION,
                "Week",
                "10% off all week.",
                List.of(),
                List.of(),
                List.of(),
                attributes,
                Map.of());
    }

    @Test
    void should_name_field_when_title_is_too_long() {
        assertThatThrownBy(() -> entry("a", "x".repeat(201), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("entry.title must be at most 200 characters, was 201 characters");
    }

    @Test
    void should_reject_when_i18n_key_is_not_a_language_code() {
        assertThatThrownBy(() -> entry("a", "t", Map.of("chinese", new Translation("标题", "正文"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entry.i18n key")
                .hasMessageContaining("\"chinese\"");
    }

    @Test
    void should_reject_when_translation_is_blank() {
        assertThatThrownBy(() -> new Translation("标题", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("translation.body must not be blank, was \" \"");
    }

    @Test
    void should_use_chinese_translation_when_language_is_zh_or_mixed() {
        KnowledgeEntry entry = entry("policy-shipping", "Shipping", Map.of("zh", new Translation("配送", "48小时发货")));

        assertThat(entry.localized(Language.ZH)).isEqualTo(new Translation("配送", "48小时发货"));
        assertThat(entry.localized(Language.MIXED).title()).isEqualTo("配送");
        assertThat(entry.localized(Language.EN)).isEqualTo(new Translation("Shipping", "We ship in 48 hours."));
    }

    @Test
    void should_fall_back_to_english_when_no_chinese_translation_exists() {
        assertThat(entry("a", "Shipping", Map.of()).localized(Language.ZH).title())
                .isEqualTo("Shipping");
    }

    @Test
    void should_map_codes_when_parsing_types() {
        assertThat(EntryType.fromCode("promotion")).contains(EntryType.PROMOTION);
        assertThat(EntryType.fromCode("PROMOTION")).isEmpty();
        assertThat(RelationType.fromCode("governed_by")).contains(RelationType.GOVERNED_BY);
        assertThat(RelationType.BUNDLE_WITH.code()).isEqualTo("bundle_with");
    }
}
