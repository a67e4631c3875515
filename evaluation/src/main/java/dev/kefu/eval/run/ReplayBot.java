package dev.kefu.eval.run;

import dev.kefu.channels.app.BotAssembly;
import dev.kefu.core.compose.AnswerComposer;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.config.LlmConfig;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.message.InboundMessage;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.pipeline.ConversationPipeline;
import dev.kefu.core.pipeline.PipelineEvent;
import dev.kefu.core.pipeline.PipelineListener;
import dev.kefu.core.pipeline.PipelineResult;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The server's bot, from the one assembly ({@link BotAssembly}), as a replay needs it, and what
 * each turn did. The assembly is asked for three things the server does not want, all for
 * repeatable measurements: conversations in memory with no experiment log (no storefront events,
 * so behaviour tag rules see none), stages ② and ③ on the caller's thread (a slow machine cannot
 * turn a turn into a {@code bot_failure} hand-off through the stage timeout), and a temporary data
 * directory. Nothing here builds a stage.
 *
 * <p>Loading the NLU and indexing the store take seconds; {@link #withComposer} gives another bot
 * over the same loaded parts (its own conversations, another composer) at no cost. One bot handles
 * one message at a time.
 */
final class ReplayBot implements AutoCloseable {
    /** Settings that put the bot over the demo store and its scripts, whatever else is configured. */
    static final Map<String, String> DEMO_STORE = Map.of("knowledge.file", "null", "slots.scripts", "null");

    private static final List<String> WARM_UP = List.of(
            "hello there",
            "你好，在吗",
            "how long does shipping take to Shanghai",
            "退货需要多长时间",
            "do you sell anything for the kitchen",
            "电热水壶多少钱",
            "what payment methods do you accept",
            "发票怎么开",
            "thanks, that helps",
            "好的谢谢",
            "what colours does the CloudNest Cloud Lite Stroller come in",
            "云巢 Cloud Lite 轻便婴儿推车有几种颜色",
            "is the CloudNest Video Baby Monitor easy to set up",
            "云巢婴儿监护器的电池能用多久");

    /**
     * One turn's outcome.
     *
     * @param result the pipeline's result
     * @param nanos the whole {@code handle} call
     * @param suppressed the codes of the reasons the guard rails gave for dropping proposed lines
     * @param inferredTags the tags the planner's rules gave the conversation beyond the shopper's own
     * @param composed stage ④'s event (the answer and how long it took), or null when no answer was
     *     composed (the message was relayed to a person, or understanding failed)
     */
    record Outcome(
            PipelineResult result,
            long nanos,
            List<String> suppressed,
            Set<String> inferredTags,
            PipelineEvent.Composed composed) {
        /** What stage ② understood, or null when the message was relayed to a person. */
        Understanding understanding() {
            return result instanceof PipelineResult.Decided decided ? decided.understanding() : null;
        }

        /** The intent and its confidence as reports show it ({@code -} when there is none). */
        String intent() {
            return shown(nlu -> String.format(
                    Locale.ROOT, "%s %.2f", nlu.intent().name(), nlu.intent().confidence()));
        }

        /** Something stage ② understood, as a report shows it: {@code -} when nothing was understood. */
        String shown(Function<Understanding, String> what) {
            Understanding nlu = understanding();
            return nlu == null ? "-" : what.apply(nlu);
        }
    }

    /** What one turn's events said, for {@link Outcome}. */
    private static final class Capture implements PipelineListener {
        final List<String> suppressed = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<PipelineEvent.Composed> composed = new AtomicReference<>();

        @Override
        public void on(PipelineEvent event) {
            if (event instanceof PipelineEvent.SlotsSuppressed dropped) {
                suppressed.add(dropped.reason().code());
            } else if (event instanceof PipelineEvent.Composed answer) {
                composed.set(answer);
            }
        }
    }

    private final BotAssembly assembly;
    private final boolean owner;
    private final ConversationPipeline pipeline;
    private final Capture capture;

    private ReplayBot(BotAssembly assembly, boolean owner, ConversationPipeline pipeline, Capture capture) {
        this.assembly = assembly;
        this.owner = owner;
        this.pipeline = pipeline;
        this.capture = capture;
    }

    /** The bot of this configuration, its answers written by {@code composer}. */
    static ReplayBot open(KefuConfig config, AnswerComposer composer) throws IOException {
        return open(BotAssembly.builder(config, Clock.systemUTC()).composer(composer));
    }

    /** The bot of this configuration, its answers written as the server's are ({@code llm.*}). */
    static ReplayBot open(KefuConfig config) throws IOException {
        return open(BotAssembly.builder(config, Clock.systemUTC()));
    }

    private static ReplayBot open(BotAssembly.Builder builder) throws IOException {
        Capture capture = new Capture();
        BotAssembly assembly = builder.storage(BotAssembly.Storage.MEMORY)
                .stages(BotAssembly.Stages.CALLER_THREAD)
                .dataDir(BotAssembly.DataDir.TEMPORARY)
                .listener(capture)
                .build();
        return new ReplayBot(assembly, true, assembly.pipeline(), capture);
    }

    /**
     * A bot over the same loaded NLU, knowledge and scripts, with its own (empty) conversations and
     * this composer. Closing it releases nothing; the parts stay this bot's.
     */
    ReplayBot withComposer(AnswerComposer composer) {
        Capture own = new Capture();
        return new ReplayBot(assembly, false, assembly.pipelineWith(composer, own), own);
    }

    /** A fresh composer for these {@code llm.*} settings (its own circuit breaker), as the server builds it. */
    AnswerComposer composer(LlmConfig llm) throws IOException {
        return assembly.composer(llm);
    }

    /**
     * Messages in conversations of their own before timing starts (JIT, ONNX Runtime, the graph
     * and slot paths, the composer's): a serving server is warm. Not an evaluation's texts: the
     * encoders cache recent texts.
     *
     * @param conversationPrefix the warm-up conversations' ids are this and a number
     */
    void warmUp(String conversationPrefix) {
        ShopperContext parent = new ShopperContext(null, Set.of("mother_baby"));
        for (int i = 0; i < WARM_UP.size(); i++) {
            send(conversationPrefix + i, parent, WARM_UP.get(i));
        }
    }

    Outcome send(String conversationId, ShopperContext shopper, String text) {
        return send(conversationId, shopper, null, text);
    }

    /**
     * One shopper message, written on the page of product {@code productId} (the widget's {@code
     * context.productId}), or on no product's page when it is null.
     */
    Outcome send(String conversationId, ShopperContext shopper, String productId, String text) {
        capture.suppressed.clear();
        capture.composed.set(null);
        long start = System.nanoTime();
        PipelineResult result = pipeline.handle(message(conversationId, shopper, productId, text));
        long nanos = System.nanoTime() - start;
        Set<String> inferred = new TreeSet<>(assembly.planner().tags(result.conversation()));
        inferred.removeAll(result.conversation().shopper().tags());
        return new Outcome(result, nanos, List.copyOf(capture.suppressed), inferred, capture.composed.getAndSet(null));
    }

    /** The one place a replayed message is made, as a channel makes it, with its page context. */
    private InboundMessage message(String conversationId, ShopperContext shopper, String productId, String text) {
        return new InboundMessage(
                conversationId, text, shopper, null, assembly.clock().instant(), productId);
    }

    @Override
    public void close() {
        if (owner) {
            assembly.close();
        }
    }
}
