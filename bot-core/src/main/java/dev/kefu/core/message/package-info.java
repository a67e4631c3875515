/**
 * Stage ① records: what a channel hands to the pipeline. Channels validate lengths and formats
 * before building these; the constructors reject what would still be invalid. Immutable and
 * thread-safe.
 */
package dev.kefu.core.message;
