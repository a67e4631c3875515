package dev.kefu.channels.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.Dtos.MessageDto;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.ErrorMapping;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationBusyException;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.ConversationObserver;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.AgentDesk;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.outreach.OpenWidget;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes every stored change to the sockets that show it (stage ⑦ for people): agent and system
 * messages and state changes to the shopper's widget; every new message and state change to the
 * agent watching the conversation; a fresh queue to every signed-in agent when the queue changes;
 * typing signals both ways. It observes the store, so whatever writes a change (the pipeline, the
 * agent API, the queue timer) reaches the screens the same way.
 *
 * <p>Each socket remembers the last message it has, so a change pushes only what is new; the
 * widget's own message and the bot's answer travel in its {@code reply} frame and are not pushed
 * again. Sends are asynchronous; the queue snapshot is built on its own thread, coalesced.
 */
public final class LiveHub implements ConversationObserver {
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    private static final Set<ConversationEvent.Type> QUEUE_EVENTS = EnumSet.of(
            ConversationEvent.Type.HANDOFF,
            ConversationEvent.Type.CLAIM,
            ConversationEvent.Type.CLOSE,
            ConversationEvent.Type.RELEASE,
            ConversationEvent.Type.OVERDUE);

    private final Frames frames;
    private final AgentDesk desk;
    private final QueueView queue;
    private final ExecutorService broadcaster;
    private final Map<String, Subscriber> bySession = new ConcurrentHashMap<>();
    private final Map<String, Set<Subscriber>> byConversation = new ConcurrentHashMap<>();
    private final Map<String, WsContext> agents = new ConcurrentHashMap<>();
    /** Open sockets by name ({@code widget}, {@code agent}), for metrics. */
    private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();

    private final AtomicBoolean queuePending = new AtomicBoolean();
    private final Clock clock;
    /** Every open socket, by session, with when the server last heard from it or pinged it. */
    private final Map<String, Quiet> quiet = new ConcurrentHashMap<>();

    /**
     * @param queue the queue as the desks show it
     * @param broadcaster one thread that builds and sends queue snapshots
     * @param clock when a socket was last heard from ({@link #pingQuiet})
     */
    public LiveHub(Frames frames, AgentDesk desk, QueueView queue, ExecutorService broadcaster, Clock clock) {
        this.frames = frames;
        this.desk = desk;
        this.queue = queue;
        this.broadcaster = broadcaster;
        this.clock = clock;
    }

    /** An open socket and when it last had traffic that resets its idle timeout (a frame in, a ping out). */
    private static final class Quiet {
        final WsContext ctx;
        volatile long since;

        Quiet(WsContext ctx, long since) {
            this.ctx = ctx;
            this.since = since;
        }
    }

    /**
     * Pings every open socket the server has neither heard from nor pinged for {@code quietFor}: a
     * browser never pings, and a socket silent both ways is closed at the idle timeout, so without
     * this an idle widget reconnects every timeout. Run on a timer every half {@code quietFor} at
     * most, a quiet socket costs one ping frame (and its pong) per {@code quietFor} to 1.5 times
     * it; a socket that sends frames, none.
     *
     * @return how many sockets were pinged
     */
    public int pingQuiet(Duration quietFor) {
        // (not clock.millis(): the server's microsecond tick clock divides by zero there on Java 17)
        long now = clock.instant().toEpochMilli();
        long before = now - quietFor.toMillis();
        int pinged = 0;
        for (Quiet socket : quiet.values()) {
            if (socket.since <= before && socket.ctx.session.isOpen()) {
                socket.since = now;
                socket.ctx.sendPing(); // asynchronous; a failed ping is the socket closing, seen by onClose
                pinged++;
            }
        }
        return pinged;
    }

    /**
     * Serves a {@link FrameSocket}: each frame is read as a JSON object by {@code reader} and given to
     * {@code handler}, and the hub forgets the socket when it closes. A refusal goes back as an
     * {@code error} frame with its code, anything else that fails is logged and answered with
     * {@code INTERNAL_ERROR}; either way the frame's {@code clientId}, if it had one, comes back with
     * the error and the socket stays open.
     *
     * @param name what the socket is, in the log ({@code widget}, {@code agent})
     */
    void serve(WsConfig ws, String name, RequestReader reader, BiConsumer<WsMessageContext, JsonNode> handler) {
        ws.onMessage(ctx -> {
            Quiet socket = quiet.get(ctx.sessionId());
            if (socket != null) {
                socket.since = clock.instant().toEpochMilli();
            }
            String clientId = null;
            try {
                JsonNode frame = reader.object(ctx.message());
                clientId = Frames.clientId(frame);
                handler.accept(ctx, frame);
            } catch (ApiException e) {
                ObjectNode error = frames.error(e.code(), e.getMessage(), clientId);
                if (e.retryAfterSeconds() > 0) { // a rate limit: when to send again
                    ((ObjectNode) error.get("error")).put("retryAfter", e.retryAfterSeconds());
                }
                frames.send(ctx, error);
            } catch (ConversationBusyException e) {
                LOG.warn("{} websocket frame on session {}: {}", name, ctx.sessionId(), e.getMessage());
                frames.send(ctx, frames.error(ErrorCodes.CONVERSATION_BUSY, ErrorMapping.BUSY, clientId));
            } catch (RuntimeException e) {
                LOG.error("{} websocket frame failed on session {}", name, ctx.sessionId(), e);
                frames.send(
                        ctx,
                        frames.error(
                                ErrorCodes.INTERNAL_ERROR,
                                "Something went wrong on our side; please try again.",
                                clientId));
            }
        });
        AtomicInteger sockets = open.computeIfAbsent(name, n -> new AtomicInteger());
        ws.onConnect(ctx -> {
            sockets.incrementAndGet();
            quiet.put(ctx.sessionId(), new Quiet(ctx, clock.instant().toEpochMilli()));
        });
        ws.onClose(ctx -> {
            sockets.decrementAndGet();
            quiet.remove(ctx.sessionId());
            disconnected(ctx);
        });
        ws.onError(ctx -> LOG.debug("{} websocket error on session {}", name, ctx.sessionId(), ctx.error()));
    }

    /** How many sockets named {@code name} ({@code widget}, {@code agent}) are open. */
    public int openSockets(String name) {
        AtomicInteger sockets = open.get(name);
        return sockets == null ? 0 : sockets.get();
    }

    /** A socket following one conversation: a shopper's widget, or an agent's open conversation. */
    private static final class Subscriber {
        final WsContext ctx;
        final String conversationId;
        final boolean shopper;
        long lastSeq;
        ConversationState lastState;
        /** A widget's shopper, language and page, for outreach; null until described. */
        volatile OpenWidget widget;

        Subscriber(WsContext ctx, String conversationId, boolean shopper, long lastSeq, ConversationState state) {
            this.ctx = ctx;
            this.conversationId = conversationId;
            this.shopper = shopper;
            this.lastSeq = lastSeq;
            this.lastState = state;
        }
    }

    /**
     * A widget follows its conversation; it will show messages up to {@code lastSeq} once {@code
     * welcome} (which sends them) has run. No push reaches the socket before the welcome.
     */
    public void followAsShopper(
            WsContext ctx, String conversationId, long lastSeq, ConversationState state, Runnable welcome) {
        Subscriber subscriber = new Subscriber(ctx, conversationId, true, lastSeq, state);
        synchronized (subscriber) {
            follow(subscriber);
            welcome.run();
        }
    }

    /**
     * What a widget is showing: its shopper (as the server knows them), its language and the
     * product page it is on ({@code null} for none) since {@code at}; outreach reads it.
     */
    public void describeWidget(
            WsContext ctx, ShopperContext shopper, String shopperKey, String language, String productId, Instant at) {
        Subscriber s = bySession.get(ctx.sessionId());
        if (s != null && s.shopper) {
            s.widget = new OpenWidget(s.conversationId, shopper, shopperKey, productId, at, language);
        }
    }

    /** The widget moved to another page ({@code productId}, or none); a same-page report changes nothing. */
    public void page(WsContext ctx, String productId, Instant at) {
        Subscriber s = bySession.get(ctx.sessionId());
        OpenWidget old = s == null ? null : s.widget;
        if (old != null && !java.util.Objects.equals(old.productId(), productId)) {
            s.widget = new OpenWidget(
                    old.conversationId(), old.shopper(), old.shopperKey(), productId, at, old.language());
        }
    }

    /** The widgets open now on this server, as outreach sees them. */
    public List<OpenWidget> openWidgets() {
        return bySession.values().stream()
                .map(s -> s.widget)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /**
     * Pushes a message Kefu sent first (already stored as the bot's) to the conversation's widgets,
     * as {@code {"type": "message", "message": {"from": "bot", ...}, "outreach": {"ruleId"}}}: the
     * widget gets bot answers in its replies, so this one would otherwise not reach it.
     *
     * @return whether a widget of the conversation was open
     */
    public boolean pushOutreach(String conversationId, ConversationMessage message, String ruleId) {
        boolean open = false;
        for (Subscriber s : subscribers(conversationId)) {
            if (s.shopper) {
                ObjectNode frame = frame("message");
                frame.set("message", frames.tree(MessageDto.of(message)));
                frame.putObject("outreach").put("ruleId", ruleId);
                synchronized (s) {
                    send(s.ctx, frame);
                    s.lastSeq = Math.max(s.lastSeq, message.seq());
                }
                open = true;
            }
        }
        return open;
    }

    /** An agent's desk signs in: it gets queue snapshots from now on, starting with one now. */
    public void signIn(WsContext ctx) {
        agents.put(ctx.sessionId(), ctx);
        send(ctx, queueFrame());
    }

    /** The agent's desk opens a conversation it already shows up to {@code lastSeq}. */
    public void watch(WsContext ctx, String conversationId, long lastSeq, ConversationState state) {
        follow(new Subscriber(ctx, conversationId, false, lastSeq, state));
    }

    /**
     * Pushes what a change saved between reading {@code latest} for a socket's first view and
     * {@link #followAsShopper}/{@link #watch} would otherwise have missed; call it with a fresh read.
     */
    public void catchUp(WsContext ctx, Conversation latest) {
        Subscriber s = bySession.get(ctx.sessionId());
        if (s != null && s.conversationId.equals(latest.id())) {
            synchronized (s) {
                push(s, latest);
            }
        }
    }

    private void follow(Subscriber subscriber) {
        leave(subscriber.ctx.sessionId());
        bySession.put(subscriber.ctx.sessionId(), subscriber);
        byConversation
                .computeIfAbsent(subscriber.conversationId, id -> ConcurrentHashMap.newKeySet())
                .add(subscriber);
    }

    /** A socket closed. */
    private void disconnected(WsContext ctx) {
        leave(ctx.sessionId());
        agents.remove(ctx.sessionId());
    }

    private void leave(String sessionId) {
        Subscriber old = bySession.remove(sessionId);
        if (old != null) {
            byConversation.computeIfPresent(old.conversationId, (id, set) -> {
                set.remove(old);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** The shopper is typing: tell the agent who has the conversation open. */
    public void shopperTyping(String conversationId) {
        for (Subscriber s : subscribers(conversationId)) {
            if (!s.shopper) {
                send(
                        s.ctx,
                        frame("typing").put("conversationId", conversationId).put("from", "shopper"));
            }
        }
    }

    /** The agent is typing: the widget shows the agent's typing indicator. */
    public void agentTyping(String conversationId) {
        for (Subscriber s : subscribers(conversationId)) {
            if (s.shopper) {
                send(s.ctx, frame("typing").put("from", "agent"));
            }
        }
    }

    @Override
    public void changed(Conversation conversation, List<ConversationEvent> events) {
        changedElsewhere(conversation, changesQueue(conversation, events));
    }

    /** Whether a change moves the queue agents see (so every node's desks get a fresh one). */
    public static boolean changesQueue(Conversation conversation, List<ConversationEvent> events) {
        return conversation.state() == ConversationState.QUEUED
                || events.stream().anyMatch(e -> QUEUE_EVENTS.contains(e.type()));
    }

    /**
     * A change another node stored, read afresh from the store: its new messages and state go to
     * this node's sockets, and a fresh queue to its desks if {@code queueChanged}. A read older than
     * what a socket shows already changes nothing there.
     */
    public void changedElsewhere(Conversation conversation, boolean queueChanged) {
        for (Subscriber s : subscribers(conversation.id())) {
            synchronized (s) {
                push(s, conversation);
            }
        }
        if (queueChanged) {
            queueChanged();
        }
    }

    /** The ids of the conversations this node's sockets follow (to read afresh after lost notices). */
    public Set<String> followed() {
        return Set.copyOf(byConversation.keySet());
    }

    /** Sends every signed-in desk a fresh queue (after notices from other nodes may have been lost). */
    public void refreshQueue() {
        queueChanged();
    }

    private void push(Subscriber s, Conversation conversation) {
        if (conversation.messages().size() < s.lastSeq) {
            return; // an older read than the socket's (another node's notice read before a change here)
        }
        for (ConversationMessage message : conversation.messagesAfter(s.lastSeq)) {
            // The widget gets its own message and the bot's answer in the reply to what it sent.
            if (!s.shopper || message.from() == Speaker.AGENT || message.from() == Speaker.SYSTEM) {
                ObjectNode frame = frame("message");
                if (!s.shopper) {
                    frame.put("conversationId", conversation.id());
                }
                frame.set("message", frames.tree(MessageDto.of(message)));
                send(s.ctx, frame);
            }
        }
        s.lastSeq = Math.max(s.lastSeq, conversation.messages().size());
        if (conversation.state() != s.lastState) {
            s.lastState = conversation.state();
            ObjectNode frame = stateFrame(conversation);
            if (!s.shopper) {
                frame.put("conversationId", conversation.id());
            }
            send(s.ctx, frame);
        }
    }

    /** The widget's and the desk's {@code state} frame: who serves it, the expected wait, the agent. */
    public ObjectNode stateFrame(Conversation conversation) {
        ObjectNode frame = frame("state").put("state", conversation.state().code());
        if (conversation.state() == ConversationState.QUEUED) {
            frame.put("expectedWaitMinutes", desk.expectedWaitMinutes(conversation.ticket()));
        }
        if (conversation.owner() != null) {
            frame.put("agent", conversation.owner());
        }
        return frame;
    }

    /** Sends every signed-in agent the queue, once for any number of changes that come together. */
    private void queueChanged() {
        if (agents.isEmpty() || !queuePending.compareAndSet(false, true)) {
            return;
        }
        try {
            broadcaster.execute(() -> {
                queuePending.set(false);
                ObjectNode frame = queueFrame();
                agents.values().forEach(ctx -> send(ctx, frame));
            });
        } catch (RejectedExecutionException e) {
            queuePending.set(false); // shutting down
        }
    }

    private ObjectNode queueFrame() {
        ObjectNode frame = frame("queue");
        frame.set("conversations", frames.tree(queue.waiting().conversations()));
        return frame;
    }

    private Set<Subscriber> subscribers(String conversationId) {
        return byConversation.getOrDefault(conversationId, Set.of());
    }

    private ObjectNode frame(String type) {
        return frames.of(type);
    }

    private void send(WsContext ctx, ObjectNode frame) {
        frames.send(ctx, frame);
    }
}
