/**
 * Message sentiment from a bilingual lexicon: {@link
 * dev.kefu.intents.sentiment.LexiconSentimentAnalyzer} over a {@link
 * dev.kefu.intents.sentiment.SentimentLexicon} (TSV {@code term, kind, weight}), alone or blended
 * with a review-trained model ({@link dev.kefu.intents.sentiment.ModelSentimentAnalyzer}).
 *
 * <p>Input: normalised text (and the text as written, for shouting). Output: a {@link
 * dev.kefu.core.sentiment.Sentiment} with a score in [-1, 1], its label, the cues that drove it, an
 * urgency in [0, 1], and, kept apart, the shopper's emotion (feelings and insults), the valence of
 * the facts they report (problem terms) and whether they complain; text without lexicon terms is
 * neutral and calm with urgency 0. Failure: a bad lexicon is rejected at load time with every bad
 * line listed; analysis only throws for a null text. Thread-safety: lexicon and analyzers are
 * immutable and thread-safe.
 */
package dev.kefu.intents.sentiment;
