package dev.kefu.channels.http;

import dev.kefu.core.message.ShopperContext;

/**
 * A validated chat request, the same for REST and WebSocket.
 *
 * @param conversationId the conversation to continue, or {@code null} to start one
 * @param text the shopper's message, non-blank and within the configured length
 * @param shopper who is writing
 * @param locale the storefront's locale hint, or {@code null}
 * @param productId the product page the chat was opened on ({@code context.productId}), or {@code
 *     null}; an id that is no product of the store is ignored by the pipeline
 * @param address the client's network address, for the limits per address ({@code null}: none)
 */
public record ChatInput(
        String conversationId, String text, ShopperContext shopper, String locale, String productId, String address) {
    /** A message from no product's page and no known address. */
    public ChatInput(String conversationId, String text, ShopperContext shopper, String locale) {
        this(conversationId, text, shopper, locale, null, null);
    }
}
