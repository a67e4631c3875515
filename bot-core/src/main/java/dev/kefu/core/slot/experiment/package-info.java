/**
 * Marketing experiments for script lines: which variant a shopper sees, and whether a variant
 * converts better than the holdout. Pure computation, no I/O and no clock, so that the same
 * shopper sees the same arm on every server and after every restart, and so that results can be
 * recomputed from stored exposure and conversion counts. Serving (whether a paused experiment
 * still shows its lines) and storage live elsewhere. Everything here is immutable and
 * thread-safe.
 */
package dev.kefu.core.slot.experiment;
