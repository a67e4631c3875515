/**
 * Kefu's NLU (stage ② of the pipeline) for Chinese and English, behind bot-core's interfaces;
 * {@link dev.kefu.intents.Nlu} is the module's only factory.
 *
 * <p>Packages: {@code text} (language, normalisation, tokens), {@code train} (training data),
 * {@code intent} (the OpenNLP intent router with out-of-scope detection), {@code entity}
 * (regex entities), {@code sentiment} (lexicon sentiment and urgency).
 *
 * <p>Input: a shopper message, normalised once by {@link dev.kefu.intents.text.KefuNormalizer}
 * and read by every other stage. Output: bot-core's records. Failure: bad training data or
 * lexicon fails at construction with all errors listed; the stages themselves accept any non-null
 * text. Thread-safety: every object {@code Nlu} hands out is immutable or thread-safe.
 */
package dev.kefu.intents;
