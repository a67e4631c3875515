/**
 * Loading knowledge entries from files: {@link dev.kefu.kb.ingest.JsonlEntryReader} reads the JSON
 * Lines format (documented on that class) and the built-in demo store.
 *
 * <p>Input: a path, a reader, or the classpath demo store. Output: the entries in file order.
 * Failure: all or nothing; every problem in the file is collected and thrown together as a {@link
 * dev.kefu.kb.ingest.KnowledgeFormatException} of (line number, message) pairs, so nothing is ever
 * half-loaded; I/O failures throw {@link java.io.IOException}. Thread-safety: stateless, safe to
 * call concurrently.
 */
package dev.kefu.kb.ingest;
