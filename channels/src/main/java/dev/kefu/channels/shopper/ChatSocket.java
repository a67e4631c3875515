package dev.kefu.channels.shopper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.ChatInput;
import dev.kefu.channels.http.Dtos.MessageDto;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RateLimits;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.identity.ConversationGate;
import dev.kefu.channels.identity.ShopperIdentity;
import dev.kefu.channels.live.FrameSocket;
import dev.kefu.channels.live.Frames;
import dev.kefu.channels.live.LiveHub;
import dev.kefu.channels.shopper.ChatDtos.ChatResponse;
import dev.kefu.core.compose.AnswerStream;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsMessageContext;
import java.util.List;
import java.util.Optional;

/**
 * The widget's WebSocket, {@code /ws/chat}. One socket serves one conversation, bound by a {@code
 * hello} frame: a new one, or one the widget holds the token of ({@link ConversationGate}); the
 * frame schema is documented in the README. Errors go back as {@code error} frames and never close
 * the socket, so the widget can retry.
 */
public final class ChatSocket extends FrameSocket {
    private static final String CONVERSATION = "kefu.conversationId";
    private static final String SHOPPER = "kefu.shopper";
    private static final String LOCALE = "kefu.locale";
    private static final String PRODUCT = "kefu.productId";

    private final ChatService chat;
    private final ShopperIdentity identity;
    private final ConversationGate gate;
    private final RateLimits limits;
    private final OptOutApi optOut;

    public ChatSocket(
            ChatService chat,
            ShopperIdentity identity,
            ConversationGate gate,
            RateLimits limits,
            OptOutApi optOut,
            LiveHub hub,
            RequestReader reader,
            Frames frames) {
        super("widget", hub, reader, frames);
        this.chat = chat;
        this.identity = identity;
        this.gate = gate;
        this.limits = limits;
        this.optOut = optOut;
    }

    /** Every frame but typing counts against its address's limit, as a request would. */
    @Override
    protected void onFrame(WsMessageContext ctx, JsonNode frame) {
        String type = frame.path("type").asText("");
        if (!type.equals("typing")) {
            limits.address(ctx.attribute(RateLimits.ADDRESS));
        }
        switch (type) {
            case "hello" -> hello(ctx, frame);
            case "message" -> message(ctx, frame, Frames.clientId(frame));
            case "feedback" -> feedback(ctx, frame);
            case "typing" -> typing(ctx);
            case "rating" -> rating(ctx, frame);
            case "quickReply" -> quickReply(ctx, frame);
            case "page" -> page(ctx, frame);
            case "optOut" -> optOut(ctx);
            default -> throw ApiException.badRequest(
                    ErrorCodes.INVALID_FRAME,
                    "type must be one of hello, message, feedback, typing, rating, quickReply, page, optOut.");
        }
    }

    /**
     * Binds the socket to a conversation: the one named, when the frame carries its token ({@code
     * conversationToken}) or the verified shopper who owns it, or a new one. A bad shopper token is
     * an {@code INVALID_SHOPPER_TOKEN} error, a conversation the caller may not open a {@code
     * NOT_FOUND} one; either way the socket's binding does not change. Its {@code context.productId}
     * (the product page the widget was opened on) goes with every message until the next hello.
     */
    private void hello(WsMessageContext ctx, JsonNode frame) {
        ShopperContext shopper = identity.resolve(reader.shopper(frame.get("shopper")));
        String locale = reader.locale(frame);
        String productId = reader.contextProductId(frame);
        String named = reader.conversationId(frame);
        String conversationId;
        if (named != null) {
            gate.admit(named, reader.optionalToken(frame, "conversationToken"), shopper);
            conversationId = named;
        } else {
            conversationId = gate.open().conversationId();
        }
        ctx.attribute(SHOPPER, shopper);
        ctx.attribute(LOCALE, locale);
        ctx.attribute(PRODUCT, productId);
        ctx.attribute(CONVERSATION, conversationId);
        Optional<Conversation> existing = named == null ? Optional.empty() : chat.find(named);
        ObjectNode welcome = existing.map(hub::stateFrame)
                .orElseGet(() -> frames.of("welcome").put("state", "bot"));
        welcome.put("type", "welcome");
        welcome.put("conversationId", conversationId);
        welcome.put("conversationToken", gate.tokenOf(conversationId));
        welcome.set(
                "messages",
                frames.tree(existing.map(
                                c -> c.messages().stream().map(MessageDto::of).toList())
                        .orElse(List.of())));
        hub.followAsShopper(
                ctx,
                conversationId,
                existing.map(c -> (long) c.messages().size()).orElse(0L),
                existing.map(Conversation::state).orElse(ConversationState.BOT),
                () -> send(ctx, welcome));
        hub.describeWidget(
                ctx,
                shopper,
                shopper.key(conversationId),
                Language.fromLocale(locale) == Language.EN ? "en" : "zh",
                productId,
                optOut.clock().instant());
        existing.ifPresent(c -> hub.catchUp(ctx, chat.require(c.id())));
    }

    /**
     * {@code {"type": "page", "context": {"productId"}}}: the shopper browsed to another page (a
     * product's, or none); later messages are about it, and outreach counts the time on it.
     */
    private void page(WsMessageContext ctx, JsonNode frame) {
        if (ctx.attribute(CONVERSATION) == null) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FRAME, "Send a hello frame before pages.");
        }
        String productId = reader.contextProductId(frame);
        ctx.attribute(PRODUCT, productId);
        hub.page(ctx, productId, optOut.clock().instant());
    }

    /**
     * {@code {"type": "optOut"}}: the shopper wants no more messages Kefu sends first; answered by
     * {@code optOutAck}.
     */
    private void optOut(WsMessageContext ctx) {
        String conversationId = ctx.attribute(CONVERSATION);
        if (conversationId == null) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FRAME, "Send a hello frame before opting out.");
        }
        ShopperContext shopper = ctx.attribute(SHOPPER);
        // the socket knows its shopper even before the conversation is stored
        optOut.shopper(shopper == null ? gate.shopperKey(conversationId) : shopper.key(conversationId), "widget");
        send(ctx, frames.of("optOutAck").put("optedOut", true));
    }

    private void message(WsMessageContext ctx, JsonNode frame, String clientId) {
        ShopperContext shopper = ctx.attribute(SHOPPER);
        String conversationId = ctx.attribute(CONVERSATION);
        if (shopper == null || conversationId == null) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FRAME, "Send a hello frame before messages.");
        }
        ChatInput input = new ChatInput(
                conversationId,
                reader.text(frame),
                shopper,
                ctx.attribute(LOCALE),
                ctx.attribute(PRODUCT),
                ctx.attribute(RateLimits.ADDRESS));
        if (chat.botAnswers(conversationId)) {
            send(ctx, frames.of("typing").put("from", "bot"));
        }
        ChatResponse response = chat.send(input, drafts(ctx, clientId));
        ObjectNode reply = frames.tree(response);
        reply.put("type", "reply");
        if (clientId != null) {
            reply.put("clientId", clientId);
        }
        send(ctx, reply);
    }

    /**
     * An answer being written reaches the widget as {@code {"type": "draft", "clientId", "text"}}
     * frames (the whole text so far), at most one per {@value #DRAFT_INTERVAL_MS} ms; the {@code
     * reply} frame that follows is what counts and replaces the draft.
     */
    private AnswerStream drafts(WsContext ctx, String clientId) {
        long[] last = {0};
        return text -> {
            long now = System.nanoTime();
            synchronized (last) {
                if (last[0] != 0 && now - last[0] < DRAFT_INTERVAL_MS * 1_000_000L) {
                    return;
                }
                last[0] = now;
            }
            ObjectNode draft = frames.of("draft").put("text", text);
            if (clientId != null) {
                draft.put("clientId", clientId);
            }
            send(ctx, draft);
        };
    }

    private static final long DRAFT_INTERVAL_MS = 40;

    private void feedback(WsMessageContext ctx, JsonNode frame) {
        String conversationId = ctx.attribute(CONVERSATION);
        if (conversationId == null) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FRAME, "No conversation yet to give feedback on.");
        }
        long seq = reader.requiredLong(frame, "seq");
        chat.feedback(conversationId, seq, reader.requiredBoolean(frame, "helpful"));
        send(ctx, frames.of("feedbackAck").put("seq", seq));
    }

    /**
     * {@code {"type": "quickReply", "seq", "action"}}: the shopper pressed a button under a reply;
     * answered by {@code quickReplyAck} with the state after it (the hand-off's notice and state
     * reach the widget as any system message does) and, for {@code confirm} and {@code decline},
     * the bot's {@code reply} and the action's {@code outcome}.
     */
    private void quickReply(WsMessageContext ctx, JsonNode frame) {
        String conversationId = ctx.attribute(CONVERSATION);
        if (conversationId == null) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FRAME, "No conversation yet to act on.");
        }
        long seq = reader.requiredLong(frame, "seq");
        ChatDtos.QuickReplyResponse done = chat.quickReply(conversationId, seq, reader.requiredString(frame, "action"));
        ObjectNode ack = frames.of("quickReplyAck")
                .put("seq", seq)
                .put("action", done.action())
                .put("state", done.state());
        if (done.reply() != null) {
            // the bot's answer to a confirm or decline (the widget gets bot answers in replies, not pushes)
            ack.set("reply", frames.tree(done.reply()));
            ack.put("outcome", done.outcome());
        }
        send(ctx, ack);
    }

    /** The shopper is typing; the agent who has the conversation open sees it. */
    private void typing(WsMessageContext ctx) {
        String conversationId = ctx.attribute(CONVERSATION);
        if (conversationId != null) {
            hub.shopperTyping(conversationId);
        }
    }

    private void rating(WsMessageContext ctx, JsonNode frame) {
        String conversationId = ctx.attribute(CONVERSATION);
        if (conversationId == null) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FRAME, "No conversation yet to rate.");
        }
        RequestReader.Rating rating = reader.rating(frame);
        chat.rate(conversationId, rating);
        send(ctx, frames.of("ratingAck").put("score", rating.score()));
    }

    private void send(WsContext ctx, JsonNode frame) {
        frames.send(ctx, frame);
    }
}
