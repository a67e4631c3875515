package dev.kefu.core.conversation;

import java.util.Locale;

/** Who is serving a conversation. */
public enum ConversationState {
    /** The bot answers. */
    BOT,
    /** Handed off and waiting for an agent; the bot only tells the shopper they are queued. */
    QUEUED,
    /** An agent owns it; the bot says nothing to the shopper. */
    AGENT,
    /** Ended by an agent; a new message reopens it with the bot. */
    CLOSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
