package dev.kefu.core.knowledge.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.intent.Language;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductSheetTest {
    @Test
    void should_read_quantities_with_units_in_both_languages_when_attributes_are_typed() {
        ProductSheet sheet = ProductSheet.of(Map.of("weight", "6.8 kg", "battery_life", "14 day", "power", "1700W"));
        AttributeValue weight = sheet.value(Attribute.WEIGHT).orElseThrow();
        assertThat(weight.amount()).isEqualByComparingTo("6800");
        assertThat(weight.unit()).isEqualTo("g");
        assertThat(weight.text(Language.EN)).isEqualTo("6.8 kg");
        assertThat(weight.text(Language.ZH)).isEqualTo("6.8 公斤");
        assertThat(sheet.value(Attribute.BATTERY_LIFE).orElseThrow().text(Language.EN))
                .isEqualTo("14 days");
        assertThat(sheet.value(Attribute.BATTERY_LIFE).orElseThrow().amount()).isEqualByComparingTo("336");
        assertThat(sheet.value(Attribute.POWER).orElseThrow().text(Language.ZH)).isEqualTo("1700 W");
    }

    @Test
    void should_prefer_the_trainer_text_when_a_language_variant_is_given() {
        ProductSheet sheet = ProductSheet.of(Map.of(
                "battery_life", "8 h",
                "battery_life.en", "8 hours (30 with the case)",
                "battery_life.zh", "单次 8 小时（配合充电盒共 30 小时）",
                "colours", "Black, Mist Blue",
                "colours.zh", "黑色、雾霾蓝"));
        assertThat(sheet.value(Attribute.BATTERY_LIFE).orElseThrow().text(Language.EN))
                .isEqualTo("8 hours (30 with the case)");
        assertThat(sheet.value(Attribute.BATTERY_LIFE).orElseThrow().text(Language.MIXED))
                .isEqualTo("单次 8 小时（配合充电盒共 30 小时）");
        assertThat(sheet.value(Attribute.COLOURS).orElseThrow().text(Language.EN))
                .isEqualTo("Black, Mist Blue");
        assertThat(sheet.value(Attribute.COLOURS).orElseThrow().text(Language.ZH))
                .isEqualTo("黑色、雾霾蓝");
    }

    @Test
    void should_compare_values_only_when_they_share_a_base_unit() {
        ProductSheet a = ProductSheet.of(Map.of("weight", "250 g", "capacity", "10000 mAh", "price", "699.00"));
        ProductSheet b = ProductSheet.of(Map.of("weight", "0.9 kg", "capacity", "22 L", "price", "299"));
        assertThat(a.value(Attribute.WEIGHT)
                        .orElseThrow()
                        .compareTo(b.value(Attribute.WEIGHT).orElseThrow()))
                .contains(-1);
        assertThat(a.value(Attribute.CAPACITY)
                        .orElseThrow()
                        .compareTo(b.value(Attribute.CAPACITY).orElseThrow()))
                .isEmpty();
        assertThat(a.value(Attribute.PRICE).orElseThrow().text(Language.EN)).isEqualTo("699 yuan");
        assertThat(a.value(Attribute.PRICE).orElseThrow().text(Language.ZH)).isEqualTo("699 元");
    }

    @Test
    void should_read_dimensions_lists_and_stock_when_written_in_their_shapes() {
        ProductSheet sheet =
                ProductSheet.of(Map.of("dimensions", "52 x 45 x 22 cm", "sizes", "S,M, L", "stock", "low_stock"));
        assertThat(sheet.value(Attribute.DIMENSIONS).orElseThrow().amount()).isEqualByComparingTo("51480");
        assertThat(sheet.value(Attribute.SIZES).orElseThrow().text(Language.EN)).isEqualTo("S, M, L");
        assertThat(sheet.value(Attribute.SIZES).orElseThrow().text(Language.ZH)).isEqualTo("S、M、L");
        assertThat(sheet.value(Attribute.STOCK).orElseThrow().text(Language.ZH)).isEqualTo("有货，但库存紧张");
    }

    @Test
    void should_ignore_free_keys_and_name_the_key_when_a_typed_value_is_wrong() {
        assertThat(ProductSheet.of(Map.of("brand", "Sonora", "specs", "anything")))
                .isSameAs(ProductSheet.EMPTY);
        assertThatThrownBy(() -> ProductSheet.of(Map.of("weight", "heavy")))
                .hasMessageContaining("attributes.weight \"heavy\"")
                .hasMessageContaining("units g, kg");
        assertThatThrownBy(() -> ProductSheet.of(Map.of("weight", "8 h"))).hasMessageContaining("weight");
        assertThatThrownBy(() -> ProductSheet.of(Map.of("stock", "plenty")))
                .hasMessageContaining("in_stock, low_stock or out_of_stock");
        assertThatThrownBy(() -> ProductSheet.of(Map.of("size_table", "weight kg S 4-8")))
                .hasMessageContaining("attributes.size_table");
    }

    @Test
    void should_pick_sizes_from_the_table_when_the_question_gives_a_measure() {
        SizeTable table = SizeTable.parse("weight kg: NB -5; S 4-8; M 6-11; L 9-14; XL 12-");
        assertThat(table.measureIn("which size for a 7 kg baby")).contains(new BigDecimal("7"));
        assertThat(table.measureIn("宝宝14斤穿什么码"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("7"));
        assertThat(table.measureIn("宝宝体重8"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("8"));
        assertThat(table.measureIn("宝宝8个月穿什么码")).isEmpty();
        assertThat(table.fitting(new BigDecimal("7")))
                .extracting(SizeTable.Row::size)
                .containsExactly("S", "M");
        assertThat(table.fitting(new BigDecimal("20")))
                .extracting(SizeTable.Row::size)
                .containsExactly("XL");
        assertThat(table.fitting(new BigDecimal("2")))
                .extracting(SizeTable.Row::size)
                .containsExactly("NB");
        assertThat(table.recommend(new BigDecimal("7"), "CloudNest Ultra-Soft Diapers", Language.EN))
                .isEqualTo("For a weight of 7 kg, choose size S (4-8 kg) of the CloudNest Ultra-Soft Diapers;"
                        + " M (6-11 kg) fits too.");
        assertThat(table.recommend(new BigDecimal("7"), "云巢超柔纸尿裤", Language.ZH))
                .isEqualTo("云巢超柔纸尿裤：体重 7 公斤选 S 码（4-8 公斤），M 码（6-11 公斤）也合适。");

        SizeTable heights = SizeTable.parse("height cm: S 160-170; M 170-175; L 175-180");
        assertThat(heights.measureIn("身高170穿多大")).contains(new BigDecimal("170"));
        assertThat(heights.measureIn("i'm 1.78 m tall, what size"))
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("178"));
        SizeTable waist = SizeTable.parse("waist inch: 95 cm -30; 105 cm 31-34");
        assertThat(waist.measureIn("which belt length for a 32 inch waist?")).contains(new BigDecimal("32"));
        assertThat(waist.fitting(new BigDecimal("32")))
                .extracting(SizeTable.Row::size)
                .containsExactly("105 cm");
    }
}
