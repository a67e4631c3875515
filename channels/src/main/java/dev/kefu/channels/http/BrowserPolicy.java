package dev.kefu.channels.http;

import io.javalin.http.Context;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the server asks of browsers and checks of them: the security headers of the agent desk and
 * the trainer console (a Content-Security-Policy without inline script, no framing, no sniffing, no
 * referrer), the {@code Origin} a page may open a WebSocket from ({@code server.allowedOrigins}; the
 * server's own origin always), and JSON routes that take JSON only (a {@code text/plain} or form
 * body is what a page of another site can send without asking first: 415). Thread-safe.
 */
public final class BrowserPolicy {
    /**
     * The desk's and the console's policy: their scripts are ES modules of this origin (no inline
     * script or handler), they talk to this origin only (the WebSocket included; {@code blob:} is
     * the console's own export, made in the page), and no page may frame them.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self' blob:; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    private static final List<String> STAFF_PAGES = List.of("/agent", "/trainer", "/shared/");

    private final Set<String> allowedOrigins;

    /** @param allowedOrigins origins such as {@code https://shop.example.com}, besides the server's own */
    public BrowserPolicy(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream()
                .map(o -> o.strip().toLowerCase(Locale.ROOT))
                .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Before every response: {@code nosniff} and no referrer everywhere; the staff pages and their
     * assets also get the Content-Security-Policy and may not be framed.
     */
    public void headers(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        String path = ctx.path();
        if (STAFF_PAGES.stream().anyMatch(path::startsWith)) {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("X-Frame-Options", "DENY");
        }
    }

    /**
     * Refuses a body that says it is not JSON on a route that reads JSON; a body without a {@code
     * Content-Type} (a script, curl without {@code -H}) is read as JSON.
     *
     * @throws ApiException 415 {@code UNSUPPORTED_MEDIA_TYPE}
     */
    public static void requireJson(Context ctx) {
        String type = ctx.header("Content-Type");
        boolean body = ctx.contentLength() > 0 || ctx.header("Transfer-Encoding") != null;
        if (body && type != null && !isJson(type)) {
            throw new ApiException(
                    415,
                    ErrorCodes.UNSUPPORTED_MEDIA_TYPE,
                    "This endpoint takes JSON: send the header Content-Type: application/json.");
        }
    }

    static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    /**
     * Before a WebSocket opens: a page may open it only from an allowed origin (a missing {@code
     * Origin} is a client that is not a browser, which is let through: the socket's own checks
     * apply to it as to anyone).
     *
     * @throws ApiException 403 {@code FORBIDDEN_ORIGIN}
     */
    public void requireOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || allowed(origin, ctx.header("Host"))) {
            return;
        }
        throw new ApiException(
                403, ErrorCodes.FORBIDDEN_ORIGIN, "This WebSocket may not be opened from a page of that origin.");
    }

    /**
     * Whether a page of {@code origin} may open a WebSocket on a server reached as {@code host}: a
     * listed origin, or the server's own (its desk and console, its demo storefront).
     */
    boolean allowed(String origin, String host) {
        String normalized = origin.strip().toLowerCase(Locale.ROOT);
        if (allowedOrigins.contains(normalized)) {
            return true;
        }
        if (host == null) {
            return false;
        }
        try {
            URI uri = new URI(normalized);
            if (uri.getHost() == null || (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))) {
                return false; // "null" (a sandboxed frame, a file), or not a web page
            }
            int defaultPort = "https".equals(uri.getScheme()) ? 443 : 80;
            String own = uri.getHost() + ":" + (uri.getPort() == -1 ? defaultPort : uri.getPort());
            URI server = new URI("http://" + host.strip().toLowerCase(Locale.ROOT));
            String reached = server.getHost() + ":" + (server.getPort() == -1 ? defaultPort : server.getPort());
            return own.equals(reached);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }
}
