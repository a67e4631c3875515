package dev.kefu.core.config;

import java.util.List;

/**
 * {@code sentiment.*}: message sentiment and the conversation's running sentiment.
 *
 * @param model path of a trained sentiment model, or {@code null} for the built-in one
 * @param lexicon path of a lexicon TSV, or {@code null} for the built-in one
 * @param neutralBand scores closer to 0 than this are neutral, in [0, 1)
 * @param uncuedWeight factor in [0, 1] for the score of a message without any lexicon cue
 * @param lexiconWeight in [0, 1], the lexicon's share of the score when it finds cues
 * @param trendAlpha weight of the newest message in the running sentiment, in (0, 1]
 */
public record SentimentConfig(
        String model,
        String lexicon,
        double neutralBand,
        double uncuedWeight,
        double lexiconWeight,
        double trendAlpha) {
    void validate(List<String> errors) {
        Settings.path(errors, "sentiment.model", model);
        Settings.path(errors, "sentiment.lexicon", lexicon);
        if (!(neutralBand >= 0 && neutralBand < 1)) {
            errors.add("sentiment.neutralBand must be in [0, 1), was " + neutralBand);
        }
        Settings.within(errors, "sentiment.uncuedWeight", uncuedWeight, 0, 1);
        Settings.within(errors, "sentiment.lexiconWeight", lexiconWeight, 0, 1);
        if (!(trendAlpha > 0 && trendAlpha <= 1)) {
            errors.add("sentiment.trendAlpha must be in (0, 1], was " + trendAlpha);
        }
    }
}
