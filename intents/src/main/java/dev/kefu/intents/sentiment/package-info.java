/**
 * Message sentiment from a bilingual lexicon: {@link
 * dev.kefu.intents.sentiment.LexiconSentimentAnalyzer} over a {@link
 * dev.kefu.intents.sentiment.SentimentLexicon} (TSV {@code term, kind, weight}).
 *
 * <p>Input: normalised text. Output: a {@link dev.kefu.core.sentiment.Sentiment} with a score in
 * [-1, 1], its label, the cues that drove it and an urgency in [0, 1]; text without lexicon terms
 * is neutral with urgency 0. Failure: a bad lexicon is rejected at load time with every bad line
 * listed; analysis only throws for a null text. Thread-safety: lexicon and analyzer are immutable
 * and thread-safe.
 */
package dev.kefu.intents.sentiment;
