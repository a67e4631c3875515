package dev.kefu.core.conversation;

import java.util.Locale;

/** Who wrote a conversation message. */
public enum Speaker {
    SHOPPER,
    BOT,
    AGENT,
    SYSTEM;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
