package dev.kefu.channels.http;

import dev.kefu.core.message.ShopperContext;

/**
 * A validated chat request, the same for REST and WebSocket.
 *
 * @param conversationId the conversation to continue, or {@code null} to start one
 * @param text the shopper's message, non-blank and within the configured length
 * @param shopper who is writing
 * @param locale the storefront's locale hint, or {@code null}
 * @param address the client's network address, for the limits per address ({@code null}: none)
 */
public record ChatInput(String conversationId, String text, ShopperContext shopper, String locale, String address) {}
