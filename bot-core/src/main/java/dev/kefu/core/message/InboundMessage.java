package dev.kefu.core.message;

import dev.kefu.core.Checks;
import java.time.Instant;

/**
 * Stage ① input: one shopper message as a channel received it.
 *
 * @param conversationId the conversation it belongs to (channels create one when the shopper has none)
 * @param text what the shopper wrote, already length-checked by the channel
 * @param shopper who wrote it
 * @param locale the storefront's locale hint ({@code zh-CN}, {@code en}), or {@code null}
 * @param receivedAt when the channel accepted it
 */
public record InboundMessage(
        String conversationId, String text, ShopperContext shopper, String locale, Instant receivedAt) {
    public InboundMessage {
        Checks.requireText("conversationId", conversationId);
        Checks.requireText("text", text);
        Checks.requireNonNull("shopper", shopper);
        Checks.requireNonNull("receivedAt", receivedAt);
    }
}
