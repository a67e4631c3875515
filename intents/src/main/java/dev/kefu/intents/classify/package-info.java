/**
 * Trainable text classification, shared by the intent router and sentiment: {@link
 * dev.kefu.intents.classify.TextClassifierTrainer} fits a lexical maximum-entropy head (word and
 * character n-grams) and one logistic-regression head per sentence encoder, then chooses on
 * validation data the weight between them, a calibrating temperature and the out-of-scope
 * threshold; {@link dev.kefu.intents.classify.TextClassifier} is the immutable, thread-safe
 * result, saved to and loaded from one zip file.
 *
 * <p>Input: JSON Lines examples ({@code text}, {@code label}); output: calibrated probabilities
 * per label. Failure: training refuses fewer than two labels; loading a file that is not a model,
 * or of another format version, throws {@link java.io.IOException} naming the file. Training is
 * deterministic for a seed and not thread-safe; prediction is thread-safe.
 */
package dev.kefu.intents.classify;
