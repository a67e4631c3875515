package dev.kefu.intents.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.contract.LabeledText;
import dev.kefu.core.contract.SentimentAnalyzerContract;
import dev.kefu.core.intent.Language;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentAnalyzer;
import dev.kefu.core.sentiment.SentimentLabel;
import dev.kefu.intents.Nlu;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexiconSentimentAnalyzerTest extends SentimentAnalyzerContract {
    private static final LexiconSentimentAnalyzer ANALYZER =
            new LexiconSentimentAnalyzer(SentimentLexicon.loadResource(Nlu.class, Nlu.DEMO_LEXICON));

    @Override
    protected SentimentAnalyzer analyzer() {
        return ANALYZER;
    }

    @Override
    protected List<LabeledText> labelledExamples() {
        return List.of(
                new LabeledText("not bad", Language.EN, "positive"),
                new LabeledText("not good", Language.EN, "negative"),
                new LabeledText("the quality is not good at all", Language.EN, "negative"),
                new LabeledText("this is great, thank you", Language.EN, "positive"),
                new LabeledText("how long does delivery take", Language.EN, "neutral"),
                new LabeledText("i'd like to change my address", Language.EN, "neutral"),
                new LabeledText("the item arrived broken", Language.EN, "negative"),
                new LabeledText("不太好", Language.ZH, "negative"),
                new LabeledText("非常满意", Language.ZH, "positive"),
                new LabeledText("质量太差了", Language.ZH, "negative"),
                new LabeledText("不满意", Language.ZH, "negative"),
                new LabeledText("质量不错", Language.ZH, "positive"),
                new LabeledText("不错", Language.ZH, "positive"),
                new LabeledText("你好", Language.ZH, "neutral"),
                new LabeledText("麻烦帮我查一下订单", Language.ZH, "neutral"),
                new LabeledText("我想问个问题", Language.ZH, "neutral"),
                new LabeledText("没问题", Language.ZH, "neutral"),
                new LabeledText("这是诈骗", Language.ZH, "negative"),
                new LabeledText("this is a scam", Language.EN, "negative"));
    }

    @Override
    protected List<LabeledText> urgentExamples() {
        return List.of(
                new LabeledText("这是诈骗", Language.ZH, "negative"),
                new LabeledText("this is a scam", Language.EN, "negative"),
                new LabeledText("设备故障", Language.ZH, "negative"),
                new LabeledText("i will call the police", Language.EN, "negative"),
                new LabeledText("我要打12315投诉", Language.ZH, "negative"));
    }

    private static Sentiment analyze(String text) {
        return ANALYZER.analyze(text, Language.EN);
    }

    @Test
    void should_report_cue_with_its_negator_when_term_is_negated() {
        assertThat(analyze("not bad").cues()).containsExactly("not bad");
        assertThat(analyze("质量太差了").cues()).containsExactly("太差");
    }

    @Test
    void should_read_longest_term_when_shorter_terms_overlap() {
        Sentiment sentiment = analyze("不错");
        assertThat(sentiment.label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(sentiment.cues()).containsExactly("不错");
    }

    @Test
    void should_match_whole_english_words_only_when_a_term_hides_inside_a_word() {
        assertThat(analyze("is the sofa in stock").cues()).isEmpty();
        assertThat(analyze("badge holder").label()).isEqualTo(SentimentLabel.NEUTRAL);
    }

    @Test
    void should_score_intensified_term_stronger_than_plain_term() {
        assertThat(analyze("非常满意").score()).isGreaterThan(analyze("满意").score());
        assertThat(analyze("very bad").score()).isLessThan(analyze("bad").score());
    }

    @Test
    void should_not_carry_negation_past_clause_end_when_punctuation_intervenes() {
        assertThat(analyze("no, it is great").label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(analyze("not that i mind the colour or the size, good").label())
                .isEqualTo(SentimentLabel.POSITIVE);
    }

    @Test
    void should_intensify_a_little_when_message_has_exclamation_marks() {
        assertThat(analyze("terrible!!!").score())
                .isLessThan(analyze("terrible").score());
    }

    @Test
    void should_keep_urgency_zero_and_score_zero_when_text_has_no_terms() {
        Sentiment sentiment = analyze("where is my order 202611220001");
        assertThat(sentiment).isEqualTo(new Sentiment(0.0, SentimentLabel.NEUTRAL, List.of(), 0.0));
    }

    @Test
    void should_combine_urgency_terms_below_one_when_several_appear() {
        Sentiment sentiment = ANALYZER.analyze("设备故障，我要投诉", Language.ZH);
        assertThat(sentiment.urgency()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
        assertThat(sentiment.cues()).containsExactly("故障", "投诉");
    }

    @Test
    void should_keep_urgency_when_urgent_term_is_negated() {
        assertThat(analyze("this is not a scam?").urgency()).isPositive();
    }

    @Test
    void should_report_every_bad_line_when_lexicon_is_invalid() {
        String tsv = "# comment\ngood\tpositive\t0.6\nbad\tnegative\nGreat\tpositive\t0.8\nmeh\tneutral\t0\n"
                + "wow\tpositive\tlots\nvery\tintensifier\t5\ngood\tpositive\t0.7\n";
        assertThatThrownBy(() -> SentimentLexicon.load(new StringReader(tsv), "lex.tsv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid sentiment lexicon (6 errors)")
                .hasMessageContaining("lex.tsv:3: expected term<TAB>kind<TAB>weight")
                .hasMessageContaining("lex.tsv:4: term must be lower case")
                .hasMessageContaining("lex.tsv:5: kind must be one of")
                .hasMessageContaining("lex.tsv:6: weight must be a number")
                .hasMessageContaining("lex.tsv:7: intensifier weight must be [1.2, 2.0], was 5.0")
                .hasMessageContaining("lex.tsv:8: term \"good\" already defined on line 2");
    }

    @Test
    void should_load_the_bundled_lexicon_when_built_from_the_demo_resource() {
        assertThat(SentimentLexicon.loadResource(Nlu.class, Nlu.DEMO_LEXICON).size())
                .isGreaterThan(400);
    }
}
