package dev.kefu.eval.run;

import dev.kefu.core.DaemonThreads;
import dev.kefu.core.config.ThreadsConfig;
import dev.kefu.kb.index.IndexThreads;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The named pool a command's index builds insert their vectors on ({@code kefu-index-N}), sized by
 * {@code threads.indexing} as the server's, and shut down when the command ends.
 */
final class IndexingPool implements AutoCloseable {
    private final ExecutorService pool;
    private final IndexThreads threads;

    IndexingPool(ThreadsConfig config) {
        int size = config.indexingThreads();
        this.pool = Executors.newFixedThreadPool(size, new DaemonThreads("kefu-index"));
        this.threads = new IndexThreads(pool, size);
    }

    IndexThreads threads() {
        return threads;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
