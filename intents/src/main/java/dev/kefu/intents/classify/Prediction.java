package dev.kefu.intents.classify;

import dev.kefu.core.intent.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A classifier's calibrated probabilities over its labels for one text.
 *
 * @param labels the classifier's labels, in its order
 * @param probabilities one per label, summing to 1
 * @param language the detected language of the text
 * @param knownWords how many of the text's words occurred in the training data; 0 means the
 *     model has no evidence at all (gibberish, another language or domain)
 */
public record Prediction(List<String> labels, double[] probabilities, Language language, int knownWords) {
    /** A label and its probability. */
    public record Scored(String label, double probability) {}

    int topIndex() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return best;
    }

    public String topLabel() {
        return labels.get(topIndex());
    }

    public double topProbability() {
        return probabilities[topIndex()];
    }

    public double probability(String label) {
        int index = labels.indexOf(label);
        return index < 0 ? 0.0 : probabilities[index];
    }

    /** All labels, most probable first (ties by label). */
    public List<Scored> ranked() {
        List<Scored> ranked = new ArrayList<>(labels.size());
        for (int i = 0; i < probabilities.length; i++) {
            ranked.add(new Scored(labels.get(i), probabilities[i]));
        }
        ranked.sort(Comparator.comparingDouble(Scored::probability).reversed().thenComparing(Scored::label));
        return ranked;
    }
}
