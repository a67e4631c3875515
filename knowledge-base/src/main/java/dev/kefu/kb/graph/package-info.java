/**
 * The knowledge graph's edges, read from the Lucene index: typed relations between entries,
 * followed forwards and backwards, up to two hops.
 */
package dev.kefu.kb.graph;
