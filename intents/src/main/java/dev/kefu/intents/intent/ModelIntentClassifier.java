package dev.kefu.intents.intent;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.IntentClassifier;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.IntentScore;
import dev.kefu.core.intent.Language;
import dev.kefu.intents.classify.Prediction;
import dev.kefu.intents.classify.TextClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The intent router: a trained {@link TextClassifier} whose labels are intents. A message is out
 * of scope when the model's out-of-scope class wins or the best intent's calibrated confidence is
 * below the threshold (the model's own, chosen on validation data, unless configured).
 * Thread-safe.
 */
public final class ModelIntentClassifier implements IntentClassifier {
    /** How many runners-up a prediction carries. */
    static final int RUNNERS_UP = 3;

    private final TextClassifier model;
    private final double outOfScopeThreshold;

    /**
     * @param outOfScopeThreshold in [0, 1], or {@code null} for the model's validated threshold
     */
    public ModelIntentClassifier(TextClassifier model, Double outOfScopeThreshold) {
        this.model = Checks.requireNonNull("model", model);
        this.outOfScopeThreshold = outOfScopeThreshold == null
                ? model.outOfScopeThreshold()
                : Checks.requireUnit("outOfScopeThreshold", outOfScopeThreshold);
    }

    public TextClassifier model() {
        return model;
    }

    public double outOfScopeThreshold() {
        return outOfScopeThreshold;
    }

    @Override
    public IntentPrediction classify(String normalizedText, Language language) {
        Checks.requireNonNull("normalizedText", normalizedText);
        Prediction prediction = model.predict(normalizedText, Checks.requireNonNull("language", language));
        String oosLabel = model.outOfScopeLabel();
        List<IntentScore> inScope = new ArrayList<>();
        for (Prediction.Scored scored : prediction.ranked()) {
            if (!scored.label().equals(oosLabel)) {
                inScope.add(new IntentScore(scored.label(), clamp(scored.probability())));
            }
        }
        IntentScore best = inScope.get(0);
        boolean oosClassWins = oosLabel != null && prediction.topLabel().equals(oosLabel);
        if (model.outOfScope(prediction, outOfScopeThreshold)) {
            double confidence = oosClassWins ? prediction.topProbability() : 1.0 - best.confidence();
            return new IntentPrediction(
                    new IntentScore(IntentPrediction.OUT_OF_SCOPE, clamp(confidence)),
                    inScope.subList(0, Math.min(RUNNERS_UP, inScope.size())));
        }
        return new IntentPrediction(best, inScope.subList(1, Math.min(RUNNERS_UP + 1, inScope.size())));
    }

    private static double clamp(double p) {
        return Math.max(0.0, Math.min(1.0, p));
    }
}
