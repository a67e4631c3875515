package dev.kefu.intents.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.intent.Language;
import dev.kefu.core.sentiment.EmotionLabel;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.intents.Nlu;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * The bundled lexicon keeps the shopper's emotion apart from the facts they report: problems lower
 * the valence only, feelings and insults make the emotion, softeners make it mild, complaints are
 * flagged, and words that merely contain a sentiment term (差价) are none.
 */
class EmotionCuesTest {
    private static final LexiconSentimentAnalyzer ANALYZER =
            new LexiconSentimentAnalyzer(SentimentLexicon.loadResource(Nlu.class, Nlu.DEMO_LEXICON));

    private static Sentiment zh(String text) {
        return ANALYZER.analyze(text, text.toLowerCase(java.util.Locale.ROOT), Language.ZH);
    }

    private static Sentiment en(String text) {
        return ANALYZER.analyze(text, text.toLowerCase(java.util.Locale.ROOT), Language.EN);
    }

    @Test
    void should_keep_a_calm_report_of_a_problem_calm_with_a_negative_valence() {
        for (Sentiment calm : new Sentiment[] {
            zh("吹风机用了两周就坏了，还在保修期吗"), en("the kettle arrived cracked, can I get a replacement?"), zh("快递还没收到，物流一直不动")
        }) {
            assertThat(calm.emotionLabel()).isEqualTo(EmotionLabel.CALM);
            assertThat(calm.valence()).isNegative();
            assertThat(calm.complaint()).isFalse();
        }
    }

    @Test
    void should_read_softened_disappointment_as_mild() {
        assertThat(zh("收到的杯子有点失望，跟图片不太一样").emotionLabel()).isEqualTo(EmotionLabel.MILD);
        assertThat(en("a little disappointed with the colour, can I swap it?").emotionLabel())
                .isEqualTo(EmotionLabel.MILD);
        assertThat(zh("颜色有点不一样 有点失望").cues())
                .as("a modifier spent on a plain word does not reach the next term")
                .containsExactly("有点失望");
        assertThat(zh("有点失望").emotion()).isLessThan(zh("太失望了").emotion());
        assertThat(zh("款式跟图片不一样，不过有点失望").emotionLabel())
                .as("不 of 不一样 and 不过 negates nothing")
                .isEqualTo(EmotionLabel.MILD);
    }

    @Test
    void should_read_insults_and_furious_words_as_angry() {
        assertThat(zh("你们就是一群骗子，黑店！").emotionLabel()).isEqualTo(EmotionLabel.ANGRY);
        assertThat(en("I'm furious, this is a total rip-off").emotionLabel()).isEqualTo(EmotionLabel.ANGRY);
    }

    @Test
    void should_add_emotion_when_the_shopper_shouts_or_repeats_marks_but_not_for_product_codes() {
        assertThat(en("where is my refund???").emotion()).isPositive();
        assertThat(en("send it NOW").emotion()).isGreaterThan(en("send it now").emotion());
        assertThat(en("does the X200 work with USB-C?").emotion()).isZero();
    }

    @Test
    void should_flag_a_complaint_unless_it_is_denied() {
        assertThat(zh("我要投诉这个配送员").complaint()).isTrue();
        assertThat(en("I'd like to file a complaint about my order").complaint())
                .isTrue();
        assertThat(en("not complaining, just asking when it ships").complaint()).isFalse();
    }

    @Test
    void should_not_read_a_plain_word_that_contains_a_sentiment_term() {
        Sentiment priceDrop = zh("降价了能退差价吗");
        assertThat(priceDrop.cues()).isEmpty();
        assertThat(priceDrop.emotion()).isZero();
        assertThat(zh("不好意思，问一下发票").cues()).isEmpty();
    }

    @Test
    void should_load_the_new_kinds_and_refuse_a_softener_that_strengthens() {
        String tsv = "坏了\tproblem\t-0.7\n垃圾\tabuse\t0.9\n投诉\tcomplaint\t0.9\n有点\tsoftener\t0.5\n差价\tplain\t0\n"
                + "很\tsoftener\t1.5\n";
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> SentimentLexicon.load(new StringReader(tsv), "lex.tsv"))
                .hasMessageContaining("lex.tsv:6: softener weight must be [0.2, 0.9], was 1.5");
    }
}
