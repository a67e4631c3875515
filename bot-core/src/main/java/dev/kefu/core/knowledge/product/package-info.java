/**
 * Typed product facts: the attributes a product carries (battery life, weight, sizes, price...),
 * each with its unit and its text in both languages, read from a knowledge entry's {@code
 * attributes}; the bilingual lexicon that tells which attribute a shopper asks about; and the size
 * tables that answer "which size for a 7 kg baby". Stage ④ answers such a question with the fact
 * first ({@link dev.kefu.core.compose.FactFirstComposer}); the knowledge model validates the
 * attributes with the same parser when an entry is saved. Immutable and thread-safe.
 */
package dev.kefu.core.knowledge.product;
