package dev.kefu.intents.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LexicalFeaturesTest {
    private final LexicalFeatures features = new LexicalFeatures();

    @Test
    void should_emit_word_unigrams_when_text_is_english() {
        assertThat(features.of("where is my order")).contains("w=where", "w=is", "w=my", "w=order");
    }

    @Test
    void should_emit_word_bigrams_across_spaces_when_text_is_english() {
        assertThat(features.of("where is my order")).contains("b=^_where", "b=where_is", "b=is_my", "b=my_order");
    }

    @Test
    void should_not_join_words_into_a_bigram_when_punctuation_separates_them() {
        String[] f = features.of("thanks, bye");
        assertThat(f).contains("w=thanks", "w=bye", "b=^_thanks").doesNotContain("b=thanks_bye");
    }

    @Test
    void should_emit_bounded_char_3_and_4_grams_when_word_is_longer_than_three_letters() {
        assertThat(features.of("order"))
                .contains("c=<or", "c=ord", "c=rde", "c=der", "c=er>", "c=<ord", "c=orde", "c=rder", "c=der>");
        assertThat(Arrays.stream(features.of("my")).filter(x -> x.startsWith("c=")))
                .isEmpty();
    }

    @Test
    void should_emit_char_unigrams_bigrams_and_trigrams_when_text_is_chinese() {
        assertThat(features.of("退货政策"))
                .contains("w=退", "w=货", "w=政", "w=策", "w=退货", "w=货政", "w=政策", "t=退货政", "t=货政策")
                .doesNotContain("t=退货政策");
    }

    @Test
    void should_not_emit_char_ngrams_or_word_bigrams_when_text_is_only_chinese() {
        assertThat(Arrays.stream(features.of("我要退货")).filter(x -> x.startsWith("c=") || x.startsWith("b=")))
                .isEmpty();
    }

    @Test
    void should_replace_digits_by_shapes_when_text_has_numbers_and_model_codes() {
        String[] f = features.of("order 202611220001 for x200");
        assertThat(f)
                .contains("w=<num12>", "w=<code>", "b=order_<num>", "b=for_<code>")
                .noneMatch(x -> x.contains("2026") || x.contains("x200") || x.contains("200"));
    }

    @Test
    void should_combine_both_scripts_when_text_is_mixed() {
        String[] f = features.of("iphone 退货 policy");
        assertThat(f).contains("w=iphone", "w=policy", "w=退", "w=退货", "w=货", "c=<iph", "c=icy>");
        assertThat(f).doesNotContain("b=iphone_policy");
    }

    @Test
    void should_not_join_latin_words_into_a_bigram_when_a_han_run_separates_them() {
        assertThat(features.of("iphone退货policy"))
                .contains("w=iphone", "w=policy")
                .doesNotContain("b=iphone_policy");
    }

    @Test
    void should_return_a_non_empty_array_when_text_is_empty_or_punctuation_only() {
        assertThat(features.of("")).isNotEmpty();
        assertThat(features.of("?!...")).isNotEmpty();
        assertThat(features.of("。。。")).isNotEmpty();
        assertThat(features.of("")).isEqualTo(features.of("?!..."));
    }

    @Test
    void should_emit_each_feature_once_when_words_repeat() {
        String[] f = features.of("no no no");
        assertThat(f).doesNotHaveDuplicates().contains("w=no", "b=no_no");
    }

    @Test
    void should_give_the_same_features_in_the_same_order_when_called_twice() {
        assertThat(features.of("where's my x200, 退货?")).containsExactly(features.of("where's my x200, 退货?"));
    }
}
