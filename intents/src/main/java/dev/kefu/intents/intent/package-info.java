/**
 * The intent router, {@link dev.kefu.intents.intent.ModelIntentClassifier}: a trained {@link
 * dev.kefu.intents.classify.TextClassifier} with out-of-scope detection by class and by a
 * calibrated confidence threshold.
 *
 * <p>Input: normalised messages. Output: an {@link dev.kefu.core.intent.IntentPrediction}, named
 * {@code oos} when out of scope, with up to three in-scope runners-up. Failure: a threshold outside
 * [0, 1] is refused at construction; classification accepts any text, including symbols only, and
 * a broken model throws rather than guessing. Thread-safe.
 */
package dev.kefu.intents.intent;
