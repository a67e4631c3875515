package dev.kefu.core.config;

import java.util.List;

/**
 * {@code storage.*}: the database that keeps conversations.
 *
 * @param url a JDBC URL ({@code jdbc:postgresql://host:5432/kefu}), or {@code null} for the
 *     embedded database in the data directory (H2, file mode: the demo needs no server)
 * @param user database user, or {@code null}
 * @param password database password, or {@code null} (set it with {@code KEFU_STORAGE_PASSWORD})
 * @param maxPoolSize most open connections
 */
public record StorageConfig(String url, String user, String password, int maxPoolSize) {
    void validate(List<String> errors) {
        if (url != null && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            errors.add("storage.url must be a jdbc:postgresql: or jdbc:h2: URL, was " + url);
        }
        Settings.range(errors, "storage.maxPoolSize", maxPoolSize, 1, 200);
    }

    @Override
    public String toString() {
        return "StorageConfig[url=" + url + ", user=" + user + ", password=" + (password == null ? null : "***")
                + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
