package dev.kefu.channels.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kefu.channels.api.ApiException;
import dev.kefu.channels.api.BearerTokens;
import dev.kefu.channels.api.ChatApi;
import dev.kefu.channels.api.ChatService;
import dev.kefu.channels.api.Dtos.ErrorResponse;
import dev.kefu.channels.api.Dtos.Health;
import dev.kefu.channels.api.ErrorCodes;
import dev.kefu.channels.api.RequestReader;
import dev.kefu.channels.api.TrainerApi;
import dev.kefu.channels.widget.ChatSocket;
import dev.kefu.core.compose.TemplateComposer;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.config.KnowledgeConfig;
import dev.kefu.core.config.TrainerConfig;
import dev.kefu.core.conversation.CaffeineConversationStore;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.handoff.ThresholdHandoffPolicy;
import dev.kefu.core.pipeline.ConversationPipeline;
import dev.kefu.intents.Nlu;
import dev.kefu.intents.classify.Encoders;
import dev.kefu.intents.embed.EncoderTextEmbedder;
import dev.kefu.intents.entity.DateEntityExtractor;
import dev.kefu.intents.entity.ProductGazetteer;
import dev.kefu.kb.KnowledgeBase;
import dev.kefu.kb.LiveKnowledgeBase;
import dev.kefu.kb.curation.CurationException;
import dev.kefu.kb.curation.KnowledgeCuration;
import dev.kefu.kb.curation.UnansweredInbox;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Translation;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
    private final List<Closeable> stores;

    private KefuApplication(
            KefuConfig config, LiveKnowledgeBase knowledge, Encoders encoders, Javalin app, List<Closeable> stores) {
        this.config = config;
        this.knowledge = knowledge;
        this.encoders = encoders;
        this.app = app;
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
        ConversationStore store = new CaffeineConversationStore(
                config.conversations().maxActive(),
                Duration.ofMinutes(config.conversations().idleExpiryMinutes()),
                Ticker.systemTicker());

        ConversationPipeline pipeline = ConversationPipeline.builder()
                .languageDetector(nlu.languageDetector())
                .normalizer(nlu.normalizer())
                .intentClassifier(nlu.intentClassifier())
                .entityExtractor(nlu.entityExtractor())
                .sentimentAnalyzer(nlu.sentimentAnalyzer())
                .retriever(knowledge)
                .composer(new TemplateComposer())
                .handoffPolicy(new ThresholdHandoffPolicy(config.handoff()))
                .store(store)
                .clock(clock)
                .maxPassages(config.knowledge().maxPassages())
                .trendAlpha(config.sentiment().trendAlpha())
                .listener(inbox)
                .build();

        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        RequestReader reader = new RequestReader(json, config.server().maxMessageChars());
        ChatService chat = new ChatService(pipeline, store, clock, inbox);
        TrainerApi trainerApi = new TrainerApi(trainerTokens(trainer, dataDir), curation, publisher, inbox, reader);
        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.http.maxRequestSize = MAX_IMPORT_BYTES;
            javalin.jsonMapper(new JavalinJackson(json, false));
            javalin.staticFiles.add("/public", Location.CLASSPATH);
            routes(
                    javalin.routes,
                    new ChatApi(chat, reader),
                    new ChatSocket(chat, reader, json),
                    trainerApi,
                    knowledge);
        });
        return new KefuApplication(config, knowledge, encoders, app, List.of(inbox, curation));
    }

    private static void routes(
            io.javalin.config.RoutesConfig routes,
            ChatApi chatApi,
            ChatSocket chatSocket,
            TrainerApi trainerApi,
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
        routes.post("/api/v1/chat", chatApi::send);
        routes.get("/api/v1/chat/{conversationId}/messages", chatApi::messages);
        routes.post("/api/v1/chat/{conversationId}/feedback", chatApi::feedback);
        routes.ws("/ws/chat", chatSocket::configure);

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

        routes.exception(
                ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage(), e.problems()));
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

    /** The configured trainers, or the demo's generated one (whose file is named in the log). */
    private static BearerTokens trainerTokens(TrainerConfig trainer, Path dataDir) throws IOException {
        if (!trainer.tokens().isEmpty()) {
            return new BearerTokens("trainer", trainer.tokens());
        }
        String pair = DemoTokens.pair(dataDir, "trainer");
        LOG.info(
                "KEFU_TRAINER_TOKENS is not set: the demo trainer token for /trainer and /api/v1/kb is in {}",
                dataDir.resolve(DemoTokens.FILE).toAbsolutePath());
        return new BearerTokens("trainer", List.of(pair));
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 404 -> ErrorCodes.NOT_FOUND;
            case 413 -> ErrorCodes.PAYLOAD_TOO_LARGE;
            case 400 -> ErrorCodes.INVALID_FIELD;
            default -> status >= 500 ? ErrorCodes.INTERNAL_ERROR : "HTTP_" + status;
        };
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
        ProductGazetteer.Builder builder = ProductGazetteer.builder();
        for (KnowledgeEntry entry : entries) {
            Translation zh = entry.i18n().get("zh");
            if (entry.type() == EntryType.BRAND) {
                builder.brand(entry.title());
                if (zh != null) {
                    builder.brand(zh.title().split(" ")[0]);
                }
            } else if (entry.type() == EntryType.PRODUCT) {
                List<String> names = new ArrayList<>();
                names.add(entry.title());
                if (zh != null) {
                    names.add(zh.title());
                }
                for (String key : List.of("sku", "model", "aliases")) {
                    String value = entry.attributes().get(key);
                    if (value != null) {
                        for (String alias : value.split(",")) {
                            if (!alias.isBlank()) {
                                names.add(alias.strip());
                            }
                        }
                    }
                }
                String brand = entry.attributes().get("brand");
                if (brand != null && !brand.isBlank()) {
                    builder.brand(brand);
                }
                builder.product(entry.id(), names);
            }
        }
        ProductGazetteer gazetteer = builder.build();
        if (!gazetteer.ambiguousAliases().isEmpty()) {
            LOG.info("product aliases shared by several entries are not extracted: {}", gazetteer.ambiguousAliases());
        }
        return gazetteer;
    }

    @Override
    public void close() {
        app.stop();
        encoders.close();
        for (Closeable closeable : stores) {
            try {
                closeable.close();
            } catch (IOException e) {
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
