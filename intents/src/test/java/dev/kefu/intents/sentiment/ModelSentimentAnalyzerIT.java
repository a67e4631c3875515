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
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.classify.TextClassifier;
import dev.kefu.intents.text.KefuNormalizer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The built-in sentiment model with the built-in lexicon, as the server runs it. */
class ModelSentimentAnalyzerIT extends SentimentAnalyzerContract {
    private static final Encoders ENCODERS = new Encoders(2);
    private static final TextClassifier MODEL = Nlu.model(null, Nlu.SENTIMENT_MODEL, ENCODERS);
    private static final SentimentLexicon LEXICON = SentimentLexicon.loadResource(Nlu.class, Nlu.DEMO_LEXICON);
    private static final ModelSentimentAnalyzer ANALYZER = new ModelSentimentAnalyzer(MODEL, LEXICON, 0.25, 0.2, 0.7);
    private static final KefuNormalizer NORMALIZER = new KefuNormalizer();

    @AfterAll
    static void closeEncoders() {
        ENCODERS.close();
    }

    private static LabeledText text(String text, Language language, String label) {
        return new LabeledText(NORMALIZER.normalize(text), language, label);
    }

    @Override
    protected SentimentAnalyzer analyzer() {
        return ANALYZER;
    }

    @Override
    protected List<LabeledText> labelledExamples() {
        return List.of(
                text("the quality is terrible and it broke after two days", Language.EN, "negative"),
                text("worst purchase ever, total waste of money", Language.EN, "negative"),
                text("质量太差了，用了两天就坏了", Language.ZH, "negative"),
                text("不太好用，很失望", Language.ZH, "negative"),
                text("great quality, I love it", Language.EN, "positive"),
                text("非常满意，物流也很快", Language.ZH, "positive"),
                text("how long does delivery take?", Language.EN, "neutral"),
                text("我的订单到哪了", Language.ZH, "neutral"));
    }

    @Override
    protected List<LabeledText> urgentExamples() {
        return List.of(
                text("这是诈骗吧", Language.ZH, "negative"),
                text("this is a scam", Language.EN, "negative"),
                text("设备故障，无法开机", Language.ZH, "negative"));
    }

    @Test
    void should_not_read_negated_praise_or_negated_complaint_the_wrong_way() {
        assertThat(ANALYZER.analyze(NORMALIZER.normalize("not bad at all"), Language.EN)
                        .label())
                .isNotEqualTo(SentimentLabel.NEGATIVE);
        assertThat(ANALYZER.analyze(NORMALIZER.normalize("not good, not good at all"), Language.EN)
                        .label())
                .isEqualTo(SentimentLabel.NEGATIVE);
    }

    @Test
    void should_show_the_negation_as_the_cue_when_it_drove_the_score() {
        Sentiment sentiment = ANALYZER.analyze(NORMALIZER.normalize("这个不太好"), Language.ZH);
        assertThat(sentiment.cues()).anySatisfy(cue -> assertThat(cue).contains("不太好"));
    }

    @Test
    void should_damp_the_score_of_a_message_without_any_lexicon_cue() {
        String question = NORMALIZER.normalize("can I change the delivery address");
        double polarity = ANALYZER.polarity(question);
        double score = ANALYZER.analyze(question, Language.EN).score();
        assertThat(Math.abs(score)).isLessThanOrEqualTo(Math.abs(polarity) * 0.2 + 1e-9);
    }

    @Test
    void should_refuse_a_model_without_positive_and_negative_labels() {
        TextClassifier intents = Nlu.model(null, Nlu.DEMO_INTENT_MODEL, ENCODERS);
        assertThatThrownBy(() -> new ModelSentimentAnalyzer(intents, LEXICON, 0.25, 0.2, 0.5))
                .hasMessageContaining("positive and negative");
    }
}
