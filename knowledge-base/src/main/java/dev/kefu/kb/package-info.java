/**
 * The knowledge-base module: the knowledge graph model ({@code model}), JSON Lines ingest ({@code
 * ingest}), Lucene indexing ({@code index}) and the stage ③ retriever ({@code search}), wired by
 * the one factory {@link dev.kefu.kb.KnowledgeBase}.
 *
 * <p>Input: entries (from a file, the demo store, or code) and an index directory. Output: a
 * thread-safe {@link dev.kefu.core.knowledge.KnowledgeRetriever} and entry look-up by id. Failure:
 * invalid data is rejected whole before indexing; I/O failures throw. Thread-safety: an open
 * {@link dev.kefu.kb.KnowledgeBase} is safe to share.
 */
package dev.kefu.kb;
