/**
 * The shopper's side (stage ① in and ⑦ out for the storefront): the chat REST API ({@code
 * /api/v1/chat...}) and the widget's WebSocket ({@code /ws/chat}), both over {@link
 * dev.kefu.channels.shopper.ChatService}. The widget itself is static HTML, CSS and JavaScript
 * under {@code /public}. One socket serves one conversation; errors are sent as frames and never
 * close the socket. Thread-safe (no state beyond per-session attributes).
 */
package dev.kefu.channels.shopper;
