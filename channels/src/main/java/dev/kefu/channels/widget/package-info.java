/**
 * The storefront widget's server side: the {@code /ws/chat} WebSocket. The widget itself is static
 * HTML, CSS and JavaScript under {@code /public}. One socket serves one conversation; errors are
 * sent as frames and never close the socket. Thread-safe (no state beyond per-session attributes).
 */
package dev.kefu.channels.widget;
