package dev.kefu.core.slot;

import dev.kefu.core.Checks;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.knowledge.Passage;
import java.util.List;

/**
 * Stage ⑤ input.
 *
 * @param understanding the message's NLU result (intent, sentiment, the product it is about)
 * @param passages the knowledge the answer is based on (the subject product, its relations)
 * @param conversation the conversation including this message (shopper tags, earlier slots)
 */
public record SlotRequest(Understanding understanding, List<Passage> passages, Conversation conversation) {
    public SlotRequest {
        Checks.requireNonNull("understanding", understanding);
        passages = Checks.copyOf("passages", passages);
        Checks.requireNonNull("conversation", conversation);
    }

    /**
     * The id of the product the message is about (named, or referred back to), or {@code null}, as
     * stage ② resolved it.
     */
    public String subject() {
        return understanding.subject();
    }
}
