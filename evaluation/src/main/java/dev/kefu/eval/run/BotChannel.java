package dev.kefu.eval.run;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.pipeline.PipelineResult;
import java.util.List;

/**
 * The server's bot in process ({@link ReplayBot}) as a {@link ShopperChannel}: what the shopper sees
 * is read from the pipeline's result as the chat API renders it (the reply or notice recorded in
 * the conversation, its citations, the hand-off's reason). Each conversation gets an id of its own.
 */
final class BotChannel implements ShopperChannel {
    private final ReplayBot bot;
    private final String prefix;
    private int conversations;

    /** @param prefix the conversations' ids are this and a number */
    BotChannel(ReplayBot bot, String prefix) {
        this.bot = bot;
        this.prefix = prefix;
    }

    @Override
    public ShopperChannel.Session start(ShopperContext shopper, String productId) {
        String id = prefix + ++conversations;
        return text -> view(bot.send(id, shopper, productId, text));
    }

    @Override
    public String describe() {
        return "in process";
    }

    /** What the shopper saw of this outcome. */
    static ShopperView view(ReplayBot.Outcome outcome) {
        PipelineResult result = outcome.result();
        Conversation conversation = result.conversation();
        if (!(result instanceof PipelineResult.Decided decided)) {
            String reason = conversation.ticket() == null
                    ? null
                    : conversation.ticket().trigger().reason().code();
            return new ShopperView(After.WITH_PERSON, reason, "", List.of(), null, null, outcome.nanos());
        }
        ConversationMessage said = conversation.messages().get((int) decided.replySeq() - 1);
        Understanding nlu = decided.understanding();
        After after = decided.decision().fold(reply -> After.REPLY, handoff -> After.HANDOFF);
        String reason = decided.decision()
                .fold(reply -> null, handoff -> handoff.trigger().reason().code());
        return new ShopperView(
                after,
                reason,
                said.text(),
                said.citations(),
                nlu.intent().name(),
                nlu.sentiment().score(),
                outcome.nanos());
    }

    /** Closing the channel leaves the bot open: it is its opener's. */
    @Override
    public void close() {}
}
