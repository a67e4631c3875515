/**
 * Stage ② sentiment: the score of each message ({@link dev.kefu.core.sentiment.SentimentAnalyzer},
 * implemented in {@code dev.kefu.intents.sentiment}) and the conversation's running trend
 * ({@link dev.kefu.core.sentiment.SentimentTrend}, computed here from each message's tone). A
 * message's sentiment keeps the shopper's emotion apart from the valence of what they report; the
 * hand-off policy reads the emotion (as tone) and the trend, never the valence.
 * Records are immutable; analyzers are thread-safe and throw on failure.
 */
package dev.kefu.core.sentiment;
