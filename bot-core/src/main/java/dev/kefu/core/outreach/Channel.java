package dev.kefu.core.outreach;

import dev.kefu.core.Coded;

/** How an outreach message reaches the shopper. */
public enum Channel implements Coded {
    /** The shopper's open chat widget, as a message from the bot. */
    WIDGET,
    /** The store's webhook, for channels Kefu does not own (app push, SMS). */
    WEBHOOK
}
