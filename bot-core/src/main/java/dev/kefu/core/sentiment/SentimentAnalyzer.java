package dev.kefu.core.sentiment;

import dev.kefu.core.intent.Language;

/** Stage ②e: scores one message. Thread-safe; throws when it cannot score. */
@FunctionalInterface
public interface SentimentAnalyzer {
    Sentiment analyze(String normalizedText, Language language);

    /**
     * Scores a message, seeing it also as written: normalising folds case, and shouting ("fix
     * this NOW") is a sign of emotion. By default the written form is not used.
     */
    default Sentiment analyze(String original, String normalizedText, Language language) {
        return analyze(normalizedText, language);
    }
}
