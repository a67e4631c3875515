/**
 * Stage ② (NLU) interfaces and records: language detection, normalisation, intent
 * classification, entity extraction. Implementations live in the {@code intents} module
 * ({@code dev.kefu.intents}). Input: the shopper's text. Output: an {@link
 * dev.kefu.core.intent.Understanding}. Failure: implementations throw; the pipeline turns the
 * failure into a hand-off with reason {@code bot_failure}. All implementations are thread-safe.
 */
package dev.kefu.core.intent;
