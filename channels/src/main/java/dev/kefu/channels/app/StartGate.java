package dev.kefu.channels.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kefu.channels.http.Dtos.ErrorResponse;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RequestReader;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The server's one port while the bot assembles (seconds: the models, the index, the store's
 * migrations): the server listens at once, and until {@link #open()} this handler, in front of
 * every route, answers {@code GET /health/live} 200 and everything else, {@code /health/ready} and
 * {@code /health} included, 503 {@code STARTING} with {@code Retry-After: 1}, so a supervisor sees
 * at once that the process runs and no chat reaches a server that cannot answer it yet. The routes
 * are added behind it while it is closed, and it opens once they are all there: the port is never
 * closed or handed over between the two (a probe never finds it refused or hanging).
 */
final class StartGate extends Handler.Wrapper {
    static final String LIVE = "/health/live";
    private static final String LIVE_BODY = json(Map.of("status", "live"));
    private static final String STARTING_BODY =
            json(ErrorResponse.of(ErrorCodes.STARTING, "Kefu is starting; try again in a few seconds.", List.of()));

    private volatile boolean open;

    /** Lets every request through to the routes, from now on (they must all be added before). */
    void open() {
        open = true;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (open) {
            return super.handle(request, response, callback);
        }
        boolean live = Request.getPathInContext(request).equals(LIVE);
        response.setStatus(live ? 200 : 503);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // as BrowserPolicy sends on every response once the routes serve
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        if (!live) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
        }
        Content.Sink.write(response, true, live ? LIVE_BODY : STARTING_BODY, callback);
        return true;
    }

    /** {@code GET /health/live} once the routes serve: the process runs (as before, behind the gate). */
    static void live(Context ctx) {
        ctx.contentType("application/json").result(LIVE_BODY);
    }

    private static String json(Object value) {
        try {
            return RequestReader.jsonMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
