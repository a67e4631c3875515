package dev.kefu.channels.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.channels.agent.AgentApi;
import dev.kefu.channels.agent.AgentSocket;
import dev.kefu.channels.agent.HandoffWebhook;
import dev.kefu.channels.agent.ShopperOrders;
import dev.kefu.channels.analytics.AnalyticsApi;
import dev.kefu.channels.analytics.ServiceMetrics;
import dev.kefu.channels.app.RouteTable.Access;
import dev.kefu.channels.http.BearerTokens;
import dev.kefu.channels.http.BrowserPolicy;
import dev.kefu.channels.http.ClasspathFiles;
import dev.kefu.channels.http.Dtos.Health;
import dev.kefu.channels.http.RateLimits;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.http.WebhookDrain;
import dev.kefu.channels.http.WebhookPoster;
import dev.kefu.channels.identity.ConversationGate;
import dev.kefu.channels.identity.ConversationTokens;
import dev.kefu.channels.identity.ShopperIdentity;
import dev.kefu.channels.identity.ShopperTokens;
import dev.kefu.channels.jdbc.JdbcOutreach;
import dev.kefu.channels.jdbc.JdbcWebhookOutbox;
import dev.kefu.channels.live.ClusterRelay;
import dev.kefu.channels.live.Frames;
import dev.kefu.channels.live.LiveHub;
import dev.kefu.channels.live.LiveOutreach;
import dev.kefu.channels.live.QueueView;
import dev.kefu.channels.shopper.ChatApi;
import dev.kefu.channels.shopper.ChatService;
import dev.kefu.channels.shopper.ChatSocket;
import dev.kefu.channels.shopper.OptOutApi;
import dev.kefu.channels.shopper.ReplyCards;
import dev.kefu.channels.store.EventsApi;
import dev.kefu.channels.store.OrdersApi;
import dev.kefu.channels.store.ShopperApi;
import dev.kefu.channels.trainer.ExperimentApi;
import dev.kefu.channels.trainer.IntentsApi;
import dev.kefu.channels.trainer.OutreachApi;
import dev.kefu.channels.trainer.ScriptsApi;
import dev.kefu.channels.trainer.TrainerApi;
import dev.kefu.core.DaemonThreads;
import dev.kefu.core.cluster.Cluster;
import dev.kefu.core.config.AgentConfig;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.config.ProactiveConfig;
import dev.kefu.core.handoff.AgentDesk;
import dev.kefu.core.outreach.Outreach;
import dev.kefu.core.slot.experiment.ExperimentLog;
import dev.kefu.kb.KnowledgeBase;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's composition root, and only that: the bot from {@link BotAssembly}, the HTTP edge
 * over it (handlers, the live hub, the webhook, the {@link RouteTable}) and the server's timers.
 * Stages are built by the assembly, routes declared by the table, errors mapped by {@code
 * ErrorMapping}.
 */
final class KefuApplication implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KefuApplication.class);
    /** The name of the key conversation tokens are HMACs under, in the database's server secrets. */
    private static final String CONVERSATION_SECRET = "conversation-tokens";
    /** How many of a verified shopper's latest orders the agent desk shows beside a conversation. */
    private static final int DESK_ORDERS = 10;
    /** How often the embedded database's file is compacted (a step rewrites at most a few MB). */
    private static final long COMPACT_SECONDS = 10;
    /** The environment variable of {@code store.identitySecret}. */
    static final String IDENTITY_SECRET_VARIABLE = "KEFU_STORE_IDENTITY_SECRET";
    /** How often the webhook outbox's due posts are sent. */
    private static final Duration WEBHOOK_DRAIN = Duration.ofSeconds(1);

    private final ServiceMetrics metrics;
    private final BotAssembly bot;
    private final RouteTable routes;
    private final Javalin app;
    private final List<ExecutorService> timers;

    private KefuApplication(
            ServiceMetrics metrics, BotAssembly bot, RouteTable routes, Javalin app, List<ExecutorService> timers) {
        this.metrics = metrics;
        this.bot = bot;
        this.routes = routes;
        this.app = app;
        this.timers = timers;
    }

    /**
     * Builds the application: the bot (knowledge indexed, NLU loaded, store opened) and the HTTP
     * edge over it. Does not listen yet; see {@link #start()}.
     */
    public static KefuApplication create(KefuConfig config, Clock clock) throws IOException {
        StartGate gate = new StartGate();
        return create(config, clock, gate, CompletableFuture.completedFuture(javalin(config, gate)));
    }

    /**
     * The HTTP server without its routes yet, behind {@code gate}: its settings, the WebSocket
     * limits and the storefront's files.
     */
    private static Javalin javalin(KefuConfig config, StartGate gate) {
        return Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            // Every body is read through this bound, chunked or not; the import reads its own.
            javalin.http.maxRequestSize = RouteTable.MAX_REQUEST_BYTES;
            javalin.jetty.modifyWebSocketServletFactory(ws -> {
                ws.setMaxTextMessageSize(RouteTable.MAX_REQUEST_BYTES);
                ws.setIdleTimeout(Duration.ofMillis(config.server().websocketIdleTimeoutMs()));
            });
            javalin.jetty.modifyServletContextHandler(context -> context.insertHandler(gate));
            javalin.jsonMapper(new JavalinJackson(RequestReader.jsonMapper(), false));
            javalin.resourceHandler(new ClasspathFiles("public", KefuApplication.class.getClassLoader()));
        });
    }

    private static KefuApplication edge(BotAssembly bot, ServiceMetrics metrics, Javalin app) throws IOException {
        KefuConfig config = bot.config();
        Clock clock = bot.clock();
        Path dataDir = bot.dataDir();
        AgentDesk desk = bot.desk();
        ExperimentLog experiments = bot.experiments().orElseThrow();

        ObjectMapper json = RequestReader.jsonMapper();
        RequestReader reader = new RequestReader(json, config.server().maxMessageChars());
        Frames frames = new Frames(json);
        QueueView queue = new QueueView(desk, clock);
        ShopperOrders shopperOrders = new ShopperOrders(bot.orderSource(), DESK_ORDERS);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("kefu-timer"));
        ExecutorService broadcaster = Executors.newSingleThreadExecutor(new DaemonThreads("kefu-broadcast"));
        ExecutorService relayReader = Executors.newSingleThreadExecutor(new DaemonThreads("kefu-relay"));
        ScheduledExecutorService webhooks =
                Executors.newSingleThreadScheduledExecutor(new DaemonThreads("kefu-webhook"));
        List<ExecutorService> timers = List.of(timer, broadcaster, relayReader, webhooks);
        try {
            LiveHub hub = new LiveHub(frames, desk, queue, broadcaster, clock);
            bot.store().observe(hub);
            // the other nodes' changes reach this node's sockets, and this node's theirs
            bot.notices().ifPresent(notices -> bot.store()
                    .observe(ClusterRelay.start(notices, bot.store(), hub, relayReader)));
            metrics.queue(
                    () -> desk.queue().stream().map(h -> h.ticket().queuedAt()).toList(), clock);
            metrics.sockets(hub::openSockets, List.of("widget", "agent"));
            bot.store().observe(metrics);
            AgentConfig agent = config.agent();
            JdbcWebhookOutbox outbox = bot.webhookOutbox().orElseThrow();
            if (agent.webhookUrl() != null) {
                bot.store()
                        .observe(new HandoffWebhook(
                                new WebhookPoster(URI.create(agent.webhookUrl()), outbox, clock),
                                desk,
                                shopperOrders,
                                queue,
                                json,
                                clock));
            }
            // The demo's tokens are generated in this order: trainer, agent, store.
            BearerTokens trainers = tokens("trainer", config.trainer().tokens(), dataDir, "/trainer and /api/v1/kb");
            BearerTokens agents = tokens("agent", agent.tokens(), dataDir, "/agent and /api/v1/agent");
            BearerTokens stores =
                    tokens("store", config.store().tokens(), dataDir, "/api/v1/shoppers and /api/v1/orders");
            ShopperIdentity identity = new ShopperIdentity(
                    new ShopperTokens(identitySecret(config.store().identitySecret(), dataDir), clock),
                    selfDeclarable(config),
                    config.shopper().maxBrowserTags());
            SecureRandom random = new SecureRandom();
            ConversationGate conversations = new ConversationGate(
                    new ConversationTokens(
                            bot.serverSecrets()
                                    .orElseThrow()
                                    .getOrCreate(CONVERSATION_SECRET, 32, random, clock.instant()),
                            random),
                    identity,
                    bot.store(),
                    reader);
            RateLimits limits = new RateLimits(config.limits(), clock);
            ChatService chat = new ChatService(
                    bot.pipeline(),
                    bot.store(),
                    desk,
                    bot.orderActions(),
                    clock,
                    bot.inbox(),
                    conversations,
                    limits,
                    new ReplyCards(bot.knowledge(), config.store().productPageUrl()));
            JdbcOutreach outreachStore = bot.outreach().orElseThrow();
            ProactiveConfig proactive = config.proactive();
            Outreach outreach = new Outreach(
                    () -> bot.scripts().get().outreach(),
                    outreachStore,
                    outreachStore,
                    bot.store(),
                    experiments,
                    bot.assigner(),
                    new LiveOutreach(
                            hub,
                            bot.store(),
                            bot.locks(),
                            Optional.ofNullable(proactive.webhookUrl())
                                    .map(url -> new WebhookPoster(URI.create(url), outbox, clock)),
                            json),
                    proactive,
                    Set.copyOf(config.slots().forbiddenIntents()),
                    Set.copyOf(config.slots().optOutTags()),
                    bot.knowledge());
            OptOutApi optOut = new OptOutApi(outreachStore, conversations, clock);
            RouteTable routes = RouteTable.of(
                    new RouteTable.Handlers(
                            ctx -> ctx.json(new Health("ok", bot.knowledge().withCurrent(KnowledgeBase::size))),
                            new ChatApi(chat, reader, identity),
                            new ChatSocket(chat, identity, conversations, limits, optOut, hub, reader, frames),
                            new AgentApi(desk, shopperOrders, queue, reader, agent.cannedReplies(), clock),
                            new AgentSocket(agents, desk, limits, hub, reader, frames),
                            new TrainerApi(bot.curation(), bot.publisher(), bot.inbox(), reader),
                            new ScriptsApi(bot.scripts(), bot.planner(), reader, clock),
                            new IntentsApi(bot.intents(), reader),
                            new ExperimentApi(
                                    bot.scripts(),
                                    bot.assigner(),
                                    experiments,
                                    Duration.ofHours(config.slots().attributionHours()),
                                    clock),
                            new ShopperApi(
                                    bot.shopperProfiles().orElseThrow(),
                                    bot.personalData().orElseThrow(),
                                    bot.inbox(),
                                    reader,
                                    clock),
                            new OrdersApi(bot.orders().orElseThrow(), reader, clock),
                            new EventsApi(experiments, clock, reader, conversations),
                            new UiMetaApi(config.server(), config.slots()),
                            new AnalyticsApi(bot.analytics().orElseThrow(), clock),
                            new OutreachApi(
                                    () -> bot.scripts().get().outreach(),
                                    outreach,
                                    outreachStore,
                                    experiments,
                                    bot.store(),
                                    reader,
                                    Duration.ofHours(config.slots().attributionHours()),
                                    clock),
                            optOut,
                            metrics::scrape,
                            conversations),
                    Map.of(Access.AGENT, agents, Access.TRAINER, trainers, Access.STORE, stores),
                    limits,
                    new BrowserPolicy(config.server().allowedOrigins()));
            long ping = config.server().websocketPingMs();
            if (ping > 0) { // every half period, so a socket quiet for a period waits half of one more at most
                timer.scheduleWithFixedDelay(
                        () -> pingQuiet(hub, Duration.ofMillis(ping)), ping / 2, ping / 2, TimeUnit.MILLISECONDS);
            }
            if (proactive.enabled()) { // on every node: a widget is open on one node only (Outreach.Scope)
                long tick = proactive.tickSeconds();
                timer.scheduleWithFixedDelay(
                        () -> outreach(outreach, bot.cluster(), clock), tick, tick, TimeUnit.SECONDS);
            }
            // once across the cluster: on the node that holds the timers' lease
            ClusterTimers clusterTimers = new ClusterTimers(bot.cluster(), timer, clock);
            clusterTimers.every(Duration.ofSeconds(config.queue().checkSeconds()), () -> overdue(desk));
            if (agent.webhookUrl() != null || proactive.webhookUrl() != null) {
                // on a thread of its own: a receiver that is down holds it up to the timeout
                new ClusterTimers(bot.cluster(), webhooks, clock)
                        .every(WEBHOOK_DRAIN, webhookDrain(outbox, agent, clock));
            }
            timer.scheduleWithFixedDelay(bot::compactStorage, COMPACT_SECONDS, COMPACT_SECONDS, TimeUnit.SECONDS);
            int retentionDays = config.privacy().retentionDays();
            if (retentionDays > 0) { // 0 keeps everything
                clusterTimers.daily(new Retention(bot.personalData().orElseThrow(), bot.inbox(), retentionDays, clock));
            }
            routes.install(app.unsafe.routes);
            return new KefuApplication(metrics, bot, routes, app, timers);
        } catch (IOException | RuntimeException e) {
            timers.forEach(ExecutorService::shutdownNow);
            throw e;
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
                kind.toUpperCase(Locale.ROOT),
                kind,
                where,
                dataDir.resolve(DemoTokens.FILE).toAbsolutePath());
        return new BearerTokens(kind, List.of(pair));
    }

    /**
     * The secret the store signs shoppers' tokens with: the configured one, or the demo's generated
     * one (whose file is named in the log, so a demo can sign tokens with it).
     */
    static String identitySecret(String configured, Path dataDir) throws IOException {
        if (configured != null) {
            return configured;
        }
        String secret = DemoTokens.secret(dataDir, IDENTITY_SECRET_VARIABLE);
        LOG.info(
                "{} is not set: the demo secret that signs shopper tokens is in {}",
                IDENTITY_SECRET_VARIABLE,
                dataDir.resolve(DemoTokens.FILE).toAbsolutePath());
        return secret;
    }

    /** The tags a browser may declare: the self-declarable interests and the opt-outs. */
    private static Set<String> selfDeclarable(KefuConfig config) {
        Set<String> tags = new LinkedHashSet<>(config.shopper().selfDeclaredTags());
        tags.addAll(config.slots().optOutTags());
        return tags;
    }

    /** The ping timer's task: a failure is logged and the next round runs as planned. */
    private static void pingQuiet(LiveHub hub, Duration quietFor) {
        try {
            hub.pingQuiet(quietFor);
        } catch (RuntimeException e) {
            LOG.warn("websocket: pinging quiet sockets failed", e);
        }
    }

    /** Both webhooks' delivery, with the hand-off webhook's retries and timeout ({@code agent.webhook*}). */
    private static WebhookDrain webhookDrain(JdbcWebhookOutbox outbox, AgentConfig agent, Clock clock) {
        return new WebhookDrain(
                outbox,
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofMillis(agent.webhookTimeoutMs()))
                        .build(),
                agent.webhookMaxAttempts(),
                Duration.ofMillis(agent.webhookBackoffMs()),
                Duration.ofMillis(agent.webhookTimeoutMs()),
                clock);
    }

    /**
     * The outreach timer's task, one {@link Outreach#tick} at the clock's time, for the candidates
     * this node decides (all when it is alone; in a cluster, its own widgets' shoppers, and the
     * others too on the node holding the timers' lease): a failure is logged and the next tick runs
     * as planned.
     */
    private static void outreach(Outreach outreach, Cluster cluster, Clock clock) {
        Outreach.Scope scope = cluster.alone()
                ? Outreach.Scope.ALL
                : cluster.runsTimers() ? Outreach.Scope.LEASE_HOLDER : Outreach.Scope.OWN_WIDGETS;
        try {
            outreach.tick(clock.instant(), scope);
        } catch (RuntimeException e) {
            LOG.warn("outreach: the tick failed", e);
        }
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

    /**
     * The system clock in whole microseconds, the precision both databases keep, so a message's time
     * reads the same before and after a restart.
     */
    static Clock systemClock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    /**
     * The server as {@code kefu-server} runs it: it listens at once, answering {@code
     * /health/live} 200 and everything else 503 while the bot assembles ({@link StartGate}), then
     * serves every route on the same port, ready. Jetty starts on a thread of its own while this
     * one assembles the bot.
     */
    public static KefuApplication launch(KefuConfig config, Clock clock) throws IOException {
        StartGate gate = new StartGate();
        ExecutorService jetty = Executors.newSingleThreadExecutor(new DaemonThreads("kefu-listen"));
        CompletableFuture<Javalin> listening;
        try {
            listening = CompletableFuture.supplyAsync(
                    () -> javalin(config, gate).start(config.server().port()), jetty);
        } finally {
            jetty.shutdown(); // its one task still runs
        }
        KefuApplication application;
        try {
            application = create(config, clock, gate, listening);
        } catch (IOException | RuntimeException e) {
            listening.thenAccept(Javalin::stop);
            throw e;
        }
        return application.ready();
    }

    /**
     * The bot and the edge, their routes added to the server ({@code listening}, which may be
     * starting meanwhile) behind {@code gate}, which then opens.
     */
    private static KefuApplication create(
            KefuConfig config, Clock clock, StartGate gate, CompletableFuture<Javalin> listening) throws IOException {
        ServiceMetrics metrics = new ServiceMetrics();
        BotAssembly bot = null;
        try {
            bot = BotAssembly.builder(config, clock).meters(metrics.registry()).build();
            Javalin app;
            try {
                app = listening.join();
            } catch (CompletionException e) { // the port taken, say: as if it had failed here
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            KefuApplication application = edge(bot, metrics, app);
            gate.open();
            return application;
        } catch (IOException | RuntimeException e) {
            if (bot != null) {
                bot.close();
            }
            metrics.close();
            throw e;
        }
    }

    /** Starts listening on {@code server.port} (0 picks a free port). */
    public KefuApplication start() {
        app.start(bot.config().server().port());
        return ready();
    }

    private KefuApplication ready() {
        LOG.info(
                "Kefu is ready on http://localhost:{}/ ({} knowledge entries)",
                port(),
                bot.knowledge().withCurrent(KnowledgeBase::size));
        return this;
    }

    public int port() {
        return app.port();
    }

    /** The service this node is part of. */
    Cluster cluster() {
        return bot.cluster();
    }

    /** The routes the server answers, with who may call each (tests derive the authorization matrix). */
    List<RouteTable.Route> routes() {
        return routes.routes();
    }

    /** Stops listening, then the timers, then the bot, then the metrics. */
    @Override
    public void close() {
        app.stop();
        timers.forEach(ExecutorService::shutdownNow);
        bot.close();
        metrics.close();
    }
}
