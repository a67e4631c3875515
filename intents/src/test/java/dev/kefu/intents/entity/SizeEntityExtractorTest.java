package dev.kefu.intents.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.Language;
import dev.kefu.intents.text.KefuNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class SizeEntityExtractorTest {
    private final SizeEntityExtractor extractor = new SizeEntityExtractor();
    private final KefuNormalizer normalizer = new KefuNormalizer();

    private List<Entity> extract(String text) {
        return extractor.extract(normalizer.normalize(text), Language.MIXED);
    }

    private List<String> values(String text) {
        return extract(text).stream().map(Entity::value).toList();
    }

    @Test
    void should_read_clothing_sizes_when_a_cue_marks_a_single_letter() {
        assertThat(values("do you have it in size M?")).containsExactly("M");
        assertThat(values("我要M码")).containsExactly("M");
        assertThat(values("L号有货吗")).containsExactly("L");
        assertThat(values("尺码L")).containsExactly("L");
        assertThat(values("尺码：S")).containsExactly("S");
        assertThat(values("is the M size too small?")).containsExactly("M");
    }

    @Test
    void should_read_multi_letter_sizes_when_they_stand_alone() {
        assertThat(values("XL or XXL?")).containsExactly("XL", "XXL");
        assertThat(values("有XS吗")).containsExactly("XS");
        assertThat(values("2XL码")).containsExactly("XXL");
    }

    @Test
    void should_not_read_a_size_when_letters_are_inside_words_or_uncued() {
        assertThat(extract("I'm 35")).isEmpty();
        assertThat(extract("I'm not sure, my mum likes it")).isEmpty();
        assertThat(extract("size matters")).isEmpty();
        assertThat(extract("m")).isEmpty();
        assertThat(extract("export the xlsx file")).isEmpty();
        assertThat(extract("give us 5 stars")).isEmpty();
        assertThat(extract("I waited 3 weeks")).isEmpty();
    }

    @Test
    void should_read_shoe_sizes_when_a_system_or_cue_is_given() {
        assertThat(values("EU 42 please")).containsExactly("EU 42");
        assertThat(values("42码的鞋")).containsExactly("EU 42");
        assertThat(values("欧码 38")).containsExactly("EU 38");
        assertThat(values("我穿42")).containsExactly("EU 42");
        assertThat(values("size 9")).containsExactly("US 9");
        assertThat(values("size 42.5")).containsExactly("EU 42.5");
        assertThat(values("I wear US 9")).containsExactly("US 9");
        assertThat(values("US 9.5 shoes")).containsExactly("US 9.5");
        assertThat(values("UK 8")).containsExactly("UK 8");
    }

    @Test
    void should_read_capacities_and_dimensions_when_a_unit_follows_a_number() {
        assertThat(values("22L backpack")).containsExactly("22 L");
        assertThat(values("240ml bottle")).containsExactly("240 ml");
        assertThat(values("1.7升的水壶")).containsExactly("1.7 L");
        assertThat(values("65W charger")).containsExactly("65 W");
        assertThat(values("10,000 mAh")).containsExactly("10000 mAh");
        assertThat(values("20寸登机箱")).containsExactly("20 inch");
        assertThat(values("folds to 52 x 45 x 22 cm")).containsExactly("52 x 45 x 22 cm");
        assertThat(values("8GB + 256GB")).containsExactly("8 GB", "256 GB");
    }

    @Test
    void should_cover_cue_and_size_when_reporting_a_span() {
        assertThat(extract("in stock, size m?"))
                .extracting(Entity::type, Entity::value, Entity::start, Entity::end)
                .containsExactly(tuple("size", "M", 10, 16));
    }
}
