package dev.kefu.core.handoff;

import dev.kefu.core.Checks;
import dev.kefu.core.compose.Answer;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.Understanding;

/**
 * Stage ⑥ input to the hand-off policy.
 *
 * @param understanding the message's NLU result
 * @param answer the answer the bot would give
 * @param conversation the conversation including this message, before the answer
 */
public record HandoffInput(Understanding understanding, Answer answer, Conversation conversation) {
    public HandoffInput {
        Checks.requireNonNull("understanding", understanding);
        Checks.requireNonNull("answer", answer);
        Checks.requireNonNull("conversation", conversation);
    }
}
