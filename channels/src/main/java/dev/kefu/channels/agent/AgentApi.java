package dev.kefu.channels.agent;

import dev.kefu.channels.agent.AgentDtos.MeResponse;
import dev.kefu.channels.agent.AgentDtos.QueueResponse;
import dev.kefu.channels.http.BearerTokens;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.handoff.AgentDesk;
import dev.kefu.core.handoff.DeskException;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;

/**
 * REST handlers of {@code /api/v1/agent/...} (bearer agent tokens). Routes are declared in {@code
 * KefuApplication}; refusals of the desk ({@link DeskException}) become 404 or 409 with their code.
 */
public final class AgentApi {
    private static final String AGENT = "kefu.agent";

    private final BearerTokens agents;
    private final AgentDesk desk;
    private final RequestReader reader;
    private final List<String> cannedReplies;
    private final Clock clock;

    public AgentApi(
            BearerTokens agents, AgentDesk desk, RequestReader reader, List<String> cannedReplies, Clock clock) {
        this.agents = agents;
        this.desk = desk;
        this.reader = reader;
        this.cannedReplies = List.copyOf(cannedReplies);
        this.clock = clock;
    }

    /** Before-handler: the request must carry an agent's token. */
    public void authenticate(Context ctx) {
        ctx.attribute(AGENT, agents.require(ctx));
    }

    /** {@code GET /api/v1/agent/me}. */
    public void me(Context ctx) {
        ctx.json(new MeResponse(agent(ctx), cannedReplies));
    }

    /** {@code GET /api/v1/agent/queue}: waiting conversations, in the order to take them. */
    public void queue(Context ctx) {
        ctx.json(queue());
    }

    /** {@code GET /api/v1/agent/conversations}: the conversations this agent owns. */
    public void mine(Context ctx) {
        ctx.json(new QueueResponse(desk.ownedBy(agent(ctx)).stream()
                .map(c -> AgentDtos.item(c, desk, clock.instant()))
                .toList()));
    }

    /** {@code GET /api/v1/agent/conversations/{id}}: transcript, context packet and events. */
    public void get(Context ctx) {
        ctx.json(view(desk.get(conversationId(ctx))));
    }

    public void claim(Context ctx) {
        ctx.json(view(desk.claim(conversationId(ctx), agent(ctx))));
    }

    /** {@code POST .../messages} with {@code {"text"}}: the owner's reply, shown to the shopper at once. */
    public void reply(Context ctx) {
        String text = reader.text(reader.object(ctx.body()));
        ctx.json(view(desk.reply(conversationId(ctx), agent(ctx), text)));
    }

    public void release(Context ctx) {
        ctx.json(view(desk.release(conversationId(ctx), agent(ctx))));
    }

    public void close(Context ctx) {
        ctx.json(view(desk.close(conversationId(ctx), agent(ctx))));
    }

    public QueueResponse queue() {
        return new QueueResponse(desk.queue().stream()
                .map(c -> AgentDtos.item(c, desk, clock.instant()))
                .toList());
    }

    private AgentDtos.ConversationView view(Conversation conversation) {
        return AgentDtos.view(conversation, desk, clock.instant());
    }

    private static String agent(Context ctx) {
        return ctx.attribute(AGENT);
    }

    private static String conversationId(Context ctx) {
        return RequestReader.requireConversationId(ctx.pathParam("id"));
    }

    /** The HTTP status of a desk refusal. */
    public static int status(DeskException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> 404;
            case ALREADY_CLAIMED, NOT_QUEUED, NOT_OWNER -> 409;
        };
    }
}
