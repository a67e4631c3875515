/**
 * Lucene indexing of knowledge entries: the field names ({@link dev.kefu.kb.index.KbFields}), the
 * one analyzer for Chinese, English and mixed text ({@link dev.kefu.kb.index.KefuAnalyzer}), and
 * the index itself ({@link dev.kefu.kb.index.KnowledgeIndex}).
 *
 * <p>Input: validated {@link dev.kefu.kb.model.KnowledgeEntry} lists and a Lucene directory.
 * Output: an index replaced atomically in one commit, searched through one shared {@code
 * SearcherManager}. Failure: building throws {@link java.io.IOException} and leaves any previous
 * index in place; search failures throw {@link java.io.UncheckedIOException}, never an empty
 * result. Thread-safety: the analyzer and a built index are safe to share between threads.
 */
package dev.kefu.kb.index;
