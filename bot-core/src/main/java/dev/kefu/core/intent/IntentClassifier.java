package dev.kefu.core.intent;

/**
 * Stage ②c: routes a message to an intent. Implementations decide out-of-scope themselves (an
 * out-of-scope class, a confidence threshold, or both) and report it as {@link
 * IntentPrediction#OUT_OF_SCOPE}.
 *
 * <p>Implementations are thread-safe. They throw when they cannot classify (a broken model);
 * they never return a made-up low-confidence intent to hide a failure.
 */
@FunctionalInterface
public interface IntentClassifier {
    /**
     * @param normalizedText the output of {@link TextNormalizer}
     * @param language the output of {@link LanguageDetector}
     */
    IntentPrediction classify(String normalizedText, Language language);
}
