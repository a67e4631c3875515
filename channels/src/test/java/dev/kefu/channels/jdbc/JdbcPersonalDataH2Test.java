package dev.kefu.channels.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

class JdbcPersonalDataH2Test extends JdbcPersonalDataContract {
    @TempDir
    Path dataDir;

    @Override
    protected JdbcConversationStore open() {
        return JdbcConversationStoreH2Test.open(dataDir);
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(JdbcConversationStore.embeddedUrl(dataDir), "sa", "");
    }
}
