package dev.kefu.channels.analytics;

import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.compose.llm.CircuitBreaker;
import dev.kefu.core.pipeline.Decision;
import dev.kefu.core.pipeline.PipelineEvent;
import dev.kefu.core.pipeline.PipelineListener;
import dev.kefu.core.pipeline.Stage;
import dev.kefu.core.pipeline.StageTimer;
import dev.kefu.kb.curation.UnansweredInbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The turn's series, measured where the turn is handled (so a node counts its own turns): turns by
 * outcome, each stage's time and the whole turn's as histograms, answers that found nothing and
 * messages left unanswered, stage failures, the model's calls, fallbacks and circuit. Every label
 * comes from a closed set (stages, outcomes, reason codes), never a conversation id or a text, so
 * the number of series is bounded. Names: docs/ANALYTICS.md, "Prometheus".
 */
public final class PipelineMetrics implements PipelineListener, StageTimer {
    /**
     * The histograms' buckets: a turn is milliseconds when all is well and seconds when a model
     * answers, so both ends are resolved.
     */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(2),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(20),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    private final Map<Stage, Timer> stages = new EnumMap<>(Stage.class);
    private final Timer turn;
    private final Timer model;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Stage stage : Stage.values()) {
            stages.put(
                    stage,
                    histogram(
                                    "kefu.stage",
                                    "Time of one pipeline stage (in, nlu, knowledge, orders, compose, slots,"
                                            + " decide, out)")
                            .tag("stage", stage.code())
                            .register(registry));
        }
        turn = histogram("kefu.turn", "Time of a whole turn, from the message to the stored decision")
                .register(registry);
        model = histogram("kefu.llm", "Time the language model took, when it was asked")
                .register(registry);
    }

    private static Timer.Builder histogram(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS);
    }

    /** The answers' circuit breaker: {@code kefu_llm_circuit_open} is 1 while the model is not asked. */
    public void circuit(CircuitBreaker breaker) {
        Gauge.builder("kefu.llm.circuit.open", breaker, b -> b.isOpen() ? 1 : 0)
                .description("1 while the model's circuit is open (answers come from templates), else 0")
                .register(registry);
    }

    @Override
    public void took(Stage stage, Duration duration) {
        stages.get(stage).record(duration);
    }

    @Override
    public void on(PipelineEvent event) {
        if (event instanceof PipelineEvent.Decided decided) {
            decided(decided);
        } else if (event instanceof PipelineEvent.Relayed) {
            turns("relayed");
        } else if (event instanceof PipelineEvent.Composed composed) {
            model(composed.answer().trace());
        } else if (event instanceof PipelineEvent.StageFailed failed) {
            count(
                    "kefu.stage.failures",
                    "Stages that threw (the turn degraded or went to a person)",
                    "stage",
                    failed.stage());
        }
    }

    private void decided(PipelineEvent.Decided decided) {
        turn.record(decided.total());
        turns(decided.decision() instanceof Decision.Handoff ? "handoff" : "reply");
        if (decided.decision() instanceof Decision.Reply reply && reply.answer().kind() == AnswerKind.FALLBACK) {
            count(
                    "kefu.fallbacks",
                    "Replies that found nothing to answer with",
                    "out_of_scope",
                    Boolean.toString(decided.understanding().intent().outOfScope()));
        }
        UnansweredInbox.reason(decided)
                .ifPresent(reason -> count(
                        "kefu.unanswered", "Messages left unanswered, by the inbox's reason", "reason", reason.code()));
    }

    /** A model asked: its time, and whether its answer went out; a fallback by its reason code. */
    private void model(AnswerTrace trace) {
        if (trace.modelMs() != null) {
            model.record(Duration.ofMillis(trace.modelMs()));
            count(
                    "kefu.llm.calls",
                    "Calls to the language model by outcome",
                    "outcome",
                    trace.composer() == AnswerTrace.Composer.LLM ? "answered" : "fallback");
        }
        if (trace.fallback() != null) {
            count(
                    "kefu.llm.fallbacks",
                    "Answers the model should have written that came from templates, by reason",
                    "reason",
                    trace.fallback());
        }
    }

    private void turns(String outcome) {
        count("kefu.turns", "Shopper messages handled, by outcome", "outcome", outcome);
    }

    private void count(String name, String description, String tag, String value) {
        Counter.builder(name)
                .description(description)
                .tag(tag, value)
                .register(registry)
                .increment();
    }
}
