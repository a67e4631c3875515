package dev.kefu.channels.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kefu.channels.analytics.PipelineMetrics;
import dev.kefu.channels.jdbc.ClusterNotices;
import dev.kefu.channels.jdbc.JdbcAnalytics;
import dev.kefu.channels.jdbc.JdbcConversationStore;
import dev.kefu.channels.jdbc.JdbcExperimentLog;
import dev.kefu.channels.jdbc.JdbcOrders;
import dev.kefu.channels.jdbc.JdbcOutreach;
import dev.kefu.channels.jdbc.JdbcPersonalData;
import dev.kefu.channels.jdbc.JdbcServerSecrets;
import dev.kefu.channels.jdbc.JdbcShopperProfiles;
import dev.kefu.channels.jdbc.JdbcWebhookOutbox;
import dev.kefu.channels.jdbc.PostgresCluster;
import dev.kefu.channels.jdbc.ReleaseNotices;
import dev.kefu.channels.store.LiveOrderActions;
import dev.kefu.channels.store.LiveOrderLookup;
import dev.kefu.core.Checks;
import dev.kefu.core.DaemonThreads;
import dev.kefu.core.cluster.Cluster;
import dev.kefu.core.cluster.NodeId;
import dev.kefu.core.compose.AnswerComposer;
import dev.kefu.core.compose.TemplateComposer;
import dev.kefu.core.compose.llm.CircuitBreaker;
import dev.kefu.core.compose.llm.PersonalDataMasker;
import dev.kefu.core.config.IntentConfig;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.config.KnowledgeConfig;
import dev.kefu.core.config.LlmConfig;
import dev.kefu.core.config.OrdersConfig;
import dev.kefu.core.config.ThreadsConfig;
import dev.kefu.core.conversation.CaffeineConversationStore;
import dev.kefu.core.conversation.ConversationLocks;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.conversation.ObservedConversationStore;
import dev.kefu.core.handoff.AgentDesk;
import dev.kefu.core.handoff.HandoffQueue;
import dev.kefu.core.handoff.ThresholdHandoffPolicy;
import dev.kefu.core.intent.IntentClassifier;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperProfiles;
import dev.kefu.core.order.AfterSalesDesk;
import dev.kefu.core.order.AfterSalesService;
import dev.kefu.core.order.OrderActions;
import dev.kefu.core.order.OrderAnswers;
import dev.kefu.core.order.OrderDesk;
import dev.kefu.core.order.OrderSource;
import dev.kefu.core.pipeline.ConversationPipeline;
import dev.kefu.core.pipeline.PipelineListener;
import dev.kefu.core.pipeline.StageTimer;
import dev.kefu.core.privacy.OwnerOnly;
import dev.kefu.core.shared.FollowLoop;
import dev.kefu.core.shared.Follower;
import dev.kefu.core.slot.LiveScripts;
import dev.kefu.core.slot.ScriptSlotPlanner;
import dev.kefu.core.slot.ScriptSlotPlanner.ShopperEvents;
import dev.kefu.core.slot.ScriptSlotPlanner.VariantChooser;
import dev.kefu.core.slot.SlotGuard;
import dev.kefu.core.slot.experiment.Assigner;
import dev.kefu.core.slot.experiment.Experiment;
import dev.kefu.core.slot.experiment.ExperimentLog;
import dev.kefu.core.slot.experiment.ExposureRecorder;
import dev.kefu.core.text.Identifiers;
import dev.kefu.intents.Nlu;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.classify.TextClassifierTrainer;
import dev.kefu.intents.curate.IntentWorkshop;
import dev.kefu.intents.embed.EncoderTextEmbedder;
import dev.kefu.intents.entity.DateEntityExtractor;
import dev.kefu.intents.entity.ProductGazetteer;
import dev.kefu.intents.llm.LlmModels;
import dev.kefu.kb.KnowledgeBase;
import dev.kefu.kb.LiveKnowledgeBase;
import dev.kefu.kb.curation.KnowledgeCuration;
import dev.kefu.kb.curation.UnansweredInbox;
import dev.kefu.kb.index.EntryVectors;
import dev.kefu.kb.index.IndexThreads;
import dev.kefu.kb.model.CatalogNames;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.search.RetrievalThresholds;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot, built in one place from a {@link KefuConfig}: understanding (NLU), knowledge (the
 * curation journal, the live index and its embedder), the stage-④ composer, hand-off (policy,
 * queue, desk), marketing slots (scripts, planner, guard, experiments), the conversation store,
 * the unanswered-questions inbox and the pipeline that runs them. The server's composition root
 * puts its HTTP edge on top; every {@code kefu-eval} command that runs the pipeline gets it here
 * too, so the bot they measure is the bot the server runs.
 *
 * <p>What a replay needs differently is chosen explicitly on the {@link Builder}: {@link
 * Storage#MEMORY}, {@link Stages#CALLER_THREAD}, {@link DataDir#TEMPORARY}, a given composer.
 * Pool sizes and queue bounds come from {@code threads.*}; every pool is named and owned here.
 * {@link #close()} closes everything the assembly opened, in the reverse order of opening.
 *
 * <p>Thread-safety: the parts are thread-safe; building and closing are not.
 */
public final class BotAssembly implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BotAssembly.class);

    /** The store's time zone, for relative dates in messages ("tomorrow", 明天). */
    /**
     * How often a node looks for what another node on its database published (issue 18: answered
     * everywhere within 2 s); three indexed reads that find nothing cost a few hundred microseconds.
     * A safety net: a release's notice ({@link ReleaseNotices}) makes the nodes follow it at once.
     */
    static final Duration FOLLOW_PERIOD = Duration.ofMillis(500);

    private static final ZoneId STORE_ZONE = DateEntityExtractor.DEFAULT_ZONE;

    /** Where conversations are kept. */
    public enum Storage {
        /**
         * The configured database ({@code storage.*}; embedded H2 in the data directory by default),
         * with the experiment log and the store's shopper profiles beside the conversations.
         */
        DATABASE,
        /**
         * In memory only (bounded by {@code conversations.*}), with no experiment log (no exposure is
         * recorded, the tag rules see no storefront events, every experiment runs) and no stored
         * shopper profiles: for replays that must not touch a database.
         */
        MEMORY
    }

    /** Where understanding and retrieval (stages ② and ③) run. */
    public enum Stages {
        /**
         * On the stage pool ({@code threads.stages}, {@code threads.stageQueue}), each message
         * within {@code handoff.stageTimeoutMs}: past it a person takes over ({@code bot_failure}).
         */
        POOLED,
        /**
         * On the caller's thread, without the timeout, so a slow machine cannot turn a turn into a
         * {@code bot_failure} hand-off: for repeatable measurements.
         */
        CALLER_THREAD
    }

    /**
     * Where the index, the curation journal, the inbox, the scripts and the embedded database live:
     * a directory its owner alone may read, as is everything in it (POSIX {@code 700} and {@code
     * 600}, set at start also on what an earlier version left readable, where the file system has
     * POSIX permissions).
     */
    public enum DataDir {
        /** {@code server.dataDir}, created if missing and kept. */
        CONFIGURED,
        /** A fresh temporary directory, deleted at {@link #close()}. */
        TEMPORARY
    }

    /** Starts an assembly of this configuration; see the defaults on each setter. */
    public static Builder builder(KefuConfig config, Clock clock) {
        return new Builder(config, clock);
    }

    /** The choices of one assembly; the defaults are the server's. */
    public static final class Builder {
        private final KefuConfig config;
        private final Clock clock;
        private Storage storage = Storage.DATABASE;
        private Stages stages = Stages.POOLED;
        private DataDir dataDir = DataDir.CONFIGURED;
        private AnswerComposer composer;
        private PipelineListener listener = PipelineListener.none();
        private MeterRegistry meters;

        private Builder(KefuConfig config, Clock clock) {
            this.config = Checks.requireNonNull("config", config);
            this.clock = Checks.requireNonNull("clock", clock);
        }

        /** Default {@link Storage#DATABASE}. */
        public Builder storage(Storage value) {
            this.storage = Checks.requireNonNull("storage", value);
            return this;
        }

        /** Default {@link Stages#POOLED}. */
        public Builder stages(Stages value) {
            this.stages = Checks.requireNonNull("stages", value);
            return this;
        }

        /** Default {@link DataDir#CONFIGURED}. */
        public Builder dataDir(DataDir value) {
            this.dataDir = Checks.requireNonNull("dataDir", value);
            return this;
        }

        /** Stage ④; default the configured one ({@code llm.*}: templates, or a model over them). */
        public Builder composer(AnswerComposer value) {
            this.composer = Checks.requireNonNull("composer", value);
            return this;
        }

        /** Told every pipeline event after the assembly's own listeners; default none. */
        public Builder listener(PipelineListener value) {
            this.listener = Checks.requireNonNull("listener", value);
            return this;
        }

        /**
         * Where the bot's series go (turns, stages, the model, the stage pool, the database pool);
         * default none.
         */
        public Builder meters(MeterRegistry value) {
            this.meters = Checks.requireNonNull("meters", value);
            return this;
        }

        /**
         * Loads and indexes the knowledge, loads the NLU, opens the store: seconds. On failure,
         * whatever was opened is closed again.
         *
         * @throws dev.kefu.core.slot.ScriptLibrary.ScriptException when the script library is broken
         */
        public BotAssembly build() throws IOException {
            Closer closer = new Closer();
            try {
                return new BotAssembly(this, closer);
            } catch (IOException | RuntimeException e) {
                closer.closeAll();
                throw e;
            }
        }
    }

    private final KefuConfig config;
    private final Clock clock;
    private final Storage storage;
    private final Path dataDir;
    private final ExecutorService llmCalls;
    private final Nlu nlu;
    private final IntentWorkshop intents;
    private final KnowledgeCuration curation;
    private final LiveKnowledgeBase knowledge;
    private final UnansweredInbox inbox;
    private final ObservedConversationStore store;
    private final Cluster cluster;
    private final Optional<ClusterNotices> notices;
    private final ConversationLocks locks;
    private final HandoffQueue queue;
    private final AgentDesk desk;
    private final LiveScripts scripts;
    private final Assigner assigner = new Assigner();
    private final ScriptSlotPlanner planner;
    private final Optional<ExperimentLog> experiments;
    private final Optional<JdbcShopperProfiles> profiles;
    private final Optional<JdbcPersonalData> personalData;
    private final Optional<JdbcServerSecrets> secrets;
    private final Optional<JdbcAnalytics> analytics;
    private final Optional<JdbcOrders> orders;
    private final Optional<JdbcOutreach> outreach;
    private final Optional<JdbcWebhookOutbox> webhookOutbox;
    private final Optional<JdbcConversationStore> database;
    private final PersonalDataMasker masker;
    private final OrderSource orderSource;
    private final AfterSalesDesk orderActions;
    private final OrderDesk orderDesk;
    private final ExecutorService stageThreads;
    private final PipelineListener listeners;
    private final StageTimer stageTimer;
    private final ConversationPipeline pipeline;
    private final Closer closer;

    private BotAssembly(Builder b, Closer closer) throws IOException {
        this.config = b.config;
        this.clock = b.clock;
        this.storage = b.storage;
        this.closer = closer;
        ThreadsConfig threads = config.threads();
        PipelineMetrics metrics = b.meters == null ? null : new PipelineMetrics(b.meters);

        this.dataDir = b.dataDir == DataDir.TEMPORARY
                ? closer.deleting(Files.createTempDirectory("kefu-bot"))
                : OwnerOnly.directory(Path.of(config.server().dataDir()));
        // The database first: with it, the trainers' knowledge and scripts are kept there, shared by
        // every node on it; a data directory's own journal and scripts file are imported once.
        JdbcConversationStore database = storage == Storage.DATABASE
                ? closer.add(JdbcConversationStore.open(config.storage(), config.conversations(), dataDir))
                : null;
        JdbcExperimentLog experimentLog = database == null ? null : database.experimentLog();
        Optional<PostgresCluster> shared = database == null
                ? Optional.empty()
                : database.cluster(NodeId.random(new SecureRandom())).map(closer::add);
        // A release stored here is announced to the other nodes (they follow it at once, see below).
        this.notices = shared.map(PostgresCluster::notices);
        Path journal = dataDir.resolve("knowledge").resolve("journal.jsonl");
        this.curation = closer.add(
                database == null
                        ? KnowledgeCuration.open(journal, () -> seed(config, clock), clock)
                        : KnowledgeCuration.open(
                                notices.map(n -> ReleaseNotices.announcing(database.curationLog(), n))
                                        .orElseGet(database::curationLog),
                                journal,
                                () -> seed(config, clock),
                                clock));
        List<KnowledgeEntry> entries = curation.publishedEntries();
        LOG.info(
                "knowledge: {} entries from publication {} of {} ({} is only read to start an empty journal)",
                entries.size(),
                curation.publications().size(),
                dataDir.resolve("knowledge"),
                config.knowledge().file() == null
                        ? "the demo store"
                        : config.knowledge().file());
        Encoders encoders = closer.add(new Encoders(threads.encoderThreads()));
        KnowledgeConfig kb = config.knowledge();
        EncoderTextEmbedder embedder = kb.semantic() ? new EncoderTextEmbedder(encoders) : null;
        // Start-up is mostly loading models: both encoders and the NLU's models load on the start
        // pool while this thread indexes the knowledge (which waits for an encoder only if it has
        // entries to embed) and opens the store.
        ExecutorService starting = closer.pool(pool(threads.encoderThreads(), Integer.MAX_VALUE, "kefu-start"));
        for (String encoder : List.of(Encoders.ENGLISH, Encoders.CHINESE)) {
            starting.execute(() -> encoders.byName(encoder));
        }
        // A model a trainer activated (kept in the data directory) wins over intents.model.
        Path intentsDir = dataDir.resolve("intents");
        IntentConfig intentConfig = IntentWorkshop.activeModel(intentsDir)
                .map(file -> new IntentConfig(file.toString(), config.intents().outOfScopeThreshold()))
                .orElse(config.intents());
        // The store's order numbers are read alike by the NLU, the orders stage and the masker.
        Identifiers identifiers = config.orders().identifiers();
        this.masker = PersonalDataMasker.of(identifiers);
        CompletableFuture<Nlu> nluLoading = CompletableFuture.supplyAsync(
                () -> Nlu.load(
                        intentConfig,
                        config.sentiment(),
                        encoders,
                        productGazetteer(entries),
                        identifiers,
                        clock,
                        STORE_ZONE),
                starting);
        // The inbox reads (and masks) every line of its file: a busy store's is megabytes.
        CompletableFuture<UnansweredInbox> inboxLoading = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return new UnansweredInbox(
                                dataDir.resolve("knowledge").resolve("unanswered.jsonl"),
                                embedder,
                                config.trainer().inboxCapacity(),
                                config.trainer().inboxSimilarity(),
                                clock);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                starting);
        IndexThreads indexing = new IndexThreads(
                closer.pool(pool(threads.indexingThreads(), Integer.MAX_VALUE, "kefu-index")),
                threads.indexingThreads());
        EntryVectors vectors = EntryVectors.in(dataDir.resolve("index").resolve("vectors.bin"));
        this.knowledge = closer.add(new LiveKnowledgeBase(dataDir.resolve("index"), entries, (dir, release) -> {
            KnowledgeBase opened =
                    KnowledgeBase.open(dir, release, embedder, thresholds(kb), kb.lexicalWeight(), indexing, vectors);
            try {
                OwnerOnly.restrictTree(dir); // each publish's release, built after the start's restrictTree
            } catch (IOException e) {
                opened.close();
                throw e;
            }
            return opened;
        }));
        if (knowledge.withCurrent(KnowledgeBase::indexKept)) {
            LOG.info("knowledge index: the one kept in {} holds this release, reused", dataDir.resolve("index"));
        } else {
            LOG.info(
                    "knowledge index: {} of {} entries embedded, the others' vectors reused from {}",
                    vectors.lastEmbedded(),
                    entries.size(),
                    dataDir.resolve("index"));
        }
        try {
            this.inbox = closer.add(joined(inboxLoading));
        } catch (UncheckedIOException e) {
            throw e.getCause(); // as when it was read on this thread
        }

        ConversationStore conversations;
        if (database != null) {
            LOG.info(
                    "conversations: {}",
                    config.storage().url() == null
                            ? "embedded database in " + dataDir.resolve("db").toAbsolutePath()
                            : config.storage().url().replaceAll("password=[^&;]*", "password=***"));
            conversations = database;
            this.cluster = shared.isPresent() ? shared.get() : alone();
            this.locks = cluster.locks();
            this.database = Optional.of(database);
            if (b.meters != null) {
                database.poolMetrics(b.meters);
            }
            this.experiments = Optional.of(experimentLog);
            this.profiles = Optional.of(database.shopperProfiles());
            this.personalData = Optional.of(database.personalData(locks));
            this.secrets = Optional.of(database.serverSecrets());
            this.analytics = Optional.of(database.analytics(
                    clock,
                    config.sentiment().neutralBand(),
                    Duration.ofHours(config.slots().attributionHours())));
            this.orders = Optional.of(database.orders());
            this.outreach = Optional.of(database.outreach());
            this.webhookOutbox = Optional.of(database.webhookOutbox());
            if (config.knowledge().file() == null) {
                DemoOrders.seed(orders.get(), clock, STORE_ZONE);
            }
        } else {
            conversations = inMemory();
            this.cluster = alone();
            this.locks = cluster.locks();
            this.database = Optional.empty();
            this.experiments = Optional.empty();
            this.profiles = Optional.empty();
            this.personalData = Optional.empty();
            this.secrets = Optional.empty();
            this.analytics = Optional.empty();
            this.orders = Optional.empty();
            this.outreach = Optional.empty();
            this.webhookOutbox = Optional.empty();
        }
        // the NLU's models have loaded meanwhile, beside the index and the database
        this.nlu = joined(nluLoading);
        this.intents = new IntentWorkshop(
                intentsDir,
                nlu.liveIntents(),
                () -> Nlu.model(config.intents().model(), Nlu.DEMO_INTENT_MODEL, encoders),
                encoders,
                config.intents().model() == null ? Nlu.demoExamples() : List.of(),
                config.intents().outOfScopeThreshold(),
                closer.pool(Executors.newSingleThreadExecutor(new DaemonThreads("kefu-intent-training"))),
                clock,
                TextClassifierTrainer.Options.defaults(),
                // the public dialogues are about the demo store: another store is compared without them
                config.knowledge().file() == null
                        ? new DialogueReplay(publicDialogues(), this::replayPipeline, clock)
                        : null);
        // Every writer saves through the observed store, so the widget, the desk and the webhook see
        // every change; all writers share one set of conversation locks.
        this.store = new ObservedConversationStore(conversations);
        this.queue = new HandoffQueue(config.queue());
        this.llmCalls = closer.pool(Executors.newCachedThreadPool(new DaemonThreads("kefu-llm-call")));
        Optional<StreamingChatModel> model = LlmModels.of(config.llm(), llmCalls);
        this.desk = new AgentDesk(
                store, locks, queue, config.handoff(), LlmModels.summarizer(config.llm(), model, masker, clock), clock);
        this.orderSource = pushedThenLive();
        this.orderActions = new AfterSalesDesk(orderSource, afterSales(), store, locks, queue, clock);

        // Trainers' edits are kept in the database (in the data directory without one) and win over
        // slots.scripts, like the knowledge journal over knowledge.file.
        Path editedScripts = dataDir.resolve("scripts.yaml");
        Path configuredScripts =
                config.slots().scripts() == null ? null : Path.of(config.slots().scripts());
        this.scripts = database == null
                ? LiveScripts.open(editedScripts, configuredScripts)
                : LiveScripts.open(
                        notices.map(n -> ReleaseNotices.announcing(database.scriptStore(clock), n))
                                .orElseGet(() -> database.scriptStore(clock)),
                        editedScripts,
                        configuredScripts);
        if (database != null) {
            // What another node on the database publishes is used here at its notice, or within a period.
            Map<String, Follower> followers = new LinkedHashMap<>();
            followers.put("knowledge release", () -> curation.follow(this::publish));
            followers.put("scripts", scripts::follow);
            followers.put("experiment statuses", experimentLog::follow);
            ScheduledExecutorService following =
                    Executors.newSingleThreadScheduledExecutor(new DaemonThreads("kefu-follow"));
            closer.pool(following);
            FollowLoop follow = closer.add(new FollowLoop(followers, following, FOLLOW_PERIOD));
            notices.ifPresent(n -> ReleaseNotices.follow(n, follow::nudge));
        }
        this.planner = new ScriptSlotPlanner(
                scripts,
                knowledge,
                VariantChooser.experiments(assigner),
                experiments.<ShopperEvents>map(log -> log::events).orElse(ShopperEvents.none()),
                experiments
                        .<Function<String, Experiment.Status>>map(log -> log::statusOf)
                        .orElse(id -> Experiment.Status.RUNNING));
        List<PipelineListener> own = new ArrayList<>(List.of(inbox));
        experiments.ifPresent(log -> own.add(new ExposureRecorder(log)));
        if (metrics != null) {
            own.add(metrics);
        }
        this.listeners = PipelineListener.all(own);
        this.orderDesk = orderDesk(model, identifiers);
        this.stageTimer = metrics == null ? StageTimer.none() : metrics;
        ExecutorService stagePool = b.stages == Stages.POOLED
                ? closer.pool(pool(threads.stages(), threads.stageQueue(), "kefu-stage"))
                : null;
        // kefu_executor_queued_tasks and kefu_executor_idle_seconds (the wait) of name="kefu-stage"
        this.stageThreads = stagePool != null && b.meters != null
                ? ExecutorServiceMetrics.monitor(b.meters, stagePool, "kefu-stage", "kefu", List.of())
                : stagePool;
        CircuitBreaker breaker = LlmModels.breaker(config.llm(), clock);
        if (metrics != null && model.isPresent() && b.composer == null) {
            metrics.circuit(breaker);
        }
        this.pipeline = pipeline(
                b.composer != null ? b.composer : LlmModels.composer(config.llm(), model, masker, breaker),
                store,
                profiles.<ShopperProfiles>map(p -> p).orElse(ShopperProfiles.none()),
                b.listener);
        // The database, the journal, the inbox, the scripts and the index exist now: theirs only.
        OwnerOnly.restrictTree(dataDir);
    }

    private ConversationPipeline pipeline(
            AnswerComposer composer,
            ConversationStore conversations,
            ShopperProfiles shopperProfiles,
            PipelineListener extra) {
        return pipeline(
                composer, null, conversations, shopperProfiles, PipelineListener.all(List.of(listeners, extra)));
    }

    /**
     * A pipeline over the assembly's parts.
     *
     * @param router the intent router, or null for the live one
     * @param listener every listener told of its events (the assembly's own only if included)
     */
    private ConversationPipeline pipeline(
            AnswerComposer composer,
            IntentClassifier router,
            ConversationStore conversations,
            ShopperProfiles shopperProfiles,
            PipelineListener listener) {
        ConversationPipeline.Builder builder = nlu.into(ConversationPipeline.builder());
        if (router != null) {
            builder.intentClassifier(router);
        }
        builder.retriever(knowledge)
                .composer(composer)
                .productFacts(knowledge)
                .orderDesk(orderDesk)
                .slotPlanner(planner)
                .slotGuard(SlotGuard.configured(config.slots(), config.sentiment()))
                .handoffPolicy(new ThresholdHandoffPolicy(config.handoff()))
                .queue(queue)
                .store(conversations)
                .shopperProfiles(shopperProfiles)
                .locks(locks)
                .clock(clock)
                .maxPassages(config.knowledge().maxPassages())
                .trendAlpha(config.sentiment().trendAlpha())
                .products(id -> knowledge
                        .entry(id, Language.EN)
                        .filter(fact -> fact.type().equals("product"))
                        .isPresent())
                .listener(listener)
                .stageTimer(stageTimer);
        if (stageThreads != null) {
            builder.stageExecutor(stageThreads)
                    .stageTimeout(Duration.ofMillis(config.handoff().stageTimeoutMs()));
        }
        return builder.build();
    }

    /**
     * The orders the store pushed (with {@link Storage#MEMORY}, the demo's orders in memory for the
     * demo store, else none), then its live service if any.
     */
    private OrderSource pushedThenLive() {
        OrdersConfig settings = config.orders();
        OrderSource pushed = orders.<OrderSource>map(o -> o)
                .orElseGet(() -> config.knowledge().file() == null
                        ? OrderSource.of(DemoOrders.orders(clock.instant(), LocalDate.now(clock.withZone(STORE_ZONE))))
                        : OrderSource.none());
        return settings.lookupUrl() == null ? pushed : pushed.orElse(liveOrders(settings));
    }

    /**
     * The store's service for confirmed after-sales actions ({@code orders.actionsUrl}); without
     * one, a person carries them out.
     */
    private Optional<AfterSalesService> afterSales() {
        OrdersConfig settings = config.orders();
        if (settings.actionsUrl() == null) {
            return Optional.empty();
        }
        Duration timeout = Duration.ofMillis(settings.timeoutMs());
        return Optional.of(new LiveOrderActions(
                settings.actionsUrl(),
                settings.apiKey(),
                timeout,
                HttpClient.newBuilder().connectTimeout(timeout).build(),
                new ObjectMapper()));
    }

    /**
     * The orders stage over {@link #pushedThenLive()} and the after-sales actions, reading order
     * numbers as the NLU and the masker do ({@link OrdersConfig#identifiers}); with {@code
     * llm.provider} set, a model writes the answers over these rules, looking orders up with tools.
     */
    private OrderDesk orderDesk(Optional<StreamingChatModel> model, Identifiers identifiers) {
        OrdersConfig settings = config.orders();
        OrderAnswers rules = new OrderAnswers(
                orderSource,
                orderActions,
                identifiers,
                settings.recentOrders(),
                settings.phoneTries(),
                clock,
                STORE_ZONE);
        return LlmModels.orderDesk(config.llm(), model, rules, masker, clock, STORE_ZONE);
    }

    /** The store's order service of {@code orders.lookupUrl}, bounded, behind a breaker and a cache. */
    private LiveOrderLookup liveOrders(OrdersConfig settings) {
        Duration timeout = Duration.ofMillis(settings.timeoutMs());
        return new LiveOrderLookup(
                settings.lookupUrl(),
                settings.apiKey(),
                timeout,
                Duration.ofSeconds(settings.cacheSeconds()),
                new CircuitBreaker(
                        settings.circuitFailures(), Duration.ofSeconds(settings.circuitOpenSeconds()), clock),
                HttpClient.newBuilder().connectTimeout(timeout).build(),
                new ObjectMapper());
    }

    /** The configuration the bot was built from. */
    public KefuConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** The data directory in use (the configured one, or the temporary one). */
    public Path dataDir() {
        return dataDir;
    }

    /** Trainers' intents: examples, training jobs, activation and rollback of the live router. */
    public IntentWorkshop intents() {
        return intents;
    }

    /** The pipeline (stages ① to ⑦) over the assembly's store. */
    public ConversationPipeline pipeline() {
        return pipeline;
    }

    /**
     * Another pipeline over the same loaded parts (NLU, knowledge, scripts, hand-off rules), with
     * conversations of its own in memory, {@code composer} writing the answers and {@code listener}
     * told every event after the assembly's own listeners. Costs nothing to build. Only a {@link
     * Storage#MEMORY} assembly makes one: a database's conversations are one.
     *
     * @throws IllegalStateException for a {@link Storage#DATABASE} assembly
     */
    public ConversationPipeline pipelineWith(AnswerComposer composer, PipelineListener listener) {
        if (storage != Storage.MEMORY) {
            throw new IllegalStateException("only an assembly with Storage.MEMORY makes more pipelines");
        }
        return pipeline(
                Checks.requireNonNull("composer", composer),
                inMemory(),
                ShopperProfiles.none(),
                Checks.requireNonNull("listener", listener));
    }

    /**
     * A pipeline for replaying dialogues with {@code router} in place of the live one: templates for
     * answers, conversations of its own in memory (so its hand-offs reach no agent), and none of the
     * assembly's listeners (its turns are no shoppers' for the inbox, the experiments or the metrics).
     */
    private ConversationPipeline replayPipeline(IntentClassifier router) {
        return pipeline(
                new TemplateComposer(), // deterministic, and no model calls for a comparison
                router,
                inMemory(),
                ShopperProfiles.none(),
                PipelineListener.none());
    }

    /** The demo store's public dialogues (the same file {@code kefu-eval dialogues --demo} replays). */
    private static List<DialogueReplay.Dialogue> publicDialogues() throws IOException {
        try (InputStream in = BotAssembly.class.getResourceAsStream(DialogueReplay.PUBLIC)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the public dialogues " + DialogueReplay.PUBLIC + " are missing from the jar");
            }
            return DialogueReplay.read(in);
        }
    }

    /**
     * A fresh stage-④ composer for these {@code llm.*} settings, with a circuit breaker of its own,
     * calling the model on this assembly's threads.
     */
    public AnswerComposer composer(LlmConfig llm) throws IOException {
        return LlmModels.composer(llm, LlmModels.of(llm, llmCalls), masker, clock);
    }

    /** Stage ⑤'s planner (trainers preview scripts with it; replays read a conversation's tags). */
    public ScriptSlotPlanner planner() {
        return planner;
    }

    /** The script library in use, which trainers replace. */
    public LiveScripts scripts() {
        return scripts;
    }

    /** Which arm of an experiment a shopper is in: the planner's assignment. */
    public Assigner assigner() {
        return assigner;
    }

    /** The conversations; observe it to see every saved change. */
    /** The service this node is part of (alone on the embedded database). */
    public Cluster cluster() {
        return cluster;
    }

    /** The notices between the nodes of a cluster; empty for a node alone. */
    public Optional<ClusterNotices> notices() {
        return notices;
    }

    public ObservedConversationStore store() {
        return store;
    }

    /** The agents' side of hand-off: queue, claims, replies, hand-back. */
    public AgentDesk desk() {
        return desk;
    }

    /** Where the bot finds orders: those the store pushed, then its live service. */
    public OrderSource orderSource() {
        return orderSource;
    }

    /** The after-sales actions: proposed in the orders stage, answered by the shopper's quick reply. */
    public OrderActions orderActions() {
        return orderActions;
    }

    /** The knowledge shoppers are answered from. */
    public LiveKnowledgeBase knowledge() {
        return knowledge;
    }

    /** The trainers' versions of the knowledge. */
    public KnowledgeCuration curation() {
        return curation;
    }

    /** Makes a publication live: the index and the NLU's product names. */
    public KnowledgeCuration.Publisher publisher() {
        return this::publish;
    }

    /** The questions the bot could not answer. */
    public UnansweredInbox inbox() {
        return inbox;
    }

    /** Exposures and storefront events of the experiments; empty with {@link Storage#MEMORY}. */
    public Optional<ExperimentLog> experiments() {
        return experiments;
    }

    /** The tags the store keeps for its shoppers; empty with {@link Storage#MEMORY}. */
    public Optional<JdbcShopperProfiles> shopperProfiles() {
        return profiles;
    }

    /**
     * A shopper's data in the database, to export or erase, and the retention period's deletion;
     * empty with {@link Storage#MEMORY}.
     */
    public Optional<JdbcPersonalData> personalData() {
        return personalData;
    }

    /** The service figures over the database's conversations; empty with {@link Storage#MEMORY}. */
    public Optional<JdbcAnalytics> analytics() {
        return analytics;
    }

    /**
     * One step of compacting the embedded database's file, for the server's timer (nothing on
     * PostgreSQL or in memory): see {@link JdbcConversationStore#compactEmbedded}.
     */
    public void compactStorage() {
        database.ifPresent(JdbcConversationStore::compactEmbedded);
    }

    /** The server's own secrets, shared through the database; empty with {@link Storage#MEMORY}. */
    public Optional<JdbcServerSecrets> serverSecrets() {
        return secrets;
    }

    /** Outreach's log, opt-outs and trigger sources; empty with {@link Storage#MEMORY}. */
    public Optional<JdbcOutreach> outreach() {
        return outreach;
    }

    /** Webhook posts waiting for delivery, shared by the nodes; empty with {@link Storage#MEMORY}. */
    public Optional<JdbcWebhookOutbox> webhookOutbox() {
        return webhookOutbox;
    }

    /** The per-conversation locks every writer of the store shares. */
    public ConversationLocks locks() {
        return locks;
    }

    /** The orders the store pushed; empty with {@link Storage#MEMORY}. */
    public Optional<JdbcOrders> orders() {
        return orders;
    }

    private void publish(List<KnowledgeEntry> published) throws IOException {
        ProductGazetteer products = productGazetteer(published);
        knowledge.publish(published);
        nlu.useProducts(products);
    }

    private CaffeineConversationStore inMemory() {
        return new CaffeineConversationStore(
                config.conversations().maxActive(),
                Duration.ofMinutes(config.conversations().idleExpiryMinutes()),
                Ticker.systemTicker());
    }

    /** The value of a start-up task, its failure rethrown as it was thrown. */
    private static <T> T joined(CompletableFuture<T> task) {
        try {
            return task.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** A named pool of {@code threads} whose idle threads end after a minute. */
    private static ExecutorService pool(int threads, int queueBound, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(queueBound), new DaemonThreads(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The retrieval thresholds of {@code knowledge.*}. */
    static RetrievalThresholds thresholds(KnowledgeConfig kb) {
        return new RetrievalThresholds(
                kb.minScore(),
                kb.minSimilarity(),
                kb.minSimilarityZh(),
                kb.confidentSimilarity(),
                kb.confidentSimilarityZh());
    }

    /**
     * The knowledge an empty curation journal starts from: the configured file, or the demo store
     * with its promotions running around the day the journal is started.
     */
    private static List<KnowledgeEntry> seed(KefuConfig config, Clock clock) {
        try {
            return config.knowledge().file() == null
                    ? KnowledgeBase.demoEntries(clock)
                    : KnowledgeBase.load(Path.of(config.knowledge().file()));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read knowledge.file " + config.knowledge().file(), e);
        }
    }

    /**
     * The product gazetteer for entity extraction: every product's English and Chinese names and
     * its {@code sku}, {@code model} and {@code aliases} attributes; brand names let the gazetteer
     * also match a product without its brand.
     */
    private static ProductGazetteer productGazetteer(List<KnowledgeEntry> entries) {
        CatalogNames catalog = CatalogNames.of(entries);
        ProductGazetteer.Builder builder = ProductGazetteer.builder().brands(catalog.brands());
        catalog.products().forEach(builder::product);
        ProductGazetteer gazetteer = builder.build();
        if (!gazetteer.ambiguousAliases().isEmpty()) {
            LOG.info("product aliases shared by several entries are not extracted: {}", gazetteer.ambiguousAliases());
        }
        return gazetteer;
    }

    /** A node no other can share conversations with (embedded or in-memory store): it says so. */
    private static Cluster alone() {
        Cluster alone = Cluster.alone(NodeId.random(new SecureRandom()));
        LOG.info(
                "cluster: node {} is alone (its conversations are in an embedded database); nodes that share one"
                        + " PostgreSQL database and schema (storage.url) form one service",
                alone.self());
        return alone;
    }

    /** Closes everything the assembly opened, the last opened first; a failure is logged, the rest still close. */
    @Override
    public void close() {
        closer.closeAll();
    }

    /** What an assembly opened, closed in the reverse order. */
    private static final class Closer {
        private final Deque<AutoCloseable> opened = new ArrayDeque<>();

        <T extends AutoCloseable> T add(T closeable) {
            opened.push(closeable);
            return closeable;
        }

        ExecutorService pool(ExecutorService pool) {
            opened.push(pool::shutdownNow);
            return pool;
        }

        Path deleting(Path directory) {
            opened.push(() -> deleteRecursively(directory));
            return directory;
        }

        void closeAll() {
            while (!opened.isEmpty()) {
                AutoCloseable next = opened.pop();
                try {
                    next.close();
                } catch (Exception e) {
                    LOG.warn("closing {} failed", next, e);
                }
            }
        }

        private static void deleteRecursively(Path directory) throws IOException {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
