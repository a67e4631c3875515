/**
 * Metrics as the contracts document defines them (retrieval recall, MRR, no-answer rates) and
 * latency percentiles. Plain accumulators; not thread-safe, one per run.
 */
package dev.kefu.eval.metrics;
