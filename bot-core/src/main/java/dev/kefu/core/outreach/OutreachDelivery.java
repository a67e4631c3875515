package dev.kefu.core.outreach;

import java.util.List;

/** Where outreach goes: the widgets open now, and the store's webhook. */
public interface OutreachDelivery {
    /** The widgets open now (on this server). */
    List<OpenWidget> openWidgets();

    /**
     * Stores the message in the widget's conversation as the bot's and pushes it to the widget;
     * {@code false} when the widget has gone.
     */
    boolean toWidget(OpenWidget widget, OutreachMessage message);

    /** Whether a webhook is configured. */
    boolean hasWebhook();

    /** Posts the message to the store's webhook (retried in the background). */
    void toWebhook(OutreachMessage message);

    /** No widgets, no webhook. */
    OutreachDelivery NONE = new OutreachDelivery() {
        @Override
        public List<OpenWidget> openWidgets() {
            return List.of();
        }

        @Override
        public boolean toWidget(OpenWidget widget, OutreachMessage message) {
            return false;
        }

        @Override
        public boolean hasWebhook() {
            return false;
        }

        @Override
        public void toWebhook(OutreachMessage message) {}
    };
}
