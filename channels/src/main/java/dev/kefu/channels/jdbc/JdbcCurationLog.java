package dev.kefu.channels.jdbc;

import dev.kefu.kb.curation.CurationException;
import dev.kefu.kb.curation.CurationLog;
import dev.kefu.kb.curation.CurationRecords;
import dev.kefu.kb.curation.Publication;
import dev.kefu.kb.curation.Revision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The trainers' revisions and publications in the conversation database (tables of migration
 * V12), shared by every node on it. The primary keys hand out each number once: of two nodes
 * appending the same number, the second insert fails, its transaction rolls back whole, and its
 * trainer hears {@link CurationException.Reason#REVISION_CONFLICT}.
 */
public final class JdbcCurationLog implements CurationLog {
    private final DataSource database;

    JdbcCurationLog(DataSource database) {
        this.database = database;
    }

    @Override
    public Contents since(long afterRevision, long afterPublication) {
        try (Connection c = database.getConnection()) {
            List<Revision> revisions = new ArrayList<>();
            for (String json : records(
                    c, "SELECT record FROM knowledge_revisions WHERE number > ? ORDER BY number", afterRevision)) {
                revisions.add((Revision) CurationRecords.parse(json));
            }
            List<Publication> publications = new ArrayList<>();
            for (String json : records(
                    c,
                    "SELECT record FROM knowledge_publications WHERE number > ? ORDER BY number",
                    afterPublication)) {
                publications.add((Publication) CurationRecords.parse(json));
            }
            return new Contents(revisions, publications);
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot read the knowledge revisions", e);
        }
    }

    @Override
    public void append(List<Revision> revisions, List<Publication> publications) {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement revision = c.prepareStatement(
                            "INSERT INTO knowledge_revisions (number, entry_id, at, record) VALUES (?, ?, ?, ?)");
                    PreparedStatement publication = c.prepareStatement("INSERT INTO knowledge_publications"
                            + " (number, up_to_revision, at, record) VALUES (?, ?, ?, ?)")) {
                for (Revision r : revisions) {
                    add(revision, r.number(), r.entryId(), r.at(), r);
                }
                for (Publication p : publications) {
                    add(publication, p.number(), p.upToRevision(), p.at(), p);
                }
                if (!revisions.isEmpty()) {
                    revision.executeBatch();
                }
                if (!publications.isEmpty()) {
                    publication.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                if (isUniqueViolation(e)) {
                    throw CurationLog.numberTaken();
                }
                throw e;
            }
        } catch (SQLException e) {
            throw JdbcConversationStore.StorageException.of("cannot store the knowledge revisions", e);
        }
    }

    /** Nothing to close: the conversation store owns the pool. */
    @Override
    public void close() {}

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (JdbcConversationStore.UNIQUE_VIOLATION.equals(next.getSQLState())) {
                return true;
            }
        }
        return e.getCause() instanceof SQLException cause
                && JdbcConversationStore.UNIQUE_VIOLATION.equals(cause.getSQLState());
    }

    /** Adds one row (number, its key column, time, the record's JSON) to the batch. */
    private static void add(PreparedStatement insert, long number, Object key, Instant at, Object record)
            throws SQLException {
        insert.setLong(1, number);
        insert.setObject(2, key);
        insert.setObject(3, at.atOffset(ZoneOffset.UTC));
        insert.setString(4, CurationRecords.json(record));
        insert.addBatch();
    }

    private static List<String> records(Connection c, String sql, long after) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql)) {
            query.setLong(1, after);
            List<String> found = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    found.add(row.getString(1));
                }
            }
            return found;
        }
    }
}
