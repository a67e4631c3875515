package dev.kefu.channels.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.compose.Answer;
import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.compose.llm.CircuitBreaker;
import dev.kefu.core.pipeline.PipelineEvent;
import dev.kefu.core.pipeline.Stage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model's series, which the server's tests reach only with a model configured. */
class PipelineMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineMetrics metrics = new PipelineMetrics(registry);

    @Test
    void should_count_model_calls_by_outcome_and_fallbacks_by_reason() {
        composed(AnswerTrace.llm(120, "v1"));
        composed(AnswerTrace.fallback("ungrounded_fact", "a price", "v1", 300L, false));
        composed(AnswerTrace.fallback("circuit_open", null, "v1", null, false)); // the model was not asked
        composed(AnswerTrace.template());

        assertThat(registry.get("kefu.llm.calls")
                        .tag("outcome", "answered")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("kefu.llm.calls")
                        .tag("outcome", "fallback")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("kefu.llm.fallbacks")
                        .tag("reason", "ungrounded_fact")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("kefu.llm.fallbacks")
                        .tag("reason", "circuit_open")
                        .counter()
                        .count())
                .isEqualTo(1.0);
        assertThat(registry.get("kefu.llm").timer().count()).isEqualTo(2);
        assertThat(registry.get("kefu.llm").timer().max(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(300.0);
    }

    @Test
    void should_show_the_circuit_open_after_the_failures_it_allows_and_closed_after_a_success() {
        CircuitBreaker breaker =
                new CircuitBreaker(2, Duration.ofSeconds(30), Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        metrics.circuit(breaker);
        breaker.failure();
        assertThat(registry.get("kefu.llm.circuit.open").gauge().value()).isZero();
        breaker.failure();
        assertThat(registry.get("kefu.llm.circuit.open").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void should_record_each_stage_under_its_own_label() {
        metrics.took(Stage.NLU, Duration.ofMillis(7));
        metrics.took(Stage.OUT, Duration.ofMillis(2));

        assertThat(registry.get("kefu.stage")
                        .tag("stage", "nlu")
                        .timer()
                        .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(7.0);
        assertThat(registry.get("kefu.stage").tag("stage", "out").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("kefu.stage").tag("stage", "compose").timer().count())
                .isZero();
    }

    private void composed(AnswerTrace trace) {
        metrics.on(new PipelineEvent.Composed(
                "c-1", new Answer("Delivery takes 2-4 days.", List.of(), AnswerKind.SMALL_TALK, trace), Duration.ZERO));
    }
}
