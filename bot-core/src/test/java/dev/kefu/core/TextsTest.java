package dev.kefu.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {
    @Test
    void should_remove_nul_controls_zero_width_and_direction_overrides_but_keep_line_breaks() {
        assertThat(Texts.clean("a\u0000b\u001b[31mc\u200bd\ufeffe\u202ef\u2066g"))
                .isEqualTo("ab[31mcdefg");
        assertThat(Texts.clean("line one\nline two\ttab\r\n")).isEqualTo("line one\nline two\ttab\r\n");
    }

    @Test
    void should_keep_emoji_sequences_and_chinese_and_replace_lone_surrogates() {
        String family = "👨\u200d👩\u200d👧";
        assertThat(Texts.clean("你好 " + family)).isEqualTo("你好 " + family);
        assertThat(Texts.clean("a\ud800b\udc00")).isEqualTo("a\ufffdb\ufffd");
        String same = "plain text";
        assertThat(Texts.clean(same)).isSameAs(same);
    }

    @Test
    void should_find_texts_that_show_nothing() {
        assertThat(Texts.isBlank("\u0000\u0000")).isTrue();
        assertThat(Texts.isBlank("\u200b\u200c\u200d\ufeff \u00a0\u3000\n")).isTrue();
        assertThat(Texts.isBlank("")).isTrue();
        assertThat(Texts.isBlank("\u200ba")).isFalse();
        assertThat(Texts.isBlank("好")).isFalse();
    }
}
