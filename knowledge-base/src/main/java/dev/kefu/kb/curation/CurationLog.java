package dev.kefu.kb.curation;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Where every {@link Revision} and {@link Publication} is kept, numbered without gaps: the journal
 * file of a node alone ({@link CurationJournal}), or the database every node of a cluster shares
 * ({@code JdbcCurationLog}). {@link KnowledgeCuration} reads what others appended with {@link
 * #since} before each change, so every node sees every trainer's drafts and publishes.
 */
public interface CurationLog extends Closeable {
    /** Records in number order. */
    record Contents(List<Revision> revisions, List<Publication> publications) {
        public Contents {
            revisions = List.copyOf(revisions);
            publications = List.copyOf(publications);
        }

        public boolean isEmpty() {
            return revisions.isEmpty() && publications.isEmpty();
        }
    }

    /** The revisions numbered above {@code afterRevision} and the publications above {@code afterPublication}. */
    Contents since(long afterRevision, long afterPublication);

    /**
     * Keeps the records, all or none, durably before returning.
     *
     * @throws CurationException {@link CurationException.Reason#REVISION_CONFLICT} when a number is
     *     taken already (another node appended first); nothing was kept
     */
    void append(List<Revision> revisions, List<Publication> publications) throws IOException;

    /** What {@link #append} throws when another node appended a record of the same number first. */
    static CurationException numberTaken() {
        return new CurationException(
                CurationException.Reason.REVISION_CONFLICT,
                "Another trainer changed the knowledge at the same moment; reload and apply your change again.");
    }
}
