package dev.kefu.channels.analytics;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationObserver;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * The headline counts as Prometheus series on {@code GET /metrics}, so a store can alert on a
 * rising hand-off rate or queue wait: counters that follow every saved change (an observer of the
 * store, so every writer is counted once, by the node that made the change; Prometheus sums the
 * nodes), gauges of the queue and the open WebSockets read at each scrape, and the JVM's own
 * series (Micrometer's binders, under their usual names so stock dashboards read them). One
 * Micrometer registry, which the bot's series join ({@link PipelineMetrics}, the database pool).
 * Names: docs/ANALYTICS.md, "Prometheus".
 */
public final class ServiceMetrics implements ConversationObserver, AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final DistributionSummary queueWait;

    public ServiceMetrics() {
        queueWait = DistributionSummary.builder("kefu.queue.wait")
                .baseUnit("seconds")
                .description("How long claimed conversations waited in the queue")
                .serviceLevelObjectives(10, 30, 60, 120, 300, 600, 1800, 3600)
                .register(registry);
        for (MeterBinder jvm : List.of(
                new ClassLoaderMetrics(),
                new JvmMemoryMetrics(),
                gc,
                new JvmThreadMetrics(),
                new ProcessorMetrics(),
                new UptimeMetrics())) {
            jvm.bindTo(registry);
        }
    }

    /**
     * The hand-off queue's gauges.
     *
     * @param waiting the conversations waiting for an agent: their hand-off times (read at each scrape)
     */
    public void queue(Supplier<List<Instant>> waiting, Clock clock) {
        Gauge.builder("kefu.queue.waiting", waiting, w -> w.get().size())
                .description("Conversations waiting for an agent")
                .strongReference(true) // the supplier is this gauge's only holder
                .register(registry);
        Gauge.builder("kefu.queue.oldest.wait.seconds", waiting, w -> w.get().stream()
                        .map(at -> Duration.between(at, clock.instant()).toSeconds())
                        .max(Long::compare)
                        .orElse(0L))
                .description("How long the longest-waiting conversation has waited")
                .strongReference(true)
                .register(registry);
    }

    /** {@code kefu_websocket_sessions{socket}}: how many sockets of each name are open. */
    public void sockets(ToIntFunction<String> open, List<String> names) {
        for (String name : names) {
            Gauge.builder("kefu.websocket.sessions", () -> open.applyAsInt(name))
                    .description("Open WebSockets: the widget's and the agent desk's")
                    .tag("socket", name)
                    .register(registry);
        }
    }

    /** The registry the server's metrics are kept in. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void changed(Conversation conversation, List<ConversationEvent> events) {
        for (ConversationEvent event : events) {
            if (event instanceof ConversationEvent.Replied reply) {
                started(reply.turn());
                counter(
                        "kefu.replies",
                        "Bot replies by how they came about",
                        "kind",
                        reply.answerKind().name().toLowerCase(java.util.Locale.ROOT));
            } else if (event instanceof ConversationEvent.HandedOff handoff) {
                started(handoff.turn());
                counter(
                        "kefu.handoffs",
                        "Hand-offs to a person by trigger",
                        "reason",
                        handoff.trigger().reason().code());
            } else if (event instanceof ConversationEvent.Claimed claim) {
                queueWait.record(claim.waitedSeconds());
            } else if (event instanceof ConversationEvent.Rated rated) {
                counter("kefu.ratings", "Shopper ratings by score", "score", Integer.toString(rated.score()));
            } else if (event instanceof ConversationEvent.FeedbackGiven feedback) {
                counter(
                        "kefu.feedback",
                        "Shopper verdicts on bot answers",
                        "helpful",
                        Boolean.toString(feedback.helpful()));
            } else if (event instanceof ConversationEvent.WentOverdue) {
                counter("kefu.queue.overdue", "Conversations that went past their queue target", null, null);
            }
        }
    }

    /** A decision on the first shopper message (its bot message is the second) starts a conversation. */
    private void started(ConversationEvent.Turn turn) {
        if (turn != null && turn.seq() == 2) {
            counter("kefu.conversations", "Conversations started", null, null);
        }
    }

    private void counter(String name, String description, String tag, String value) {
        Counter.Builder builder = Counter.builder(name).description(description);
        if (tag != null) {
            builder.tag(tag, value);
        }
        builder.register(registry).increment();
    }

    /** Stops listening to the JVM's collections and closes the registry. */
    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    /** {@code GET /metrics}: the Prometheus text format. */
    public void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }
}
