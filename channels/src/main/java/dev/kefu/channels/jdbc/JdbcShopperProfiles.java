package dev.kefu.channels.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.message.ShopperProfiles;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The store's shopper profiles in the conversation database (table of migration V4). Read for
 * every message of a known shopper (a primary-key lookup), written by the store's back end.
 */
public final class JdbcShopperProfiles implements ShopperProfiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> TAGS = new TypeReference<>() {};

    private final DataSource database;

    JdbcShopperProfiles(DataSource database) {
        this.database = database;
    }

    /** A shopper's stored tags, who stored them and when. */
    public record Profile(String shopperId, Set<String> tags, String updatedBy, Instant updatedAt) {
        public Profile {
            tags = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tags));
        }
    }

    @Override
    public Set<String> tags(String shopperId) {
        return find(shopperId).map(Profile::tags).orElse(Set.of());
    }

    public Optional<Profile> find(String shopperId) {
        try (Connection c = database.getConnection();
                PreparedStatement query = c.prepareStatement(
                        "SELECT tags, updated_by, updated_at FROM shopper_profiles WHERE shopper_id = ?")) {
            query.setString(1, shopperId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Profile(
                        shopperId,
                        new LinkedHashSet<>(JSON.readValue(row.getString(1), TAGS)),
                        row.getString(2),
                        row.getObject(3, OffsetDateTime.class).toInstant()));
            }
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the profile of shopper " + shopperId, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored tags of shopper " + shopperId + " are not a JSON array", e);
        }
    }

    /** Replaces the shopper's tags (synchronized: one writer per server, so replace never races). */
    public synchronized Profile put(String shopperId, Set<String> tags, String actor, Instant at) {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM shopper_profiles WHERE shopper_id = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO shopper_profiles"
                            + " (shopper_id, tags, updated_by, updated_at) VALUES (?, ?, ?, ?)")) {
                delete.setString(1, shopperId);
                delete.executeUpdate();
                insert.setString(1, shopperId);
                insert.setString(2, JSON.writeValueAsString(List.copyOf(tags)));
                insert.setString(3, actor);
                insert.setObject(4, at.atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
                c.commit();
            } catch (SQLException | JsonProcessingException e) {
                c.rollback();
                throw e;
            }
            return new Profile(shopperId, tags, actor, at);
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot store the profile of shopper " + shopperId, e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write tags as JSON", e);
        }
    }

    /** Forgets the shopper's profile; {@code false} when there was none. */
    public boolean delete(String shopperId) {
        return JdbcConversationStore.deleteRow(
                database,
                "DELETE FROM shopper_profiles WHERE shopper_id = ?",
                shopperId,
                "the profile of shopper " + shopperId);
    }
}
