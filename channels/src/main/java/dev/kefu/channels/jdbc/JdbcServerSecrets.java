package dev.kefu.channels.jdbc;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Secrets the server makes for itself, kept in the conversation database (table of migration V7)
 * so that every node on the same database uses the same ones: made at first use, never changed.
 * Two nodes starting at once agree: the first insert wins, the other reads it.
 */
public final class JdbcServerSecrets {
    private final DataSource database;

    JdbcServerSecrets(DataSource database) {
        this.database = database;
    }

    /**
     * The secret named {@code name}, made of {@code bytes} random bytes from {@code random} when
     * there is none yet.
     */
    public byte[] getOrCreate(String name, int bytes, SecureRandom random, Instant now) {
        Optional<byte[]> stored = find(name);
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        try (Connection c = database.getConnection();
                PreparedStatement insert =
                        c.prepareStatement("INSERT INTO server_secrets (name, secret, created_at) VALUES (?, ?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, Base64.getEncoder().encodeToString(secret));
            insert.setObject(3, now.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            return secret;
        } catch (SQLException e) {
            // another node made it first: use that one
            return find(name)
                    .orElseThrow(
                            () -> new JdbcConversationStore.StorageException("cannot store the secret " + name, e));
        }
    }

    private Optional<byte[]> find(String name) {
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement("SELECT secret FROM server_secrets WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(Base64.getDecoder().decode(row.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new JdbcConversationStore.StorageException("cannot read the secret " + name, e);
        }
    }
}
