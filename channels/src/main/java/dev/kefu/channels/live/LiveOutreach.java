package dev.kefu.channels.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.channels.http.WebhookOutbox;
import dev.kefu.channels.http.WebhookPoster;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationLocks;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.outreach.OpenWidget;
import dev.kefu.core.outreach.OutreachDelivery;
import dev.kefu.core.outreach.OutreachMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where outreach goes: a widget open on this server (the message is stored in its conversation as
 * the bot's, under the conversation's lock, then pushed over its socket), or the store's webhook
 * ({@code proactive.webhookUrl}, event {@code outreach}) for channels Kefu does not own.
 */
public final class LiveOutreach implements OutreachDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(LiveOutreach.class);

    private final LiveHub hub;
    private final ConversationStore store;
    private final ConversationLocks locks;
    private final Optional<WebhookPoster> webhook;
    private final ObjectMapper json;

    /** @param webhook the store's outreach webhook, if configured */
    public LiveOutreach(
            LiveHub hub,
            ConversationStore store,
            ConversationLocks locks,
            Optional<WebhookPoster> webhook,
            ObjectMapper json) {
        this.hub = hub;
        this.store = store;
        this.locks = locks;
        this.webhook = webhook;
        this.json = json;
    }

    @Override
    public List<OpenWidget> openWidgets() {
        return hub.openWidgets();
    }

    @Override
    public boolean toWidget(OpenWidget widget, OutreachMessage message) {
        ConversationMessage stored = locks.withLock(widget.conversationId(), () -> {
            Conversation conversation = store.find(widget.conversationId())
                    .orElseGet(() -> Conversation.start(widget.conversationId(), widget.shopper(), message.at()));
            Conversation after = conversation.append(Speaker.BOT, message.text(), List.of(), message.at());
            store.save(after);
            return after.messages().get(after.messages().size() - 1);
        });
        return hub.pushOutreach(widget.conversationId(), stored, message.ruleId());
    }

    @Override
    public boolean hasWebhook() {
        return webhook.isPresent();
    }

    /**
     * {@code {"type": "outreach", "ruleId", "trigger", "shopperId", "productId", "language", "text",
     * "at", "optOut": {"method", "path"}}}: the store delivers it and offers the stop (its back end
     * calls the opt-out route with its store token).
     */
    @Override
    public void toWebhook(OutreachMessage message) {
        webhook.ifPresent(poster -> poster.post(
                "outreach",
                message.key(),
                new WebhookOutbox.About(message.conversationId(), message.shopperKey()),
                () -> {
                    try {
                        return json.writeValueAsString(new WebhookBody(
                                "outreach",
                                message.ruleId(),
                                message.trigger().code(),
                                message.shopperKey(),
                                message.productId(),
                                message.language(),
                                message.text(),
                                message.at().toString(),
                                Map.of(
                                        "method",
                                        "POST",
                                        "path",
                                        "/api/v1/shoppers/" + message.shopperKey() + "/opt-out")));
                    } catch (JsonProcessingException e) {
                        LOG.error("outreach webhook: cannot write the message of rule {}", message.ruleId(), e);
                        return null;
                    }
                }));
    }

    record WebhookBody(
            String type,
            String ruleId,
            String trigger,
            String shopperId,
            String productId,
            String language,
            String text,
            String at,
            Map<String, String> optOut) {}
}
