package dev.kefu.kb.index;

import dev.kefu.core.Checks;
import java.util.concurrent.Executor;

/**
 * The threads an index build inserts its vectors with: an executor its caller owns (and shuts
 * down) and how many of that executor's threads one build may use. A build starts no pool of its
 * own, so every build of a process shares the one its owner named and sized.
 *
 * @param executor runs the build's parts
 * @param threads how many parts one build splits its vectors into, at least 1
 */
public record IndexThreads(Executor executor, int threads) {
    public IndexThreads {
        Checks.requireNonNull("executor", executor);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
    }

    /** No pool: the build inserts every vector on the calling thread. */
    public static IndexThreads callerThread() {
        return new IndexThreads(Runnable::run, 1);
    }
}
