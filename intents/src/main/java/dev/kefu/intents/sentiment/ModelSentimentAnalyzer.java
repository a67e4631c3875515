package dev.kefu.intents.sentiment;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentAnalyzer;
import dev.kefu.core.sentiment.SentimentLabel;
import dev.kefu.intents.classify.Prediction;
import dev.kefu.intents.classify.TextClassifier;
import java.util.List;

/**
 * Sentiment from a model trained on public review data ({@code negative} / {@code positive}),
 * with the lexicon for what a model cannot give: the cues shown to agents (including negations
 * such as "not bad" and 不太好) and urgency (故障, "scam"), which raises urgency beyond the score.
 *
 * <p>The model's polarity is P(positive) - P(negative). Review-trained models read every message
 * as an opinion, but most customer-service messages are plain questions ("我的订单到哪了" reads
 * as a complaint to a review model): when the lexicon finds no sentiment cue at all, the score is
 * the polarity damped by {@code uncuedWeight} (by default below the neutral band, so such a
 * message is neutral); when it finds cues, the score blends the polarity with the lexicon's score,
 * which handles explicit negation. The shopper's emotion and whether they complain come from the
 * lexicon alone. The benchmarks measure the model's {@link #polarity}.
 * Thread-safe.
 */
public final class ModelSentimentAnalyzer implements SentimentAnalyzer {
    public static final String POSITIVE = "positive";
    public static final String NEGATIVE = "negative";

    /** The cue shown when the model, not a lexicon term, drove the label. */
    static final String OVERALL_TONE = "(overall tone)";

    private final TextClassifier model;
    private final LexiconSentimentAnalyzer lexicon;
    private final double neutralBand;
    private final double uncuedWeight;
    private final double lexiconWeight;

    /**
     * @param neutralBand scores with an absolute value below this are neutral, in [0, 1)
     * @param uncuedWeight factor in [0, 1] applied to the score when the lexicon finds no cue
     * @param lexiconWeight in [0, 1]: the lexicon's share of the score when it finds cues (explicit
     *     negations such as "not bad" and 不太好 are the lexicon's strength)
     */
    public ModelSentimentAnalyzer(
            TextClassifier model,
            SentimentLexicon lexicon,
            double neutralBand,
            double uncuedWeight,
            double lexiconWeight) {
        this.model = Checks.requireNonNull("model", model);
        if (!model.labels().contains(POSITIVE) || !model.labels().contains(NEGATIVE)) {
            throw new IllegalArgumentException(
                    "a sentiment model needs the labels positive and negative, had " + model.labels());
        }
        this.lexicon = new LexiconSentimentAnalyzer(Checks.requireNonNull("lexicon", lexicon));
        if (!(neutralBand >= 0 && neutralBand < 1)) {
            throw new IllegalArgumentException("neutralBand must be in [0, 1), was " + neutralBand);
        }
        this.neutralBand = neutralBand;
        this.uncuedWeight = Checks.requireUnit("uncuedWeight", uncuedWeight);
        this.lexiconWeight = Checks.requireUnit("lexiconWeight", lexiconWeight);
    }

    /** The model's raw polarity, P(positive) - P(negative), in [-1, 1]; what the benchmarks measure. */
    public double polarity(String text) {
        return polarity(model.predict(text));
    }

    private static double polarity(Prediction prediction) {
        return Math.max(-1.0, Math.min(1.0, prediction.probability(POSITIVE) - prediction.probability(NEGATIVE)));
    }

    @Override
    public Sentiment analyze(String normalizedText, Language language) {
        Checks.requireNonNull("normalizedText", normalizedText);
        return combine(normalizedText, lexicon.analyze(normalizedText, language), language);
    }

    @Override
    public Sentiment analyze(String original, String normalizedText, Language language) {
        Checks.requireNonNull("normalizedText", normalizedText);
        return combine(normalizedText, lexicon.analyze(original, normalizedText, language), language);
    }

    /**
     * The model's polarity blended with the lexicon's score (and, for the valence, with the
     * lexicon's valence); the emotion is the lexicon's alone: a review model reads every reported
     * problem as anger, which is the very confusion the emotion is there to avoid.
     */
    private Sentiment combine(String normalizedText, Sentiment cues, Language language) {
        double model = polarity(this.model.predict(normalizedText, language));
        boolean uncued = cues.cues().isEmpty();
        double score = uncued ? model * uncuedWeight : (1 - lexiconWeight) * model + lexiconWeight * cues.score();
        double valence = uncued ? model * uncuedWeight : (1 - lexiconWeight) * model + lexiconWeight * cues.valence();
        SentimentLabel label = score <= -neutralBand
                ? SentimentLabel.NEGATIVE
                : score >= neutralBand ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
        List<String> shown = uncued && label != SentimentLabel.NEUTRAL ? List.of(OVERALL_TONE) : cues.cues();
        return new Sentiment(
                score,
                label,
                shown,
                cues.urgency(),
                cues.emotion(),
                cues.emotionLabel(),
                Math.max(-1.0, Math.min(1.0, valence)),
                cues.complaint());
    }
}
