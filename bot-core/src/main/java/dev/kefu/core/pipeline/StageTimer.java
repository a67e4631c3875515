package dev.kefu.core.pipeline;

import java.time.Duration;

/**
 * Told how long each stage of a turn took (metrics: where a turn's time goes), measured on the
 * pipeline's clock. Called on the pipeline's thread, so implementations must be quick and
 * thread-safe; an exception is logged and never changes the decision.
 */
@FunctionalInterface
public interface StageTimer {
    void took(Stage stage, Duration duration);

    static StageTimer none() {
        return (stage, duration) -> {};
    }
}
