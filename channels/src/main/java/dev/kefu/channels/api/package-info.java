/**
 * The public REST API (stage ① in and ⑦ out for REST clients): request validation with stable
 * error codes ({@link dev.kefu.channels.api.RequestReader}, {@link
 * dev.kefu.channels.api.ErrorCodes}), wire DTOs kept apart from bot-core records, and the chat use
 * cases shared with the WebSocket ({@link dev.kefu.channels.api.ChatService}). Handlers are
 * stateless and thread-safe; every refusal is an {@link dev.kefu.channels.api.ApiException}
 * rendered as {@code {"error": {"code", "message"}}}, never a stack trace.
 */
package dev.kefu.channels.api;
