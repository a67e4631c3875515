/**
 * Service analytics: what one conversation counts for (its {@link
 * dev.kefu.core.analytics.ConversationFacts}: outcome, response times, rating, sentiment, lines
 * shown), by the definitions of {@code docs/ANALYTICS.md}. One pure function of a conversation and
 * its events, so every store and every figure counts the same way.
 */
package dev.kefu.core.analytics;
