package dev.kefu.eval.run;

import dev.kefu.core.Checks;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.message.ShopperContext;
import java.io.IOException;
import java.util.List;

/**
 * Where the {@code dialogues} command sends a shopper's messages: the server's bot in process
 * ({@link BotChannel}) or a running server over its public chat API ({@link HttpChannel}). Both
 * show each turn as the shopper sees it ({@link ShopperView}), so one scorer judges both alike.
 */
interface ShopperChannel extends AutoCloseable {
    /**
     * A new conversation.
     *
     * @param shopper who writes
     * @param productId the product whose page the chat was opened on ({@code context.productId}),
     *     or null
     */
    Session start(ShopperContext shopper, String productId);

    /** Where the messages go, for the report: {@code in process} or the server's address. */
    String describe();

    @Override
    void close() throws IOException;

    /** One conversation; its messages are sent one at a time, in order. */
    @FunctionalInterface
    interface Session {
        ShopperView send(String text) throws IOException, InterruptedException;
    }

    /** Who has the conversation after a message. */
    enum After {
        /** The bot answered. */
        REPLY,
        /** The bot handed the conversation to a person at this message (the shopper is told so). */
        HANDOFF,
        /** A person already had the conversation: the message went to them and the bot said nothing. */
        WITH_PERSON
    }

    /**
     * What the shopper saw after one message.
     *
     * @param after who has the conversation now
     * @param reason why it went to a person ({@code explicit_request}, ...), or null
     * @param text the bot's reply or hand-off notice; empty when the bot said nothing
     * @param citations the sources the reply cited
     * @param intent the intent the bot routed the message to, or null when it did not analyse it
     * @param sentiment the message's sentiment score, or null when it did not analyse it
     * @param nanos how long the message took, from sending to the whole answer
     */
    record ShopperView(
            After after,
            String reason,
            String text,
            List<Citation> citations,
            String intent,
            Double sentiment,
            long nanos) {
        public ShopperView {
            Checks.requireNonNull("after", after);
            Checks.requireNonNull("text", text);
            citations = Checks.copyOf("citations", citations);
            if (nanos < 0) {
                throw new IllegalArgumentException("nanos must be >= 0, was " + nanos);
            }
        }

        /** The conversation is with a person after this message (handed off now or before). */
        boolean withPerson() {
            return after != After.REPLY;
        }
    }
}
