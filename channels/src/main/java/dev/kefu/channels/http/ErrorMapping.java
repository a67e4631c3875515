package dev.kefu.channels.http;

import dev.kefu.channels.http.Dtos.ErrorResponse;
import dev.kefu.core.conversation.ConversationBusyException;
import dev.kefu.core.handoff.DeskException;
import dev.kefu.kb.curation.CurationException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every refusal and failure of an HTTP request as the API's error shape, {@code {"error":
 * {"code", "message", "problems"?}}}, with its status: the edge's own refusals ({@link
 * ApiException}), the desk's (404 or 409) and curation's (404, 409 or 422), Javalin's, and
 * anything unexpected as a logged 500 that shows no internals. An unknown {@code /api/} path is a
 * JSON 404 too. Installed once, by the server's route table.
 */
public final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    /** What a client is told of a {@link ConversationBusyException}. */
    public static final String BUSY = "This conversation is busy with another change; please send again.";

    private ErrorMapping() {}

    /** Registers the exception and 404 handlers. */
    public static void install(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> {
            if (e.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            }
            error(ctx, e.status(), e.code(), e.getMessage(), e.problems());
        });
        routes.exception(
                DeskException.class,
                (e, ctx) -> error(ctx, status(e), e.reason().code(), e.getMessage(), List.of()));
        routes.exception(
                CurationException.class,
                (e, ctx) -> error(ctx, status(e), e.reason().code(), e.getMessage(), e.problems()));
        routes.exception(
                HttpResponseException.class,
                (e, ctx) -> error(ctx, e.getStatus(), codeFor(e.getStatus()), messageFor(e.getStatus()), List.of()));
        routes.exception(ConversationBusyException.class, (e, ctx) -> {
            LOG.warn("request {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", "1");
            error(ctx, 503, ErrorCodes.CONVERSATION_BUSY, BUSY, List.of());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("request {} {} failed", ctx.method(), ctx.path(), e);
            error(
                    ctx,
                    500,
                    ErrorCodes.INTERNAL_ERROR,
                    "Something went wrong on our side; please try again.",
                    List.of());
        });
        routes.error(404, ctx -> {
            // Only where nothing answered yet: a handler's own 404 (no such conversation) stands.
            if (ctx.path().startsWith("/api/") && ctx.resultInputStream() == null) {
                error(
                        ctx,
                        404,
                        ErrorCodes.NOT_FOUND,
                        "No such endpoint: " + ctx.method() + " " + ctx.path(),
                        List.of());
            }
        });
    }

    /**
     * Refuses a WebSocket upgrade in the API's error shape. Javalin maps what an upgrade handler
     * throws but writes no body for it, so the refusal is written here, and the upgrade skipped.
     */
    public static void refuseUpgrade(Context ctx, ApiException e) throws IOException {
        ctx.skipRemainingHandlers();
        byte[] body = ctx.jsonMapper()
                .toJsonString(ErrorResponse.of(e.code(), e.getMessage(), e.problems()), ErrorResponse.class)
                .getBytes(StandardCharsets.UTF_8);
        HttpServletResponse res = ctx.res();
        res.setStatus(e.status());
        res.setContentType("application/json");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
        res.flushBuffer();
    }

    /** The HTTP status of a desk refusal. */
    static int status(DeskException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> 404;
            case ALREADY_CLAIMED, NOT_QUEUED, NOT_OWNER, ALREADY_RATED -> 409;
        };
    }

    /** The HTTP status of a curation refusal. */
    static int status(CurationException e) {
        return switch (e.reason()) {
            case NOT_FOUND -> 404;
            case ENTRY_EXISTS, REVISION_CONFLICT, ENTRY_REFERENCED -> 409;
            case INVALID_ENTRY, DANGLING_RELATION -> 422;
        };
    }

    /** Javalin's own refusals, in words of the API: its texts may name classes. */
    private static String messageFor(int status) {
        return switch (status) {
            case 404 -> "Not found.";
            case 405 -> "That method is not allowed here.";
            case 413 -> "The request body is larger than this endpoint accepts.";
            case 400 -> "The request is not valid.";
            default -> status >= 500
                    ? "Something went wrong on our side; please try again."
                    : "The request was refused.";
        };
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 404 -> ErrorCodes.NOT_FOUND;
            case 413 -> ErrorCodes.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCodes.UNSUPPORTED_MEDIA_TYPE;
            case 400 -> ErrorCodes.INVALID_FIELD;
            default -> status >= 500 ? ErrorCodes.INTERNAL_ERROR : "HTTP_" + status;
        };
    }

    private static void error(Context ctx, int status, String code, String message, List<String> problems) {
        if (status == 413) {
            drain(ctx);
        }
        ctx.status(status).json(ErrorResponse.of(code, message, problems));
    }

    /** How much of a refused body is read and thrown away so that its client reads the refusal. */
    static final long MAX_DRAINED_BYTES = 1024 * 1024;

    /**
     * Reads what is left of a refused body, up to {@value #MAX_DRAINED_BYTES} bytes, into nothing:
     * a server that answers while the client is still sending and then closes the connection makes
     * the client's TCP stack drop the answer with the unread bytes. Past that much the connection
     * closes anyway; the refusal was never a reason to read a large body.
     */
    private static void drain(Context ctx) {
        ctx.header("Connection", "close");
        byte[] buffer = new byte[8192];
        long drained = 0;
        try {
            InputStream in = ctx.req().getInputStream();
            for (int read = in.read(buffer); read != -1 && drained < MAX_DRAINED_BYTES; read = in.read(buffer)) {
                drained += read;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not drain a refused body", e);
        }
    }
}
