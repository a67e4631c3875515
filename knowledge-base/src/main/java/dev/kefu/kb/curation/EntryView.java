package dev.kefu.kb.curation;

import dev.kefu.kb.model.KnowledgeEntry;
import java.util.Locale;

/**
 * An entry as trainers see it: its latest content and how that relates to what shoppers see.
 *
 * @param entryId the entry's id
 * @param entry the latest content; for a deletion not yet published, the published content
 * @param status where the entry stands
 * @param revision the entry's latest revision
 * @param publishedRevision the revision shoppers are answered from, or {@code null} if none
 */
public record EntryView(String entryId, KnowledgeEntry entry, Status status, long revision, Long publishedRevision) {

    /** Where an entry stands between the working copy and the published knowledge. */
    public enum Status {
        /** Shoppers see exactly the latest revision. */
        PUBLISHED,
        /** Changed since the last publish; shoppers still see the published revision. */
        DRAFT,
        /** Created since the last publish; shoppers do not see it yet. */
        NEW,
        /** Deleted since the last publish; shoppers still see it until the next publish. */
        DELETED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
