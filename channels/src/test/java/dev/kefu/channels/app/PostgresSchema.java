package dev.kefu.channels.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of its own on the test PostgreSQL ({@code KEFU_TEST_POSTGRES_URL}) for one test class:
 * made when first asked for, dropped after the class. Register it before the servers that use it
 * ({@code @Order}), so it is dropped after they have closed, not under them.
 */
public final class PostgresSchema implements AfterAllCallback {
    public static final String URL = System.getenv("KEFU_TEST_POSTGRES_URL");
    private final String name =
            "kefu_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    private boolean made;

    /** The JDBC URL of the schema, made on first use. */
    public synchronized String url() {
        if (!made) {
            execute("CREATE SCHEMA " + name);
            made = true;
        }
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** The server settings that keep conversations in this schema, none without a test database. */
    Map<String, String> storage() {
        return URL == null ? Map.of() : Map.of("storage.url", url());
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (made) {
            execute("DROP SCHEMA " + name + " CASCADE");
            made = false;
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(URL);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
