package dev.kefu.core.sentiment;

import dev.kefu.core.intent.Language;

/** Stage ②e: scores one message. Thread-safe; throws when it cannot score. */
@FunctionalInterface
public interface SentimentAnalyzer {
    Sentiment analyze(String normalizedText, Language language);
}
