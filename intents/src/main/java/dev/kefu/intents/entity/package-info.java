/**
 * Entity extraction, {@link dev.kefu.intents.entity.RegexEntityExtractor}: order numbers, Chinese
 * mobile numbers, e-mail addresses and amounts.
 *
 * <p>Input: normalised text. Output: non-overlapping {@link dev.kefu.core.intent.Entity} values
 * with canonical values and spans into that text, ordered by position; an empty list when none
 * are found. Failure: only a null text throws. Thread-safety: stateless, compiled patterns are
 * shared; thread-safe.
 */
package dev.kefu.intents.entity;
