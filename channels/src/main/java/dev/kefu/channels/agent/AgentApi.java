package dev.kefu.channels.agent;

import dev.kefu.channels.agent.AgentDtos.MeResponse;
import dev.kefu.channels.http.BearerTokens;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.live.QueueView;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.handoff.AgentDesk;
import dev.kefu.core.handoff.DeskException;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;

/**
 * REST handlers of {@code /api/v1/agent/...}. The route table lets only agents in (bearer agent
 * tokens) and names the agent ({@link BearerTokens#caller}); refusals of the desk ({@link
 * DeskException}) become 404 or 409 with their code.
 */
public final class AgentApi {
    private final AgentDesk desk;
    private final ShopperOrders orders;
    private final QueueView queue;
    private final RequestReader reader;
    private final List<String> cannedReplies;
    private final Clock clock;

    public AgentApi(
            AgentDesk desk,
            ShopperOrders orders,
            QueueView queue,
            RequestReader reader,
            List<String> cannedReplies,
            Clock clock) {
        this.desk = desk;
        this.orders = orders;
        this.queue = queue;
        this.reader = reader;
        this.cannedReplies = List.copyOf(cannedReplies);
        this.clock = clock;
    }

    /** {@code GET /api/v1/agent/me}. */
    public void me(Context ctx) {
        ctx.json(new MeResponse(agent(ctx), cannedReplies));
    }

    /** {@code GET /api/v1/agent/queue}: waiting conversations, in the order to take them. */
    public void queue(Context ctx) {
        ctx.json(queue.waiting());
    }

    /** {@code GET /api/v1/agent/conversations}: the conversations this agent owns. */
    public void mine(Context ctx) {
        ctx.json(queue.ownedBy(agent(ctx)));
    }

    /**
     * {@code GET /api/v1/agent/conversations/{id}}: transcript, context packet (with the shopper's
     * orders and the conversation's after-sales actions) and events.
     */
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

    private AgentDtos.ConversationView view(Conversation conversation) {
        return AgentDtos.view(conversation, desk, orders, clock.instant());
    }

    private static String agent(Context ctx) {
        return BearerTokens.caller(ctx);
    }

    private static String conversationId(Context ctx) {
        return RequestReader.requireConversationId(ctx.pathParam("id"));
    }
}
