/**
 * Stage ② sentiment: the score of each message ({@link dev.kefu.core.sentiment.SentimentAnalyzer},
 * implemented in {@code dev.kefu.intents.sentiment}) and the conversation's running trend
 * ({@link dev.kefu.core.sentiment.SentimentTrend}, computed here). The hand-off policy reads both.
 * Records are immutable; analyzers are thread-safe and throw on failure.
 */
package dev.kefu.core.sentiment;
