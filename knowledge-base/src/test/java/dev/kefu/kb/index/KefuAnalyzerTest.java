package dev.kefu.kb.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class KefuAnalyzerTest {
    private static final KefuAnalyzer ANALYZER = new KefuAnalyzer();
    private static final String WORD = KbFields.TITLE;
    private static final String BIGRAM = KbFields.bigram(KbFields.TITLE);

    @AfterAll
    static void close() {
        ANALYZER.close();
    }

    private static List<String> tokens(String field, String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        }
        return tokens;
    }

    @Test
    void should_segment_chinese_words_and_drop_function_words_when_text_is_chinese() throws IOException {
        assertThat(tokens(WORD, "退货政策是什么？")).containsExactly("退货", "政策");
    }

    @Test
    void should_emit_overlapping_bigrams_when_field_is_bigram_twin() throws IOException {
        assertThat(tokens(BIGRAM, "快递几天到")).containsExactly("快递", "递几", "几天", "天到");
    }

    @Test
    void should_lowercase_stem_and_drop_stop_words_when_text_is_english() throws IOException {
        assertThat(tokens(WORD, "How long does Delivery take?")).containsExactly("long", "deliveri", "take");
        assertThat(tokens(WORD, "deliveries")).containsExactly("deliveri");
    }

    @Test
    void should_keep_only_cjk_and_model_numbers_when_bigram_field_gets_english() throws IOException {
        assertThat(tokens(BIGRAM, "How long does delivery take for the X200?")).containsExactly("x200");
    }

    @Test
    void should_tokenize_both_scripts_when_text_is_mixed() throws IOException {
        assertThat(tokens(WORD, "X200 耳机的保修期多久")).containsExactly("x", "200", "耳机", "保修期", "多久");
        assertThat(tokens(BIGRAM, "X200 耳机的保修期多久")).contains("x200", "耳机", "保修", "修期");
    }

    @Test
    void should_fold_full_width_characters_when_text_uses_them() throws IOException {
        assertThat(tokens(BIGRAM, "Ｘ２００耳机")).containsExactly("x200", "耳机");
    }

    @Test
    void should_emit_nothing_when_text_is_only_stop_words_and_punctuation() throws IOException {
        assertThat(tokens(WORD, "what is it? 是什么？！")).isEmpty();
        assertThat(tokens(BIGRAM, "what is it? 是什么？！")).isEmpty();
    }
}
