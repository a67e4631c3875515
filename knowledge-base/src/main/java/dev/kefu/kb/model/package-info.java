/**
 * The knowledge graph's records: {@link dev.kefu.kb.model.KnowledgeEntry} nodes joined by typed
 * {@link dev.kefu.kb.model.Relation}s, with per-language {@link dev.kefu.kb.model.Translation}s.
 *
 * <p>Input: values from the ingest reader or from code. Output: immutable, validated records.
 * Failure: constructors throw {@link java.lang.IllegalArgumentException} naming the field and the
 * bad value; cross-entry rules (unique ids, existing relation targets) are checked by the reader
 * and by {@link dev.kefu.kb.KnowledgeBase#open}. Thread-safety: all types are immutable and
 * freely shareable.
 */
package dev.kefu.kb.model;
