package dev.kefu.intents.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KefuNormalizerTest {
    private final KefuNormalizer normalizer = new KefuNormalizer();

    @Test
    void should_fold_full_width_to_half_width_when_text_is_full_width() {
        assertThat(normalizer.normalize("ＨＥＬＬＯ　Ｘ２００？")).isEqualTo("hello x200?");
        assertThat(normalizer.normalize("￥１９９")).isEqualTo("¥199");
    }

    @Test
    void should_lowercase_collapse_whitespace_and_trim_when_text_is_messy() {
        assertThat(normalizer.normalize("  Where   IS\tmy\n\nOrder  ")).isEqualTo("where is my order");
    }

    @Test
    void should_fold_typographic_apostrophe_when_phone_keyboard_typed_it() {
        assertThat(normalizer.normalize("It Doesn’t Work")).isEqualTo("it doesn't work");
    }

    @Test
    void should_keep_chinese_punctuation_without_half_width_form() {
        assertThat(normalizer.normalize("好的。谢谢")).isEqualTo("好的。谢谢");
    }

    @Test
    void should_reject_null_when_text_is_missing() {
        assertThatThrownBy(() -> normalizer.normalize(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text");
    }
}
