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
        if (stages < 1 || stages > 1024) {
            errors.add("threads.stages must be 1..1024, was " + stages);
        }
        if (stageQueue < 1 || stageQueue > 1_000_000) {
            errors.add("threads.stageQueue must be 1..1000000, was " + stageQueue);
        }
        if (encoders < 0 || encoders > 256) {
            errors.add("threads.encoders must be 0..256 (0 = one per processor), was " + encoders);
        }
        if (indexing < 0 || indexing > 256) {
            errors.add("threads.indexing must be 0..256 (0 = one per processor), was " + indexing);
        }
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
