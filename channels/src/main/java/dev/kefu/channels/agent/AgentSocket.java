package dev.kefu.channels.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.BearerTokens;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RateLimits;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.live.FrameSocket;
import dev.kefu.channels.live.Frames;
import dev.kefu.channels.live.LiveHub;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.handoff.AgentDesk;
import dev.kefu.core.handoff.DeskException;
import io.javalin.websocket.WsMessageContext;

/**
 * The agent desk's WebSocket, {@code /ws/agent}: live queue, the open conversation's new messages
 * and state, typing both ways. A browser cannot set headers on a WebSocket, so the first frame
 * carries the agent token ({@code hello}); a bad token closes the socket. Frames are listed in the
 * README. Actions (claim, reply, release, close) go through the REST API.
 */
public final class AgentSocket extends FrameSocket {
    private static final String AGENT = "kefu.agent";

    private final BearerTokens agents;
    private final AgentDesk desk;
    private final RateLimits limits;

    public AgentSocket(
            BearerTokens agents, AgentDesk desk, RateLimits limits, LiveHub hub, RequestReader reader, Frames frames) {
        super("agent", hub, reader, frames);
        this.agents = agents;
        this.desk = desk;
        this.limits = limits;
    }

    /** What the desk refuses goes back as an error frame with the desk's reason. */
    @Override
    protected void onFrame(WsMessageContext ctx, JsonNode frame) {
        try {
            String type = frame.path("type").asText("");
            if (type.equals("hello")) {
                hello(ctx, frame);
                return;
            }
            String agent = ctx.attribute(AGENT);
            if (agent == null) {
                throw ApiException.badRequest(ErrorCodes.INVALID_FRAME, "Send a hello frame with your token first.");
            }
            switch (type) {
                case "watch" -> watch(ctx, frame);
                case "typing" -> typing(frame, agent);
                default -> throw ApiException.badRequest(
                        ErrorCodes.INVALID_FRAME, "type must be one of hello, watch, typing.");
            }
        } catch (DeskException e) {
            frames.send(ctx, frames.error(e.reason().code(), e.getMessage()));
        }
    }

    /** A wrong token counts against the address's wrong tokens, as on the REST API. */
    private void hello(WsMessageContext ctx, JsonNode frame) {
        String address = ctx.attribute(RateLimits.ADDRESS);
        limits.beforeToken(address);
        String token = frame.path("token").isTextual() ? frame.get("token").textValue() : null;
        String agent = agents.nameOf(token).orElse(null);
        if (agent == null) {
            limits.wrongToken(address);
            frames.send(ctx, frames.error(ErrorCodes.UNAUTHORIZED, "That agent token is not valid."));
            ctx.closeSession(1008, "unauthorized"); // policy violation
            return;
        }
        ctx.attribute(AGENT, agent);
        frames.send(ctx, frames.of("welcome").put("agent", agent));
        hub.signIn(ctx);
    }

    /** From now on, pushes the conversation's new messages and state changes to this desk. */
    private void watch(WsMessageContext ctx, JsonNode frame) {
        String id = RequestReader.requireConversationId(reader.requiredString(frame, "conversationId"));
        Conversation conversation = desk.get(id);
        hub.watch(ctx, id, conversation.messages().size(), conversation.state());
        hub.catchUp(ctx, desk.get(id));
    }

    private void typing(JsonNode frame, String agent) {
        String id = RequestReader.requireConversationId(reader.requiredString(frame, "conversationId"));
        if (agent.equals(desk.get(id).owner())) {
            hub.agentTyping(id);
        }
    }
}
