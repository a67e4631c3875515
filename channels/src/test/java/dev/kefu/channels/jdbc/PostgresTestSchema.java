package dev.kefu.channels.jdbc;

import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.StorageConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A schema of its own on the PostgreSQL of {@code KEFU_TEST_POSTGRES_URL} for each test: made
 * before it, dropped after its {@code @AfterEach} methods (which close the store).
 */
final class PostgresTestSchema implements BeforeEachCallback, AfterEachCallback {
    private static final String URL = System.getenv("KEFU_TEST_POSTGRES_URL");

    private String name;

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        name = "kefu_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + name);
    }

    /** A store over this schema (migrated). */
    JdbcConversationStore open(Path dataDir) {
        String schemaUrl = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + name;
        return JdbcConversationStore.open(
                new StorageConfig(schemaUrl, null, null, 4), new ConversationConfig(1_000, 60), dataDir);
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        execute("DROP SCHEMA " + name + " CASCADE");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
