package dev.kefu.core.pipeline;

import dev.kefu.core.compose.Answer;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.core.message.InboundMessage;
import dev.kefu.core.slot.Slot;
import dev.kefu.core.slot.SuppressionReason;
import java.time.Duration;
import java.util.List;

/**
 * What the pipeline reports to {@link PipelineListener}s, one event per stage, in flow order.
 * Every event names its conversation.
 */
public sealed interface PipelineEvent {
    String conversationId();

    /** ① A message arrived. */
    record Received(String conversationId, InboundMessage message) implements PipelineEvent {}

    /** ① The message was relayed to the person serving the conversation; the bot stays silent. */
    record Relayed(String conversationId, String state) implements PipelineEvent {}

    /** ② NLU finished. */
    record Understood(String conversationId, Understanding understanding, Duration took) implements PipelineEvent {}

    /** ③ Retrieval finished; an empty list means nothing was above the threshold. */
    record Retrieved(String conversationId, List<Passage> passages, Duration took) implements PipelineEvent {}

    /** ④ The answer body was written. */
    record Composed(String conversationId, Answer answer, Duration took) implements PipelineEvent {}

    /** ⑤ Marketing slots were proposed. */
    record SlotsProposed(String conversationId, List<Slot> slots) implements PipelineEvent {}

    /** ⑥ Proposed slots were dropped by a guard rail, for this reason. */
    record SlotsSuppressed(String conversationId, List<Slot> slots, SuppressionReason reason)
            implements PipelineEvent {}

    /** ⑥ The decision on {@code message}, with what the bot understood of it. */
    record Decided(
            String conversationId,
            InboundMessage message,
            Understanding understanding,
            Decision decision,
            Duration total)
            implements PipelineEvent {}

    /** A stage threw; {@code stage} is its name ({@code nlu}, {@code knowledge}, ...). */
    record StageFailed(String conversationId, String stage, Exception error) implements PipelineEvent {}
}
