package dev.kefu.core.config;

import java.util.List;

/** {@code server.*}: the HTTP edge. */
public record ServerConfig(int port, String dataDir, int maxMessageChars) {
    void validate(List<String> errors) {
        Settings.range(errors, "server.port", port, 0, 65535, " (0 = any free port)");
        if (dataDir == null || dataDir.isBlank()) {
            errors.add("server.dataDir must not be blank");
        }
        Settings.range(errors, "server.maxMessageChars", maxMessageChars, 1, 100_000);
    }
}
