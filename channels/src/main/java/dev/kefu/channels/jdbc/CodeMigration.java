package dev.kefu.channels.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration written in Java, for a change SQL cannot make portably between H2 and
 * PostgreSQL; a subclass gives its version and description and says what it does.
 */
abstract class CodeMigration implements JavaMigration {
    /** Rows read or written per batch. */
    static final int BATCH = 500;

    private final MigrationVersion version;
    private final String description;

    CodeMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    /** Runs the statements, in order, on the migration's connection. */
    static void execute(Connection connection, List<String> statements) throws SQLException {
        try (Statement ddl = connection.createStatement()) {
            for (String statement : statements) {
                ddl.execute(statement);
            }
        }
    }

    @Override
    public final MigrationVersion getVersion() {
        return version;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    /**
     * None: the migration's code is the code of the release that runs it, and changes with it, which
     * a checksum would report as a tampered migration.
     */
    @Override
    public final Integer getChecksum() {
        return null;
    }

    /** Yes: a migration that fails part way leaves the schema as it was. */
    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }
}
