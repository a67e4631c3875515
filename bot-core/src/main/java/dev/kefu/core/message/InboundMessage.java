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
 * @param productId the product whose page the chat was opened on (the widget's and the chat API's
 *     {@code context.productId}), or {@code null}; the pipeline takes it as the conversation's
 *     subject when it is a product of the store, and ignores it otherwise
 */
public record InboundMessage(
        String conversationId,
        String text,
        ShopperContext shopper,
        String locale,
        Instant receivedAt,
        String productId) {
    public InboundMessage {
        Checks.requireAllText("message", "conversationId text", conversationId, text);
        Checks.requireAllNonNull("message", "shopper receivedAt", shopper, receivedAt);
        if (productId != null) {
            Checks.requireText("productId", productId);
        }
    }

    /** A message written on no product's page. */
    public InboundMessage(
            String conversationId, String text, ShopperContext shopper, String locale, Instant receivedAt) {
        this(conversationId, text, shopper, locale, receivedAt, null);
    }
}
