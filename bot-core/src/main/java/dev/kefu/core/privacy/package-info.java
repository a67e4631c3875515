/**
 * Personal data at rest: {@link dev.kefu.core.privacy.OwnerOnly} creates the data directory and
 * the files Kefu keeps there readable by their owner only (POSIX {@code 700} and {@code 600}),
 * where the file system has POSIX permissions, and tightens what an earlier version left
 * readable. Stateless and thread-safe.
 */
package dev.kefu.core.privacy;
