package dev.kefu.core.compose;

/**
 * Where a composer sends an answer while it is being written, for channels that show it live (the
 * widget). What arrives here is a draft: the pipeline's reply, once checked and decided, is what
 * counts, and a channel replaces the draft with it (or drops the draft when the reply differs).
 */
@FunctionalInterface
public interface AnswerStream {
    /**
     * The answer written so far: the whole draft each time (not a delta), already cleaned of
     * citation markers. Called on the model client's thread; must not block.
     */
    void draft(String textSoFar);

    /** Nobody is watching: REST, evaluation, tests. */
    static AnswerStream none() {
        return text -> {};
    }
}
