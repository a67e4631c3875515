package dev.kefu.channels.app;

import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.ErrorMapping;
import dev.kefu.channels.http.RequestReader;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.util.Map;

/**
 * The server's port while the bot assembles (seconds: the models, the index, the store's
 * migrations), so a supervisor sees at once that the process runs: {@code GET /health/live}
 * answers 200, and everything else, {@code /health/ready} and {@code /health} included, 503 {@code
 * STARTING}, so no chat is sent to a server that cannot answer it yet. Stopped just before the
 * assembled server listens on the same port ({@link KefuApplication#launch}); a probe that arrives
 * in that moment finds the port closed and tries again.
 */
final class StartupListener implements AutoCloseable {
    static final String LIVE = "/health/live";

    private final Javalin app;

    private StartupListener(Javalin app) {
        this.app = app;
    }

    /** Listens on {@code port} (0 picks a free one). */
    static StartupListener start(int port) {
        Javalin app = Javalin.create(javalin -> {
            javalin.startup.showJavalinBanner = false;
            javalin.startup.showOldJavalinVersionWarning = false;
            javalin.jsonMapper(new JavalinJackson(RequestReader.jsonMapper(), false));
            javalin.routes.before(ctx -> {
                if (!ctx.path().equals(LIVE)) {
                    throw new ApiException(503, ErrorCodes.STARTING, "Kefu is starting; try again in a few seconds.");
                }
            });
            javalin.routes.get(LIVE, StartupListener::live);
            ErrorMapping.install(javalin.routes);
        });
        return new StartupListener(app.start(port));
    }

    /** {@code GET /health/live}: the process runs (here and on the assembled server alike). */
    static void live(Context ctx) {
        ctx.json(Map.of("status", "live"));
    }

    int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
