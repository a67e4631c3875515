package dev.kefu.core.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * {@code server.*}: the HTTP edge.
 *
 * @param allowedOrigins the origins ({@code https://shop.example.com}) whose pages may open the
 *     widget's and the desk's WebSockets besides the server's own (the host and port a request
 *     reached it by), which always may. A client that sends no {@code Origin} (not a browser) is
 *     let through.
 * @param websocketIdleTimeoutMs how long a WebSocket may stay silent both ways before the server
 *     closes it
 * @param websocketPingMs how often the server pings the sockets it has not heard from for that
 *     long (a browser never pings, so an idle widget would otherwise be closed and reconnect); 0
 *     never pings. At most half the idle timeout, so a quiet socket is pinged before it times out.
 */
public record ServerConfig(
        int port,
        String dataDir,
        int maxMessageChars,
        List<String> allowedOrigins,
        long websocketIdleTimeoutMs,
        long websocketPingMs) {
    public ServerConfig {
        allowedOrigins = Settings.list(allowedOrigins);
    }

    void validate(List<String> errors) {
        Settings.range(errors, "server.port", port, 0, 65535, " (0 = any free port)");
        if (dataDir == null || dataDir.isBlank()) {
            errors.add("server.dataDir must not be blank");
        }
        Settings.range(errors, "server.maxMessageChars", maxMessageChars, 1, 100_000);
        Settings.range(errors, "server.websocketIdleTimeoutMs", websocketIdleTimeoutMs, 100, 86_400_000);
        Settings.range(
                errors, "server.websocketPingMs", websocketPingMs, 0, websocketIdleTimeoutMs / 2, " (0 = never)");
        for (String origin : allowedOrigins) {
            if (!isOrigin(origin)) {
                errors.add("server.allowedOrigins entries must be origins such as https://shop.example.com"
                        + " (scheme, host and port only), was " + origin);
            }
        }
    }

    private static boolean isOrigin(String origin) {
        try {
            URI uri = new URI(origin);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && (uri.getRawPath() == null
                            || uri.getRawPath().isEmpty()
                            || uri.getRawPath().equals("/"))
                    && uri.getRawQuery() == null
                    && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
