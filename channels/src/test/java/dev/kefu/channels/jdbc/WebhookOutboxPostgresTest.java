package dev.kefu.channels.jdbc;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/** On the PostgreSQL of {@code KEFU_TEST_POSTGRES_URL}, in a schema of its own per test. */
@EnabledIfEnvironmentVariable(named = "KEFU_TEST_POSTGRES_URL", matches = ".+")
class WebhookOutboxPostgresTest extends WebhookOutboxContract {
    @RegisterExtension
    final PostgresTestSchema schema = new PostgresTestSchema();

    @Override
    protected JdbcConversationStore open() {
        return schema.open(dataDir.resolve("pg"));
    }
}
