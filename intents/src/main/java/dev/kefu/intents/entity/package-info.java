/**
 * Entity extraction: {@link dev.kefu.intents.entity.RegexEntityExtractor} (order numbers, phone
 * numbers, e-mail addresses, amounts), {@link dev.kefu.intents.entity.DateEntityExtractor}
 * (absolute and relative dates, resolved against an injected clock and zone), {@link
 * dev.kefu.intents.entity.SizeEntityExtractor} (clothing and shoe sizes, capacities, dimensions),
 * {@link dev.kefu.intents.entity.ProductGazetteer} (product names, SKUs and derived aliases from
 * the knowledge base, matched with a character trie), and {@link
 * dev.kefu.intents.entity.CompositeEntityExtractor}, which runs them together; {@link
 * dev.kefu.intents.entity.CompositeEntityExtractor#standard} is the pipeline's extractor.
 *
 * <p>Input: normalised text. Output: non-overlapping {@link dev.kefu.core.intent.Entity} values
 * with canonical values and spans into that text, ordered by position; an empty list when none
 * are found. Where two readings overlap, the longer span wins, and a product beats any other
 * reading of the same characters. Failure: only a null text throws; a bad gazetteer (blank
 * names, an entry given twice) fails when built. Thread-safety: all extractors are immutable and
 * thread-safe.
 *
 * <p>Numbers, amounts, written-out dates, identifiers and units are read by bot-core's text library
 * ({@code dev.kefu.core.text}), which the LLM fact checks and the personal-data masker share, so
 * an order number or a phone is the same thing to all of them.
 */
package dev.kefu.intents.entity;
