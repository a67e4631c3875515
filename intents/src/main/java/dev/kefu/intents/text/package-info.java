/**
 * Text handling shared by every NLU stage: language detection by script ({@link
 * dev.kefu.intents.text.ScriptLanguageDetector}), normalisation ({@link
 * dev.kefu.intents.text.KefuNormalizer}) and tokenisation into classifier features for Chinese
 * and English ({@link dev.kefu.intents.text.Tokenizer}).
 *
 * <p>Input: a shopper message (the detector takes raw text, the tokenizer normalised text).
 * Output: a {@link dev.kefu.core.intent.Language}, a normalised string, a token list. Failure:
 * only a null argument, rejected with {@link IllegalArgumentException}; any other text, including
 * symbols only, gets an answer. Thread-safety: all classes are stateless and thread-safe.
 */
package dev.kefu.intents.text;
