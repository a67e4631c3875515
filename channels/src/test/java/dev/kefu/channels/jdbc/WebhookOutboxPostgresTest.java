package dev.kefu.channels.jdbc;

import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.StorageConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** On the PostgreSQL of {@code KEFU_TEST_POSTGRES_URL}, in a schema of its own per test. */
@EnabledIfEnvironmentVariable(named = "KEFU_TEST_POSTGRES_URL", matches = ".+")
class WebhookOutboxPostgresTest extends WebhookOutboxContract {
    private static final String URL = System.getenv("KEFU_TEST_POSTGRES_URL");

    private String schema;

    @Override
    protected JdbcConversationStore open() throws SQLException {
        schema = "kefu_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
        String schemaUrl = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return JdbcConversationStore.open(
                new StorageConfig(schemaUrl, null, null, 4), new ConversationConfig(1_000, 60), dataDir.resolve("pg"));
    }

    @AfterEach
    void dropSchema() throws SQLException {
        store.close();
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
