package dev.kefu.eval.run;

import dev.kefu.core.compose.AnswerComposer;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.config.KnowledgeConfig;
import dev.kefu.core.conversation.CaffeineConversationStore;
import dev.kefu.core.handoff.HandoffQueue;
import dev.kefu.core.handoff.ThresholdHandoffPolicy;
import dev.kefu.core.message.InboundMessage;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.pipeline.ConversationPipeline;
import dev.kefu.core.pipeline.PipelineEvent;
import dev.kefu.core.pipeline.PipelineResult;
import dev.kefu.core.slot.ScriptLibrary;
import dev.kefu.core.slot.ScriptSlotPlanner;
import dev.kefu.core.slot.ScriptSlotPlanner.ShopperEvents;
import dev.kefu.core.slot.ScriptSlotPlanner.VariantChooser;
import dev.kefu.core.slot.SlotGuard;
import dev.kefu.core.slot.experiment.Assigner;
import dev.kefu.intents.Nlu;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.embed.EncoderTextEmbedder;
import dev.kefu.intents.entity.DateEntityExtractor;
import dev.kefu.intents.entity.ProductGazetteer;
import dev.kefu.kb.KnowledgeBase;
import dev.kefu.kb.LiveKnowledgeBase;
import dev.kefu.kb.model.CatalogNames;
import dev.kefu.kb.model.KnowledgeEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The server's pipeline, wired as its composition root wires it ({@code KefuApplication}, which
 * lives in the channels module this one does not depend on), over the demo store and the demo
 * scripts with the given configuration, an in-memory conversation store, and the stage-④ composer
 * the caller chooses. Two differences, both for repeatable measurements: stages ② and ③ run on the
 * caller's thread, so a slow machine cannot turn a turn into a {@code bot_failure} hand-off through
 * the stage timeout; and there are no storefront events (behaviour tag rules see none) and no
 * experiment log.
 *
 * <p>Loading the NLU and indexing the store take seconds; {@link #withComposer} gives another bot
 * over the same loaded parts (its own conversations, another composer) at no cost. One bot handles
 * one message at a time.
 */
final class DemoBot implements AutoCloseable {
    /** Opens a bot over the demo store with this configuration and composer (tests pass a shared one). */
    @FunctionalInterface
    interface Factory {
        DemoBot open(KefuConfig config, AnswerComposer composer) throws IOException;
    }

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
     * @param suppressed the reasons the guard rails gave for dropping proposed lines
     * @param inferredTags the tags the planner's rules gave the conversation beyond the shopper's own
     * @param composed stage ④'s event (the answer and how long it took), or null when no answer was
     *     composed (the message was relayed to a person, or understanding failed)
     */
    record Outcome(
            PipelineResult result,
            long nanos,
            List<String> suppressed,
            Set<String> inferredTags,
            PipelineEvent.Composed composed) {}

    /** What takes seconds to load, shared by every bot made {@link #withComposer with another composer}. */
    private record Parts(
            Path indexDir,
            Encoders encoders,
            LiveKnowledgeBase knowledge,
            ScriptSlotPlanner planner,
            Nlu nlu,
            KefuConfig config,
            Clock clock) {}

    private final Parts parts;
    private final boolean owner;
    private final ConversationPipeline pipeline;
    private final List<String> suppressed = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<PipelineEvent.Composed> composed = new AtomicReference<>();

    private DemoBot(Parts parts, boolean owner, AnswerComposer composer) {
        this.parts = parts;
        this.owner = owner;
        KefuConfig config = parts.config();
        this.pipeline = parts.nlu()
                .into(ConversationPipeline.builder())
                .retriever(parts.knowledge())
                .composer(composer)
                .slotPlanner(parts.planner())
                .slotGuard(SlotGuard.configured(config.slots(), config.sentiment()))
                .handoffPolicy(new ThresholdHandoffPolicy(config.handoff()))
                .queue(new HandoffQueue(config.queue()))
                .store(CaffeineConversationStore.forTests())
                .clock(parts.clock())
                .maxPassages(config.knowledge().maxPassages())
                .trendAlpha(config.sentiment().trendAlpha())
                .listener(event -> {
                    if (event instanceof PipelineEvent.SlotsSuppressed dropped) {
                        suppressed.add(dropped.reason().code());
                    } else if (event instanceof PipelineEvent.Composed answer) {
                        composed.set(answer);
                    }
                })
                .build();
    }

    /**
     * The demo store's bot: its knowledge indexed in a temporary directory, its scripts, NLU loaded,
     * answers written by {@code composer}.
     */
    static DemoBot demo(KefuConfig config, AnswerComposer composer) throws IOException {
        Clock clock = Clock.systemUTC();
        List<KnowledgeEntry> entries = KnowledgeBase.demoEntries();
        Path indexDir = Files.createTempDirectory("kefu-eval-bot");
        Encoders encoders = Encoders.forThisMachine();
        LiveKnowledgeBase knowledge = null;
        try {
            KnowledgeConfig kb = config.knowledge();
            EncoderTextEmbedder embedder = kb.semantic() ? new EncoderTextEmbedder(encoders) : null;
            knowledge = new LiveKnowledgeBase(
                    indexDir.resolve("index"),
                    entries,
                    (dir, release) -> KnowledgeBase.open(
                            dir, release, kb.minScore(), embedder, kb.minSimilarity(), kb.lexicalWeight()));
            Nlu nlu = Nlu.load(
                    config.intents(),
                    config.sentiment(),
                    encoders,
                    productGazetteer(entries),
                    clock,
                    DateEntityExtractor.DEFAULT_ZONE);
            ScriptSlotPlanner planner = new ScriptSlotPlanner(
                    ScriptLibrary.demo(), knowledge, VariantChooser.experiments(new Assigner()), ShopperEvents.none());
            return new DemoBot(new Parts(indexDir, encoders, knowledge, planner, nlu, config, clock), true, composer);
        } catch (IOException | RuntimeException e) {
            if (knowledge != null) {
                knowledge.close();
            }
            encoders.close();
            KbCommand.deleteRecursively(indexDir);
            throw e;
        }
    }

    /**
     * A bot over the same loaded NLU, knowledge and scripts, with its own (empty) conversation store
     * and this composer. Closing it releases nothing; the parts stay this bot's.
     */
    DemoBot withComposer(AnswerComposer composer) {
        return new DemoBot(parts, false, composer);
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
        suppressed.clear();
        composed.set(null);
        Clock clock = parts.clock();
        long start = System.nanoTime();
        PipelineResult result =
                pipeline.handle(new InboundMessage(conversationId, text, shopper, null, clock.instant()));
        long nanos = System.nanoTime() - start;
        Set<String> inferred = new TreeSet<>(parts.planner().tags(result.conversation()));
        inferred.removeAll(result.conversation().shopper().tags());
        return new Outcome(result, nanos, List.copyOf(suppressed), inferred, composed.getAndSet(null));
    }

    /** As the server builds it: products' English and Chinese names, sku, model and aliases; brands. */
    private static ProductGazetteer productGazetteer(List<KnowledgeEntry> entries) {
        CatalogNames catalog = CatalogNames.of(entries);
        ProductGazetteer.Builder builder = ProductGazetteer.builder().brands(catalog.brands());
        catalog.products().forEach(builder::product);
        return builder.build();
    }

    @Override
    public void close() throws IOException {
        if (!owner) {
            return;
        }
        try {
            parts.knowledge().close();
        } finally {
            parts.encoders().close();
            KbCommand.deleteRecursively(parts.indexDir());
        }
    }
}
