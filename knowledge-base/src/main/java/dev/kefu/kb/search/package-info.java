/**
 * Stage ③ implementation: {@link dev.kefu.kb.search.LuceneKnowledgeRetriever}, BM25 over the
 * knowledge index with a calibrated score threshold.
 *
 * <p>Input: a {@link dev.kefu.core.knowledge.KnowledgeQuery}. Output: at most {@code limit}
 * passages scoring at least {@code minScore}, best first, in the query's reply language; an empty
 * list means nothing in the store answers the question. Failure: index and I/O errors throw
 * {@link java.io.UncheckedIOException} so an outage is never read as "I don't know"; shopper text
 * never causes a query syntax error because queries are built from analysed terms, not parsed.
 * Thread-safety: a retriever is safe to share; searches use the index's shared searchers.
 */
package dev.kefu.kb.search;
