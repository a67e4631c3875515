package dev.kefu.core.slot;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.sentiment.SentimentLabel;
import java.util.List;
import java.util.Optional;

/**
 * Stage ⑥ guard rails for marketing: marketing never makes service worse. Applied after the
 * hand-off decision, to replies only.
 */
public final class SlotGuard {
    /** At most this many slots go out with one reply. */
    public static final int MAX_SLOTS_PER_REPLY = 1;

    /**
     * Why slots must be dropped for this message, or empty when they may go out.
     *
     * @return a stable reason code: {@code negative_sentiment}, {@code conversation_sentiment},
     *     {@code handoff_pending}
     */
    public Optional<String> suppression(Understanding understanding, Conversation conversation) {
        if (understanding.sentiment().label() == SentimentLabel.NEGATIVE) {
            return Optional.of("negative_sentiment");
        }
        if (understanding.trend().running() < 0) {
            return Optional.of("conversation_sentiment");
        }
        if (conversation.state() != ConversationState.BOT) {
            return Optional.of("handoff_pending");
        }
        return Optional.empty();
    }

    /** The slots that may go out: none when suppressed, otherwise at most {@link #MAX_SLOTS_PER_REPLY}. */
    public List<Slot> apply(List<Slot> proposed, Optional<String> suppression) {
        if (suppression.isPresent()) {
            return List.of();
        }
        return proposed.stream().limit(MAX_SLOTS_PER_REPLY).toList();
    }
}
