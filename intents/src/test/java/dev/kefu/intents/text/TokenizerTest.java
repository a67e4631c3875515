package dev.kefu.intents.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenizerTest {
    private final Tokenizer tokenizer = new Tokenizer();

    @Test
    void should_split_english_words_and_drop_punctuation_when_text_is_english() {
        assertThat(tokenizer.tokenize("where's my order?! 'now'")).containsExactly("where's", "my", "order", "now");
    }

    @Test
    void should_emit_unigrams_and_bigrams_when_text_is_a_han_run() {
        assertThat(tokenizer.tokenize("退货政策")).containsExactly("退", "退货", "货", "货政", "政", "政策", "策");
    }

    @Test
    void should_collapse_digits_to_shape_tokens_when_text_has_numbers() {
        assertThat(tokenizer.tokenize("order 202611220001 costs 199"))
                .containsExactly("order", "<num12>", "costs", "<num3>");
        assertThat(tokenizer.tokenize("x200 有货吗")).containsExactly(Tokenizer.CODE, "有", "有货", "货", "货吗", "吗");
    }

    @Test
    void should_keep_runs_apart_when_scripts_alternate() {
        assertThat(tokenizer.tokenize("hi客服")).containsExactly("hi", "客", "客服", "服");
    }

    @Test
    void should_return_no_tokens_when_text_is_symbols_only() {
        assertThat(tokenizer.tokenize("??? !!!")).isEmpty();
    }
}
