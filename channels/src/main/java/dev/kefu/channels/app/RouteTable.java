package dev.kefu.channels.app;

import dev.kefu.channels.agent.AgentApi;
import dev.kefu.channels.agent.AgentSocket;
import dev.kefu.channels.analytics.AnalyticsApi;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.BearerTokens;
import dev.kefu.channels.http.BrowserPolicy;
import dev.kefu.channels.http.ErrorMapping;
import dev.kefu.channels.http.RateLimits;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.identity.ConversationGate;
import dev.kefu.channels.shopper.ChatApi;
import dev.kefu.channels.shopper.ChatSocket;
import dev.kefu.channels.shopper.OptOutApi;
import dev.kefu.channels.store.EventsApi;
import dev.kefu.channels.store.OrdersApi;
import dev.kefu.channels.store.ShopperApi;
import dev.kefu.channels.trainer.ExperimentApi;
import dev.kefu.channels.trainer.IntentsApi;
import dev.kefu.channels.trainer.OutreachApi;
import dev.kefu.channels.trainer.ScriptsApi;
import dev.kefu.channels.trainer.TrainerApi;
import dev.kefu.core.Checks;
import dev.kefu.core.slot.experiment.Experiment;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.websocket.WsConfig;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Every route of the server in one table: method, path, who may call it, handler; and the two
 * WebSockets. Who may call what is decided once, from the table: the API is cut into sections
 * ({@code /api/v1/kb}, {@code /api/v1/agent}, ...), every route of a section needs the same bearer
 * token (or none), and a request to a section, known path or not, needs it, checked by one
 * before-handler; the same handler refuses bodies over {@value #MAX_REQUEST_BYTES} bytes however
 * they arrive (Javalin reads no more than that; a knowledge import reads its own, larger, bound),
 * bodies that say they are not JSON on the routes that read JSON (415), requests past the limits of
 * their client address ({@link RateLimits}) and, from an address that sent too many wrong bearer
 * tokens, any bearer token for a while. Every response carries the {@link BrowserPolicy} headers,
 * and a WebSocket opens only from an allowed origin. The shopper's routes are guarded route by route, by their
 * {@link Access}, before their handler runs: a conversation is opened only with its token or by its
 * verified owner ({@link ConversationGate}). Errors are mapped by {@link ErrorMapping}.
 */
final class RouteTable {
    /** Largest request body accepted; a chat message of the maximum length fits many times over. */
    static final long MAX_REQUEST_BYTES = 64 * 1024;
    /** The one route whose body may be larger (the whole graph as JSON Lines). */
    static final String IMPORT = "/api/v1/kb/import";
    /** The routes whose body is not JSON: the import (JSON Lines) and the script library (YAML). */
    private static final Set<String> NOT_JSON = Set.of(IMPORT, "/api/v1/scripts");

    /** Who may call a route. */
    enum Access {
        /** Anyone: pages, redirects, health. */
        PUBLIC,
        /**
         * A shopper's browser: anyone may start a conversation; one named in the body ({@code
         * conversationId}) needs its token or its verified owner (404 otherwise).
         */
        SHOPPER,
        /**
         * The conversation of the path ({@code {conversationId}}): its token ({@code
         * X-Kefu-Conversation-Token}) or its verified owner ({@code X-Kefu-Shopper-Token}); 404
         * otherwise.
         */
        CONVERSATION,
        /**
         * The store's back end (bearer store token), or a browser reporting on a conversation named
         * in the body with its token or as its owner; without either, 401.
         */
        STORE_OR_CONVERSATION,
        /** Agents (bearer agent tokens, {@code agent.tokens}). */
        AGENT,
        /** Trainers (bearer trainer tokens, {@code trainer.tokens}). */
        TRAINER,
        /** The store's back end (bearer store tokens, {@code store.tokens}). */
        STORE
    }

    enum Method {
        GET,
        POST,
        PUT,
        DELETE;

        HandlerType type() {
            return HandlerType.findOrCreate(name());
        }
    }

    /** One HTTP route. */
    record Route(Method method, String path, Access access, Handler handler) {
        Route {
            Checks.requireNonNull("route.method", method);
            Checks.requireText("route.path", path);
            Checks.requireNonNull("route.access", access);
            Checks.requireNonNull("route.handler", handler);
        }
    }

    /** A WebSocket; it authenticates in its frames (a browser cannot set headers on a WebSocket). */
    record Socket(String path, Consumer<WsConfig> handler) {}

    /** The handlers the table routes to. */
    record Handlers(
            Handler health,
            ChatApi chat,
            ChatSocket chatSocket,
            AgentApi agent,
            AgentSocket agentSocket,
            TrainerApi trainer,
            ScriptsApi scripts,
            IntentsApi intents,
            ExperimentApi experiments,
            ShopperApi shoppers,
            OrdersApi orders,
            EventsApi events,
            UiMetaApi ui,
            AnalyticsApi analytics,
            OutreachApi outreach,
            OptOutApi optOut,
            Handler metrics,
            ConversationGate conversations) {}

    private final List<Route> routes;
    private final List<Socket> sockets;
    private final Map<String, Access> sections = new LinkedHashMap<>();
    private final Map<Access, BearerTokens> tokens;
    private final ConversationGate conversations;
    private final RateLimits limits;
    private final BrowserPolicy browsers;

    /**
     * @param tokens the bearer tokens of each access that needs one
     * @param conversations who may open a conversation (the shopper's routes)
     * @param limits how much one client may ask
     * @param browsers the headers for browsers and the origins that may open a WebSocket
     * @throws IllegalArgumentException when a section mixes bearer tokens, a route outside the API
     *     is not public, an access that needs tokens has none, or a route that names a conversation
     *     is not guarded as one
     */
    RouteTable(
            List<Route> routes,
            List<Socket> sockets,
            Map<Access, BearerTokens> tokens,
            ConversationGate conversations,
            RateLimits limits,
            BrowserPolicy browsers) {
        this.routes = List.copyOf(routes);
        this.sockets = List.copyOf(sockets);
        this.tokens = new EnumMap<>(Access.class);
        this.tokens.putAll(tokens);
        for (Route route : this.routes) {
            if (!route.path().startsWith("/api/")) {
                if (route.access() != Access.PUBLIC) {
                    throw new IllegalArgumentException(route.path() + " is outside /api/ and so must be PUBLIC");
                }
                continue;
            }
            Access before = sections.putIfAbsent(section(route.path()), sectionAccess(route.access()));
            if (before != null && before != sectionAccess(route.access())) {
                throw new IllegalArgumentException("section " + section(route.path()) + " is " + before + " but "
                        + route.method() + " " + route.path() + " is " + route.access());
            }
            if (needsToken(route.access()) && !this.tokens.containsKey(route.access())) {
                throw new IllegalArgumentException("no " + route.access() + " tokens for " + route.path());
            }
            if (route.access() == Access.STORE_OR_CONVERSATION && !this.tokens.containsKey(Access.STORE)) {
                throw new IllegalArgumentException("no STORE tokens for " + route.path());
            }
            if ((route.access() == Access.CONVERSATION) != route.path().contains("{conversationId}")) {
                throw new IllegalArgumentException(
                        route.path() + ": a route is CONVERSATION exactly when it names a {conversationId}");
            }
        }
        this.conversations = Checks.requireNonNull("conversations", conversations);
        this.limits = Checks.requireNonNull("limits", limits);
        this.browsers = Checks.requireNonNull("browsers", browsers);
    }

    /** The server's routes. */
    static RouteTable of(Handlers h, Map<Access, BearerTokens> tokens, RateLimits limits, BrowserPolicy browsers) {
        OpenApi openApi = new OpenApi(RequestReader.jsonMapper());
        RouteTable table = new RouteTable(
                routes(h, openApi),
                List.of(
                        new Socket("/ws/chat", h.chatSocket()::configure),
                        new Socket("/ws/agent", h.agentSocket()::configure)),
                tokens,
                h.conversations(),
                limits,
                browsers);
        openApi.describe(table.routes());
        return table;
    }

    /** Every HTTP route: method, path, who may call it, handler. */
    private static List<Route> routes(Handlers h, OpenApi openApi) {
        return List.of(
                get("/health", Access.PUBLIC, h.health()),
                // Once this table is served, the bot is assembled: ready. (Before, StartGate answers.)
                get(StartGate.LIVE, Access.PUBLIC, StartGate::live),
                get("/health/ready", Access.PUBLIC, h.health()),
                // Prometheus scrapes without a token; the series are counts, no conversation or shopper data.
                get("/metrics", Access.PUBLIC, h.metrics()),
                get(OpenApi.PATH, Access.PUBLIC, openApi::serve),
                get("/api/v1/ui", Access.PUBLIC, h.ui()::get),
                get("/agent", Access.PUBLIC, ctx -> ctx.redirect("/agent/index.html")),
                // "/trainer/" too
                get("/trainer", Access.PUBLIC, ctx -> ctx.redirect("/trainer/index.html")),
                post("/api/v1/chat", Access.SHOPPER, h.chat()::send),
                get("/api/v1/chat/{conversationId}/messages", Access.CONVERSATION, h.chat()::messages),
                post("/api/v1/chat/{conversationId}/feedback", Access.CONVERSATION, h.chat()::feedback),
                post("/api/v1/chat/{conversationId}/quick-reply", Access.CONVERSATION, h.chat()::quickReply),
                post("/api/v1/chat/{conversationId}/rating", Access.CONVERSATION, h.chat()::rating),
                post("/api/v1/chat/{conversationId}/opt-out", Access.CONVERSATION, h.optOut()::fromShopper),
                post("/api/v1/events", Access.STORE_OR_CONVERSATION, h.events()::event),
                get("/api/v1/agent/me", Access.AGENT, h.agent()::me),
                get("/api/v1/agent/queue", Access.AGENT, h.agent()::queue),
                get("/api/v1/agent/conversations", Access.AGENT, h.agent()::mine),
                get("/api/v1/agent/conversations/{id}", Access.AGENT, h.agent()::get),
                post("/api/v1/agent/conversations/{id}/claim", Access.AGENT, h.agent()::claim),
                post("/api/v1/agent/conversations/{id}/messages", Access.AGENT, h.agent()::reply),
                post("/api/v1/agent/conversations/{id}/release", Access.AGENT, h.agent()::release),
                post("/api/v1/agent/conversations/{id}/close", Access.AGENT, h.agent()::close),
                get("/api/v1/kb/entries", Access.TRAINER, h.trainer()::list),
                post("/api/v1/kb/entries", Access.TRAINER, h.trainer()::create),
                get("/api/v1/kb/entries/{id}", Access.TRAINER, h.trainer()::get),
                put("/api/v1/kb/entries/{id}", Access.TRAINER, h.trainer()::update),
                delete("/api/v1/kb/entries/{id}", Access.TRAINER, h.trainer()::delete),
                get("/api/v1/kb/entries/{id}/revisions", Access.TRAINER, h.trainer()::revisions),
                post("/api/v1/kb/entries/{id}/revisions/{number}/restore", Access.TRAINER, h.trainer()::restore),
                get("/api/v1/kb/revisions/{number}", Access.TRAINER, h.trainer()::revision),
                get("/api/v1/kb/diff", Access.TRAINER, h.trainer()::diff),
                post("/api/v1/kb/publish", Access.TRAINER, h.trainer()::publish),
                get("/api/v1/kb/publications", Access.TRAINER, h.trainer()::publications),
                post(IMPORT, Access.TRAINER, h.trainer()::importAll),
                get("/api/v1/kb/export", Access.TRAINER, h.trainer()::export),
                get("/api/v1/kb/unanswered", Access.TRAINER, h.trainer()::unanswered),
                post("/api/v1/kb/unanswered/{groupId}/entry", Access.TRAINER, h.trainer()::groupToEntry),
                post("/api/v1/kb/unanswered/{groupId}/questions", Access.TRAINER, h.trainer()::groupToQuestions),
                post("/api/v1/kb/unanswered/{groupId}/dismiss", Access.TRAINER, h.trainer()::dismiss),
                get("/api/v1/scripts", Access.TRAINER, h.scripts()::get),
                put("/api/v1/scripts", Access.TRAINER, h.scripts()::put),
                post("/api/v1/scripts/preview", Access.TRAINER, h.scripts()::preview),
                get("/api/v1/intents", Access.TRAINER, h.intents()::list),
                put("/api/v1/intents/{name}", Access.TRAINER, h.intents()::put),
                post("/api/v1/intents/train", Access.TRAINER, h.intents()::train),
                get("/api/v1/intents/train/{job}", Access.TRAINER, h.intents()::job),
                post("/api/v1/intents/activate", Access.TRAINER, h.intents()::activate),
                post("/api/v1/intents/rollback", Access.TRAINER, h.intents()::rollback),
                get("/api/v1/slots/suppressions", Access.TRAINER, h.experiments()::suppressions),
                get("/api/v1/experiments", Access.TRAINER, h.experiments()::list),
                get("/api/v1/experiments/{id}/assignment", Access.TRAINER, h.experiments()::assignment),
                get("/api/v1/experiments/{id}/results", Access.TRAINER, h.experiments()::results),
                post("/api/v1/experiments/{id}/pause", Access.TRAINER, setStatus(h, Experiment.Status.PAUSED)),
                post("/api/v1/experiments/{id}/resume", Access.TRAINER, setStatus(h, Experiment.Status.RUNNING)),
                post("/api/v1/experiments/{id}/end", Access.TRAINER, setStatus(h, Experiment.Status.ENDED)),
                get("/api/v1/outreach/rules", Access.TRAINER, h.outreach()::rules),
                post("/api/v1/outreach/preview", Access.TRAINER, h.outreach()::preview),
                post("/api/v1/outreach/rules/{id}/pause", Access.TRAINER, outreachStatus(h, Experiment.Status.PAUSED)),
                post(
                        "/api/v1/outreach/rules/{id}/resume",
                        Access.TRAINER,
                        outreachStatus(h, Experiment.Status.RUNNING)),
                post("/api/v1/outreach/rules/{id}/end", Access.TRAINER, outreachStatus(h, Experiment.Status.ENDED)),
                get("/api/v1/outreach/log", Access.TRAINER, h.outreach()::log),
                get("/api/v1/outreach/results", Access.TRAINER, h.outreach()::results),
                get("/api/v1/analytics/summary", Access.TRAINER, h.analytics()::summary),
                get("/api/v1/analytics/timeseries", Access.TRAINER, h.analytics()::timeseries),
                get("/api/v1/analytics/agents", Access.TRAINER, h.analytics()::agents),
                get("/api/v1/analytics/conversations.csv", Access.TRAINER, h.analytics()::csv),
                get("/api/v1/shoppers/{shopperId}", Access.STORE, h.shoppers()::get),
                put("/api/v1/shoppers/{shopperId}", Access.STORE, h.shoppers()::put),
                delete("/api/v1/shoppers/{shopperId}", Access.STORE, h.shoppers()::delete),
                get("/api/v1/shoppers/{shopperId}/export", Access.STORE, h.shoppers()::export),
                post("/api/v1/shoppers/{shopperId}/erase", Access.STORE, h.shoppers()::erase),
                post("/api/v1/shoppers/{shopperId}/opt-out", Access.STORE, h.optOut()::fromStore),
                get("/api/v1/orders/{orderNo}", Access.STORE, h.orders()::get),
                put("/api/v1/orders/{orderNo}", Access.STORE, h.orders()::put),
                delete("/api/v1/orders/{orderNo}", Access.STORE, h.orders()::delete));
    }

    private static Route get(String path, Access access, Handler handler) {
        return new Route(Method.GET, path, access, handler);
    }

    private static Route post(String path, Access access, Handler handler) {
        return new Route(Method.POST, path, access, handler);
    }

    private static Route put(String path, Access access, Handler handler) {
        return new Route(Method.PUT, path, access, handler);
    }

    private static Route delete(String path, Access access, Handler handler) {
        return new Route(Method.DELETE, path, access, handler);
    }

    /** {@code POST /api/v1/experiments/{id}/pause} and the like: the experiment's status set to {@code status}. */
    private static Handler setStatus(Handlers h, Experiment.Status status) {
        return ctx -> h.experiments().setStatus(ctx, status);
    }

    /** {@code POST /api/v1/outreach/rules/{id}/pause} and the like: the rule's experiment set to {@code status}. */
    private static Handler outreachStatus(Handlers h, Experiment.Status status) {
        return ctx -> h.outreach().setStatus(ctx, status);
    }

    /** The HTTP routes, in the order they are declared. */
    List<Route> routes() {
        return routes;
    }

    /**
     * The bearer token a path under {@code /api/} (known or not) needs: its section's access
     * (AGENT, TRAINER, STORE), or PUBLIC when it needs none.
     */
    Access accessOf(String path) {
        return sections.getOrDefault(section(path), Access.PUBLIC);
    }

    /** Registers the before-handler, every route (behind its guard) and socket, and the error mapping. */
    void install(RoutesConfig config) {
        config.before(browsers::headers);
        config.before("/api/*", this::admit);
        for (Route route : routes) {
            config.addHttpHandler(route.method().type(), route.path(), guarded(route));
        }
        for (Socket socket : sockets) {
            config.addHttpHandler(HandlerType.WEBSOCKET_BEFORE_UPGRADE, socket.path(), this::upgrade);
            config.ws(socket.path(), socket.handler());
        }
        ErrorMapping.install(config);
    }

    /**
     * Before every API request: the body's declared size and type, then the caller's token where
     * the section needs one, or the limit of the caller's address where it needs none (a request
     * with a bearer token is the store's back end's, whose token is checked instead).
     */
    private void admit(Context ctx) {
        boolean ownBound = ctx.path().equals(IMPORT);
        if (ctx.contentLength() > (ownBound ? TrainerApi.MAX_IMPORT_BYTES : MAX_REQUEST_BYTES)) {
            throw RequestReader.tooLarge(ownBound ? TrainerApi.MAX_IMPORT_BYTES : MAX_REQUEST_BYTES);
        }
        if (!NOT_JSON.contains(ctx.path())) {
            BrowserPolicy.requireJson(ctx);
        }
        BearerTokens required = tokens.get(accessOf(ctx.path()));
        if (required != null) {
            authenticate(required, ctx);
        } else if (ctx.header("Authorization") == null) {
            limits.address(ctx.ip());
        }
    }

    /** The bearer token checked, after the address's wrong tokens: a wrong one counts against it. */
    private void authenticate(BearerTokens required, Context ctx) {
        limits.beforeToken(ctx.ip());
        try {
            required.authenticate(ctx);
        } catch (ApiException e) {
            if (ctx.header("Authorization") != null) {
                limits.wrongToken(ctx.ip());
            }
            throw e;
        }
    }

    /**
     * Before a WebSocket opens: its origin, and the client's address kept for the socket's limits
     * (a socket's frames have no request of their own to read it from).
     */
    private void upgrade(Context ctx) throws java.io.IOException {
        try {
            browsers.requireOrigin(ctx);
        } catch (ApiException e) {
            ErrorMapping.refuseUpgrade(ctx, e);
            return;
        }
        ctx.attribute(RateLimits.ADDRESS, ctx.ip());
    }

    /**
     * The route's handler behind the check of its access that needs the route: the conversation of
     * the path or the body. (Bearer tokens were checked by the section's before-handler.)
     */
    private Handler guarded(Route route) {
        return switch (route.access()) {
            case PUBLIC, AGENT, TRAINER, STORE -> route.handler();
            case CONVERSATION -> ctx -> {
                conversations.admitPath(ctx);
                route.handler().handle(ctx);
            };
            case SHOPPER -> ctx -> {
                conversations.admitBody(ctx);
                route.handler().handle(ctx);
            };
            case STORE_OR_CONVERSATION -> ctx -> {
                if (ctx.header("Authorization") != null || !conversations.admitBody(ctx)) {
                    authenticate(tokens.get(Access.STORE), ctx);
                }
                route.handler().handle(ctx);
            };
        };
    }

    private static boolean needsToken(Access access) {
        return switch (access) {
            case AGENT, TRAINER, STORE -> true;
            case PUBLIC, SHOPPER, CONVERSATION, STORE_OR_CONVERSATION -> false;
        };
    }

    /** What a route's access asks of its section: a bearer token (AGENT, TRAINER, STORE) or none (PUBLIC). */
    private static Access sectionAccess(Access access) {
        return needsToken(access) ? access : Access.PUBLIC;
    }

    /** {@code /api/v1/kb/entries/{id}} -> {@code /api/v1/kb}: the first three segments. */
    private static String section(String path) {
        String[] segments = path.split("/", 5);
        return segments.length < 4 ? path : String.join("/", segments[0], segments[1], segments[2], segments[3]);
    }
}
