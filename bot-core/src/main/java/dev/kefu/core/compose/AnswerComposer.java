package dev.kefu.core.compose;

/**
 * Stage ④: writes the answer body from the retrieved passages. The template composer is the
 * default and the fallback of every other composer (an LLM composer degrades to it when the model
 * is slow, down, or ungrounded). Thread-safe.
 */
@FunctionalInterface
public interface AnswerComposer {
    Answer compose(CompositionRequest request);
}
