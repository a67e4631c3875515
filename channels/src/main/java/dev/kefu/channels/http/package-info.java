/**
 * The HTTP edge every audience shares: request reading with stable error codes ({@link
 * dev.kefu.channels.http.RequestReader}, {@link dev.kefu.channels.http.ErrorCodes}), bearer tokens,
 * the DTOs more than one audience shows (messages, citations, errors), and the one mapping of
 * refusals to {@code {"error": {"code", "message"}}} responses. It imports no audience package.
 * Thread-safe: nothing here keeps per-request state.
 */
package dev.kefu.channels.http;
