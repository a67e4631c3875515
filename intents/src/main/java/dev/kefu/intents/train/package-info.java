/**
 * Training data for the intent router: {@link dev.kefu.intents.train.TrainingExample} and the
 * JSON Lines {@link dev.kefu.intents.train.TrainingDataReader}.
 *
 * <p>Input: a {@code .jsonl} file or resource, one {@code {"text","label"}} object per line.
 * Output: an immutable list of examples in file order. Failure: all or nothing; every bad line
 * is reported with its line number in one {@link dev.kefu.intents.train.TrainingDataException},
 * I/O problems are {@link java.io.UncheckedIOException}. Thread-safety: the reader is stateless,
 * the records immutable.
 */
package dev.kefu.intents.train;
