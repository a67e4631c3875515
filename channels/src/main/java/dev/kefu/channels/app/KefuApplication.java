package dev.kefu.channels.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.channels.agent.AgentApi;
import dev.kefu.channels.agent.AgentSocket;
import dev.kefu.channels.agent.HandoffWebhook;
import dev.kefu.channels.agent.LiveHub;
import dev.kefu.channels.api.ApiException;
import dev.kefu.channels.api.BearerTokens;
import dev.kefu.channels.api.ChatApi;
import dev.kefu.channels.api.ChatService;
import dev.kefu.channels.api.Dtos.ErrorResponse;
import dev.kefu.channels.api.Dtos.Health;
import dev.kefu.channels.api.ErrorCodes;
import dev.kefu.channels.api.ExperimentApi;
import dev.kefu.channels.api.Frames;
import dev.kefu.channels.api.RequestReader;
import dev.kefu.channels.api.ScriptsApi;
import dev.kefu.channels.api.ShopperApi;
import dev.kefu.channels.api.TrainerApi;
import dev.kefu.channels.api.UiMetaApi;
import dev.kefu.channels.store.JdbcConversationStore;
import dev.kefu.channels.store.JdbcShopperProfiles;
import dev.kefu.channels.widget.ChatSocket;
import dev.kefu.core.config.AgentConfig;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.config.KnowledgeConfig;
import dev.kefu.core.config.TrainerConfig;
import dev.kefu.core.conversation.ConversationLocks;
import dev.kefu.core.conversation.ObservedConversationStore;
import dev.kefu.core.handoff.AgentDesk;
import dev.kefu.core.handoff.DeskException;
import dev.kefu.core.handoff.HandoffQueue;
import dev.kefu.core.handoff.ThresholdHandoffPolicy;
import dev.kefu.core.pipeline.ConversationPipeline;
import dev.kefu.core.pipeline.PipelineListener;
import dev.kefu.core.slot.ScriptLibrary;
import dev.kefu.core.slot.ScriptSlotPlanner;
import dev.kefu.core.slot.ScriptSlotPlanner.VariantChooser;
import dev.kefu.core.slot.SlotGuard;
import dev.kefu.core.slot.experiment.Assigner;
import dev.kefu.core.slot.experiment.Experiment;
import dev.kefu.core.slot.experiment.ExperimentLog;
import dev.kefu.core.slot.experiment.ExposureRecorder;
import dev.kefu.intents.Nlu;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.embed.EncoderTextEmbedder;
import dev.kefu.intents.entity.DateEntityExtractor;
import dev.kefu.intents.entity.ProductGazetteer;
import dev.kefu.intents.llm.LlmModels;
import dev.kefu.kb.KnowledgeBase;
import dev.kefu.kb.LiveKnowledgeBase;
import dev.kefu.kb.curation.CurationException;
import dev.kefu.kb.curation.KnowledgeCuration;
import dev.kefu.kb.curation.UnansweredInbox;
import dev.kefu.kb.model.CatalogNames;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's composition root: builds every stage from the configuration, wires the pipeline by
 * hand, and declares all routes in one place ({@link #routes}). Nothing else constructs stages.
 */
public final class KefuApplication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KefuApplication.class);
    /** Largest request body accepted; a chat message of the maximum length fits many times over. */
    private static final long MAX_REQUEST_BYTES = 64 * 1024;
    /** Largest knowledge import accepted (the whole graph as JSON Lines). */
    private static final long MAX_IMPORT_BYTES = 64L * 1024 * 1024;

    /** The store's time zone, for relative dates in messages ("tomorrow", 明天). */
    private static final ZoneId STORE_ZONE = DateEntityExtractor.DEFAULT_ZONE;

    private final KefuConfig config;
    private final LiveKnowledgeBase knowledge;
    private final Encoders encoders;
    private final Javalin app;
    private final List<ExecutorService> executors;
    private final List<AutoCloseable> stores;

    private KefuApplication(
            KefuConfig config,
            LiveKnowledgeBase knowledge,
            Encoders encoders,
            Javalin app,
            List<ExecutorService> executors,
            List<AutoCloseable> stores) {
        this.config = config;
        this.knowledge = knowledge;
        this.encoders = encoders;
        this.app = app;
        this.executors = executors;
        this.stores = stores;
    }

    /**
     * Builds the application: loads and indexes the knowledge, trains the intent router, wires the
     * pipeline and the HTTP edge. Does not listen yet; see {@link #start()}.
     */
    public static KefuApplication create(KefuConfig config, Clock clock) throws IOException {
        Path dataDir = Path.of(config.server().dataDir());
        Files.createDirectories(dataDir);

        KnowledgeCuration curation = KnowledgeCuration.open(
                dataDir.resolve("knowledge").resolve("journal.jsonl"), () -> seed(config), clock);
        List<KnowledgeEntry> entries = curation.publishedEntries();
        LOG.info(
                "knowledge: {} entries from publication {} of {} ({} is only read to start an empty journal)",
                entries.size(),
                curation.publications().size(),
                dataDir.resolve("knowledge"),
                config.knowledge().file() == null
                        ? "the demo store"
                        : config.knowledge().file());
        Encoders encoders = Encoders.forThisMachine();
        KnowledgeConfig kb = config.knowledge();
        EncoderTextEmbedder embedder = kb.semantic() ? new EncoderTextEmbedder(encoders) : null;
        LiveKnowledgeBase knowledge = new LiveKnowledgeBase(
                dataDir.resolve("index"),
                entries,
                (dir, release) -> KnowledgeBase.open(
                        dir, release, kb.minScore(), embedder, kb.minSimilarity(), kb.lexicalWeight()));
        Nlu nlu =
                Nlu.load(config.intents(), config.sentiment(), encoders, productGazetteer(entries), clock, STORE_ZONE);
        KnowledgeCuration.Publisher publisher = published -> {
            ProductGazetteer products = productGazetteer(published);
            knowledge.publish(published);
            nlu.useProducts(products);
        };
        TrainerConfig trainer = config.trainer();
        UnansweredInbox inbox = new UnansweredInbox(
                dataDir.resolve("knowledge").resolve("unanswered.jsonl"),
                embedder,
                trainer.inboxCapacity(),
                trainer.inboxSimilarity(),
                clock);
        JdbcConversationStore database = JdbcConversationStore.open(config.storage(), config.conversations(), dataDir);
        LOG.info(
                "conversations: {}",
                config.storage().url() == null
                        ? "embedded database in " + dataDir.resolve("db").toAbsolutePath()
                        : config.storage().url().replaceAll("password=[^&;]*", "password=***"));
        // Every writer saves through the observed store, so the widget, the desk and the webhook see
        // every change; all writers share one set of conversation locks.
        ObservedConversationStore store = new ObservedConversationStore(database);
        ConversationLocks locks = new ConversationLocks();
        HandoffQueue queue = new HandoffQueue(config.queue());
        Optional<StreamingChatModel> model = LlmModels.of(config.llm());
        AgentDesk desk = new AgentDesk(
                store, locks, queue, config.handoff(), LlmModels.summarizer(config.llm(), model, clock), clock);
        ExecutorService stages = new ThreadPoolExecutor(
                16, 16, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(10_000), daemon("kefu-stage"));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("kefu-timer"));
        ExecutorService broadcaster = Executors.newSingleThreadExecutor(daemon("kefu-broadcast"));

        // Trainers' edits are kept in the data directory and win over slots.scripts, like the
        // knowledge journal over knowledge.file.
        Path editedScripts = dataDir.resolve("scripts.yaml");
        AtomicReference<ScriptLibrary> scripts = new AtomicReference<>(
                Files.exists(editedScripts)
                        ? ScriptLibrary.load(editedScripts)
                        : config.slots().scripts() == null
                                ? ScriptLibrary.demo()
                                : ScriptLibrary.load(Path.of(config.slots().scripts())));
        Assigner assigner = new Assigner();
        ExperimentLog experiments = database.experimentLog();
        JdbcShopperProfiles profiles = database.shopperProfiles();
        ScriptSlotPlanner planner = new ScriptSlotPlanner(
                scripts::get,
                knowledge,
                VariantChooser.experiments(assigner),
                experiments::events,
                experiments::statusOf);

        ConversationPipeline pipeline = nlu.into(ConversationPipeline.builder())
                .retriever(knowledge)
                .composer(LlmModels.composer(config.llm(), model, clock))
                .slotPlanner(planner)
                .slotGuard(SlotGuard.configured(config.slots(), config.sentiment()))
                .handoffPolicy(new ThresholdHandoffPolicy(config.handoff()))
                .queue(queue)
                .store(store)
                .shopperProfiles(profiles)
                .locks(locks)
                .stageExecutor(stages)
                .stageTimeout(Duration.ofMillis(config.handoff().stageTimeoutMs()))
                .clock(clock)
                .maxPassages(config.knowledge().maxPassages())
                .trendAlpha(config.sentiment().trendAlpha())
                .listener(PipelineListener.all(List.of(inbox, new ExposureRecorder(experiments))))
                .build();

        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        RequestReader reader = new RequestReader(json, config.server().maxMessageChars());
        ChatService chat = new ChatService(pipeline, store, desk, clock, inbox);
        TrainerApi trainerApi = new TrainerApi(
                tokens("trainer", trainer.tokens(), dataDir, "/trainer and /api/v1/kb"),
                curation,
                publisher,
                inbox,
                reader);
        AgentConfig agent = config.agent();
        BearerTokens agents = tokens("agent", agent.tokens(), dataDir, "/agent and /api/v1/agent");
        AgentApi agentApi = new AgentApi(agents, desk, reader, agent.cannedReplies(), clock);
        Frames frames = new Frames(json);
        LiveHub hub = new LiveHub(frames, desk, agentApi, broadcaster);
        store.observe(hub);
        if (agent.webhookUrl() != null) {
            store.observe(new HandoffWebhook(
                    URI.create(agent.webhookUrl()),
                    agent.webhookMaxAttempts(),
                    Duration.ofMillis(agent.webhookBackoffMs()),
                    Duration.ofMillis(agent.webhookTimeoutMs()),
                    desk,
                    json,
                    timer,
                    HttpClient.newBuilder()
                            .connectTimeout(Duration.ofMillis(agent.webhookTimeoutMs()))
                            .build(),
                    clock));
        }
        ShopperApi shopperApi = new ShopperApi(
                tokens("store", config.store().tokens(), dataDir, "/api/v1/shoppers"), profiles, reader, clock);
        long check = config.queue().checkSeconds();
        timer.scheduleWithFixedDelay(() -> overdue(desk), check, check, TimeUnit.SECONDS);
        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.http.maxRequestSize = MAX_IMPORT_BYTES;
            javalin.jsonMapper(new JavalinJackson(json, false));
            javalin.staticFiles.add("/public", Location.CLASSPATH);
            routes(
                    javalin.routes,
                    new ChatApi(chat, reader),
                    new ChatSocket(chat, hub, reader, frames),
                    trainerApi,
                    agentApi,
                    new AgentSocket(agents, desk, hub, reader, frames),
                    new ExperimentApi(
                            scripts::get,
                            assigner,
                            experiments,
                            Duration.ofHours(config.slots().attributionHours()),
                            clock,
                            reader),
                    new ScriptsApi(scripts, editedScripts, planner, reader, clock),
                    shopperApi,
                    new UiMetaApi(config.server(), config.slots()),
                    knowledge);
        });
        return new KefuApplication(
                config, knowledge, encoders, app, List.of(timer, broadcaster, stages), List.of(inbox, curation));
    }

    private static void routes(
            io.javalin.config.RoutesConfig routes,
            ChatApi chatApi,
            ChatSocket chatSocket,
            TrainerApi trainerApi,
            AgentApi agentApi,
            AgentSocket agentSocket,
            ExperimentApi experimentApi,
            ScriptsApi scriptsApi,
            ShopperApi shopperApi,
            UiMetaApi uiMetaApi,
            LiveKnowledgeBase knowledge) {
        routes.before("/api/*", ctx -> {
            long length = ctx.contentLength();
            if (length > MAX_REQUEST_BYTES && !ctx.path().equals("/api/v1/kb/import")) {
                throw new ApiException(
                        413,
                        ErrorCodes.PAYLOAD_TOO_LARGE,
                        "The request body is larger than " + MAX_REQUEST_BYTES / 1024 + " KiB.");
            }
        });
        routes.get("/health", ctx -> ctx.json(new Health("ok", knowledge.withCurrent(KnowledgeBase::size))));
        routes.get("/api/v1/ui", uiMetaApi::get);
        routes.post("/api/v1/chat", chatApi::send);
        routes.get("/api/v1/chat/{conversationId}/messages", chatApi::messages);
        routes.post("/api/v1/chat/{conversationId}/feedback", chatApi::feedback);
        routes.post("/api/v1/chat/{conversationId}/rating", chatApi::rating);
        routes.ws("/ws/chat", chatSocket::configure);

        routes.before("/api/v1/agent/*", agentApi::authenticate);
        routes.get("/api/v1/agent/me", agentApi::me);
        routes.get("/api/v1/agent/queue", agentApi::queue);
        routes.get("/api/v1/agent/conversations", agentApi::mine);
        routes.get("/api/v1/agent/conversations/{id}", agentApi::get);
        routes.post("/api/v1/agent/conversations/{id}/claim", agentApi::claim);
        routes.post("/api/v1/agent/conversations/{id}/messages", agentApi::reply);
        routes.post("/api/v1/agent/conversations/{id}/release", agentApi::release);
        routes.post("/api/v1/agent/conversations/{id}/close", agentApi::close);
        routes.ws("/ws/agent", agentSocket::configure);
        routes.get("/agent", ctx -> ctx.redirect("/agent/index.html"));

        routes.before("/api/v1/kb/*", trainerApi::authenticate);
        routes.get("/api/v1/kb/entries", trainerApi::list);
        routes.post("/api/v1/kb/entries", trainerApi::create);
        routes.get("/api/v1/kb/entries/{id}", trainerApi::get);
        routes.put("/api/v1/kb/entries/{id}", trainerApi::update);
        routes.delete("/api/v1/kb/entries/{id}", trainerApi::delete);
        routes.get("/api/v1/kb/entries/{id}/revisions", trainerApi::revisions);
        routes.post("/api/v1/kb/entries/{id}/revisions/{number}/restore", trainerApi::restore);
        routes.get("/api/v1/kb/revisions/{number}", trainerApi::revision);
        routes.get("/api/v1/kb/diff", trainerApi::diff);
        routes.post("/api/v1/kb/publish", trainerApi::publish);
        routes.get("/api/v1/kb/publications", trainerApi::publications);
        routes.post("/api/v1/kb/import", trainerApi::importAll);
        routes.get("/api/v1/kb/export", trainerApi::export);
        routes.get("/api/v1/kb/unanswered", trainerApi::unanswered);
        routes.post("/api/v1/kb/unanswered/{groupId}/entry", trainerApi::groupToEntry);
        routes.post("/api/v1/kb/unanswered/{groupId}/questions", trainerApi::groupToQuestions);
        routes.post("/api/v1/kb/unanswered/{groupId}/dismiss", trainerApi::dismiss);
        routes.get("/trainer", ctx -> ctx.redirect("/trainer/index.html")); // "/trainer/" too
        routes.before("/api/v1/experiments*", trainerApi::authenticate);
        routes.before("/api/v1/scripts*", trainerApi::authenticate);
        routes.before("/api/v1/slots/*", trainerApi::authenticate);
        routes.get("/api/v1/slots/suppressions", experimentApi::suppressions);
        routes.get("/api/v1/scripts", scriptsApi::get);
        routes.put("/api/v1/scripts", scriptsApi::put);
        routes.post("/api/v1/scripts/preview", scriptsApi::preview);
        routes.get("/api/v1/experiments", experimentApi::list);
        routes.get("/api/v1/experiments/{id}/assignment", experimentApi::assignment);
        routes.get("/api/v1/experiments/{id}/results", experimentApi::results);
        routes.post("/api/v1/experiments/{id}/pause", ctx -> experimentApi.setStatus(ctx, Experiment.Status.PAUSED));
        routes.post("/api/v1/experiments/{id}/resume", ctx -> experimentApi.setStatus(ctx, Experiment.Status.RUNNING));
        routes.post("/api/v1/experiments/{id}/end", ctx -> experimentApi.setStatus(ctx, Experiment.Status.ENDED));
        routes.post("/api/v1/events", experimentApi::event);

        routes.before("/api/v1/shoppers/*", shopperApi::authenticate);
        routes.get("/api/v1/shoppers/{shopperId}", shopperApi::get);
        routes.put("/api/v1/shoppers/{shopperId}", shopperApi::put);
        routes.delete("/api/v1/shoppers/{shopperId}", shopperApi::delete);

        routes.exception(
                ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage(), e.problems()));
        routes.exception(
                DeskException.class,
                (e, ctx) -> error(ctx, AgentApi.status(e), e.reason().code(), e.getMessage()));
        routes.exception(
                CurationException.class,
                (e, ctx) -> error(ctx, TrainerApi.status(e), e.reason().code(), e.getMessage(), e.problems()));
        routes.exception(
                HttpResponseException.class,
                (e, ctx) -> error(ctx, e.getStatus(), codeFor(e.getStatus()), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, ErrorCodes.INTERNAL_ERROR, "Something went wrong on our side; please try again.");
        });
        routes.error(404, ctx -> {
            if (ctx.path().startsWith("/api/")) {
                error(ctx, 404, ErrorCodes.NOT_FOUND, "No such endpoint: " + ctx.method() + " " + ctx.path());
            }
        });
    }

    private static void error(Context ctx, int status, String code, String message) {
        error(ctx, status, code, message, List.of());
    }

    private static void error(Context ctx, int status, String code, String message, List<String> problems) {
        ctx.status(status).json(ErrorResponse.of(code, message, problems));
    }

    /** The knowledge an empty curation journal starts from: the configured file, or the demo store. */
    private static List<KnowledgeEntry> seed(KefuConfig config) {
        try {
            return config.knowledge().file() == null
                    ? KnowledgeBase.demoEntries()
                    : KnowledgeBase.load(Path.of(config.knowledge().file()));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read knowledge.file " + config.knowledge().file(), e);
        }
    }

    /**
     * The configured users of one kind ({@code trainer}, {@code agent}), or the demo's generated one
     * (whose file is named in the log).
     */
    private static BearerTokens tokens(String kind, List<String> configured, Path dataDir, String where)
            throws IOException {
        if (!configured.isEmpty()) {
            return new BearerTokens(kind, configured);
        }
        String pair = DemoTokens.pair(dataDir, kind);
        LOG.info(
                "KEFU_{}_TOKENS is not set: the demo {} token for {} is in {}",
                kind.toUpperCase(java.util.Locale.ROOT),
                kind,
                where,
                dataDir.resolve(DemoTokens.FILE).toAbsolutePath());
        return new BearerTokens(kind, List.of(pair));
    }

    /** The queue timer's task: a failure is logged and the next check runs as planned. */
    private static void overdue(AgentDesk desk) {
        try {
            int overdue = desk.checkOverdue();
            if (overdue > 0) {
                LOG.info("queue: {} conversations went past their response-time target", overdue);
            }
        } catch (RuntimeException e) {
            LOG.warn("queue: the overdue check failed", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 404 -> ErrorCodes.NOT_FOUND;
            case 413 -> ErrorCodes.PAYLOAD_TOO_LARGE;
            case 400 -> ErrorCodes.INVALID_FIELD;
            default -> status >= 500 ? ErrorCodes.INTERNAL_ERROR : "HTTP_" + status;
        };
    }

    /**
     * The system clock in whole microseconds, the precision both databases keep, so a message's time
     * reads the same before and after a restart.
     */
    public static Clock systemClock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /** Starts listening on {@code server.port} (0 picks a free port). */
    public KefuApplication start() {
        app.start(config.server().port());
        LOG.info(
                "Kefu is ready on http://localhost:{}/ ({} knowledge entries)",
                port(),
                knowledge.withCurrent(KnowledgeBase::size));
        return this;
    }

    public int port() {
        return app.port();
    }

    /**
     * The product gazetteer for entity extraction: every product's English and Chinese names and
     * its {@code sku}, {@code model} and {@code aliases} attributes; brand names let the gazetteer
     * also match a product without its brand.
     */
    static ProductGazetteer productGazetteer(List<KnowledgeEntry> entries) {
        CatalogNames catalog = CatalogNames.of(entries);
        ProductGazetteer.Builder builder = ProductGazetteer.builder().brands(catalog.brands());
        catalog.products().forEach(builder::product);
        ProductGazetteer gazetteer = builder.build();
        if (!gazetteer.ambiguousAliases().isEmpty()) {
            LOG.info("product aliases shared by several entries are not extracted: {}", gazetteer.ambiguousAliases());
        }
        return gazetteer;
    }

    @Override
    public void close() {
        app.stop();
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
        }
        encoders.close();
        for (AutoCloseable closeable : stores) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", closeable.getClass().getSimpleName(), e);
            }
        }
        try {
            knowledge.close();
        } catch (IOException e) {
            LOG.warn("closing the knowledge index failed", e);
        }
    }
}
