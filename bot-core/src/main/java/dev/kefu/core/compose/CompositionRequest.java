package dev.kefu.core.compose;

import dev.kefu.core.Checks;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.knowledge.Passage;
import java.util.List;

/**
 * Stage ④ input.
 *
 * @param understanding stage ② output for the message
 * @param passages stage ③ output, best first, possibly empty
 * @param conversation the conversation including this message (recent turns for an LLM prompt)
 * @param stream where the answer goes while it is written (drafts for a live channel)
 */
public record CompositionRequest(
        Understanding understanding, List<Passage> passages, Conversation conversation, AnswerStream stream) {
    public CompositionRequest {
        Checks.requireNonNull("understanding", understanding);
        passages = Checks.copyOf("passages", passages);
        Checks.requireNonNull("conversation", conversation);
        Checks.requireNonNull("stream", stream);
    }

    /** A request nobody watches being answered. */
    public CompositionRequest(Understanding understanding, List<Passage> passages, Conversation conversation) {
        this(understanding, passages, conversation, AnswerStream.none());
    }
}
