/**
 * The intent router, {@link dev.kefu.intents.intent.OpenNlpIntentClassifier}: OpenNLP maxent
 * document categorisation with out-of-scope detection by class and by confidence threshold.
 *
 * <p>Input: training examples once, then normalised messages. Output: an {@link
 * dev.kefu.core.intent.IntentPrediction}, named {@code oos} when out of scope. Failure: bad
 * arguments (threshold outside [0, 1], fewer than two labels) throw {@link
 * IllegalArgumentException} at construction; classification accepts any text, including symbols
 * only, and a broken model throws rather than guessing. Thread-safety: the model is immutable and
 * shared, the OpenNLP categorizer is created per call; instances are thread-safe.
 *
 * <p>OpenNLP's indexer still logs a few summary lines at INFO through SLF4J while training (the
 * per-iteration progress is silenced); set the {@code opennlp} logger to WARN to drop them.
 */
package dev.kefu.intents.intent;
