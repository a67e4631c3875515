/**
 * Stage ③ (knowledge) interface and records. The Lucene implementation is in {@code
 * dev.kefu.kb.search}. Input: a {@link dev.kefu.core.knowledge.KnowledgeQuery}. Output: ranked
 * {@link dev.kefu.core.knowledge.Passage}s above threshold, possibly none. Failure: throws; the
 * pipeline hands off with reason {@code bot_failure}. Thread-safe.
 */
package dev.kefu.core.knowledge;
