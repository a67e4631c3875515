package dev.kefu.core.config;

import java.util.List;

/** {@code server.*}: the HTTP edge. */
public record ServerConfig(int port, String dataDir, int maxMessageChars) {
    void validate(List<String> errors) {
        if (port < 0 || port > 65535) {
            errors.add("server.port must be 0..65535 (0 = any free port), was " + port);
        }
        if (dataDir == null || dataDir.isBlank()) {
            errors.add("server.dataDir must not be blank");
        }
        if (maxMessageChars < 1 || maxMessageChars > 100_000) {
            errors.add("server.maxMessageChars must be 1..100000, was " + maxMessageChars);
        }
    }
}
