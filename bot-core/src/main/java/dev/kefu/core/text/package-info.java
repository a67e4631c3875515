/**
 * The one bilingual text library: what numbers, money, dates and identifiers look like in Chinese,
 * English and mixed text, shared by the entity extractors (NLU), the LLM fact checks and the
 * personal-data masker so that the three agree on what an order number, a phone or an amount is.
 *
 * <ul>
 *   <li>{@link dev.kefu.core.text.Numerals}: Arabic digits (grouped, decimal, full-width), English
 *       number words, Chinese numerals ({@code 一百二十}, {@code 两千}, {@code 三点五}, {@code 1.5万});
 *   <li>{@link dev.kefu.core.text.Amounts}: money with its currency ({@code ¥1,599}, {@code 1599元},
 *       {@code RMB 50}, {@code $20}, {@code 两百块}, {@code 1.2万});
 *   <li>{@link dev.kefu.core.text.Dates}: calendar dates as written ({@code 2026-12-31}, {@code
 *       12月31日}, {@code Dec 31}, {@code 12/31});
 *   <li>{@link dev.kefu.core.text.Identifiers}: order numbers (the pattern replaceable per store),
 *       phones, e-mails and payment cards;
 *   <li>{@link dev.kefu.core.text.Units}: units of measure.
 * </ul>
 *
 * <p>Input: any text, raw or normalised; recognisers match letters in any case and expect
 * half-width digits (NFKC gives them). Output: typed spans ({@link dev.kefu.core.text.TextSpan}:
 * start, end, canonical value, and what kind of thing it is), not overlapping, ordered by start;
 * an empty list when nothing is found. Failure: only a null text throws; {@link
 * dev.kefu.core.text.Numerals#parse} throws {@link java.lang.NumberFormatException} for what is no
 * number. Thread-safety: everything here is stateless or immutable and thread-safe.
 */
package dev.kefu.core.text;
