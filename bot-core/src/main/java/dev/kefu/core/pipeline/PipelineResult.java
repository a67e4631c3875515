package dev.kefu.core.pipeline;

import dev.kefu.core.Checks;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.Understanding;

/** What the pipeline did with one message: the channel renders it (stage ⑦). */
public sealed interface PipelineResult permits PipelineResult.Decided, PipelineResult.Relayed {

    /** The conversation after the message (and any reply) was recorded. */
    Conversation conversation();

    /** The sequence number the shopper's message got. */
    long shopperSeq();

    /**
     * The bot handled the message.
     *
     * @param replySeq the sequence number of the bot's reply or hand-off notice
     */
    record Decided(
            Conversation conversation, long shopperSeq, Understanding understanding, Decision decision, long replySeq)
            implements PipelineResult {
        public Decided {
            Checks.requireNonNull("conversation", conversation);
            Checks.requireNonNull("understanding", understanding);
            Checks.requireNonNull("decision", decision);
        }
    }

    /**
     * A person serves the conversation (queued or owned by an agent): the message was recorded for
     * them and the bot said nothing.
     */
    record Relayed(Conversation conversation, long shopperSeq) implements PipelineResult {
        public Relayed {
            Checks.requireNonNull("conversation", conversation);
        }
    }
}
