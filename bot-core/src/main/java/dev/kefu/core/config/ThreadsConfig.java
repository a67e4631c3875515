package dev.kefu.core.config;

import java.util.List;

/**
 * {@code threads.*}: the sizes of the thread pools the bot runs on, each owned by the assembly
 * that builds the bot and shut down with it.
 *
 * @param stages threads that run understanding and retrieval (stages ② and ③) under {@code
 *     handoff.stageTimeoutMs}
 * @param stageQueue messages that may wait for a stage thread; past it a message is handed to a
 *     person ({@code bot_failure}) at once
 * @param encoders threads that embed texts with the sentence encoders; 0 = one per processor
 * @param indexing threads that build the vector index at start and at each publish; 0 = one per
 *     processor
 */
public record ThreadsConfig(int stages, int stageQueue, int encoders, int indexing) {
    void validate(List<String> errors) {
        Settings.range(errors, "threads.stages", stages, 1, 1024);
        Settings.range(errors, "threads.stageQueue", stageQueue, 1, 1_000_000);
        Settings.range(errors, "threads.encoders", encoders, 0, 256, " (0 = one per processor)");
        Settings.range(errors, "threads.indexing", indexing, 0, 256, " (0 = one per processor)");
    }

    /** {@link #encoders}, with 0 resolved to this machine's processors. */
    public int encoderThreads() {
        return orProcessors(encoders);
    }

    /** {@link #indexing}, with 0 resolved to this machine's processors. */
    public int indexingThreads() {
        return orProcessors(indexing);
    }

    private static int orProcessors(int threads) {
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
