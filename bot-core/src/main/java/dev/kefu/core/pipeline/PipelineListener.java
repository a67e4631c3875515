package dev.kefu.core.pipeline;

import java.util.List;

/**
 * Observes the pipeline: tracing, metrics, the conversation log, evaluation. Called synchronously
 * on the pipeline's thread, so implementations must be quick and thread-safe; an exception from a
 * listener is logged and never changes the decision.
 */
@FunctionalInterface
public interface PipelineListener {
    void on(PipelineEvent event);

    static PipelineListener none() {
        return event -> {};
    }

    /**
     * A listener that forwards each event to all of {@code listeners}, in order. One that throws
     * does not keep the event from the others; the first failure is rethrown after all have run.
     */
    static PipelineListener all(List<PipelineListener> listeners) {
        List<PipelineListener> copy = List.copyOf(listeners);
        return event -> {
            RuntimeException first = null;
            for (PipelineListener listener : copy) {
                try {
                    listener.on(event);
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        };
    }
}
