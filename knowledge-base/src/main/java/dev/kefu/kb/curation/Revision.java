package dev.kefu.kb.curation;

import dev.kefu.core.Checks;
import dev.kefu.core.Coded;
import dev.kefu.kb.model.KnowledgeEntry;
import java.time.Instant;

/**
 * One change to one entry: who made it, when, and the entry as it stood afterwards.
 *
 * @param number global, gap-free sequence number across all entries, starting at 1
 * @param entryId the entry changed
 * @param action what kind of change it was
 * @param entry the entry after the change, or {@code null} when the change deleted it (a delete,
 *     or a restore or import that removed it)
 * @param author the trainer's name ({@code seed} for the knowledge a new journal starts from)
 * @param at when the change was made
 * @param restoredFrom for {@link Action#RESTORE}, the revision whose content was restored
 */
public record Revision(
        long number,
        String entryId,
        Action action,
        KnowledgeEntry entry,
        String author,
        Instant at,
        Long restoredFrom) {

    /** What kind of change a revision is. */
    public enum Action implements Coded {
        CREATE,
        UPDATE,
        DELETE,
        RESTORE,
        IMPORT;
    }

    public Revision {
        if (number < 1) {
            throw new IllegalArgumentException("revision.number must be >= 1, was " + number);
        }
        Checks.requireText("revision.entryId", entryId);
        Checks.requireNonNull("revision.action", action);
        Checks.requireText("revision.author", author);
        Checks.requireNonNull("revision.at", at);
        if (entry != null && !entry.id().equals(entryId)) {
            throw new IllegalArgumentException(
                    "revision.entry has id " + entry.id() + " but the revision is of " + entryId);
        }
        boolean mustDelete = action == Action.DELETE;
        boolean mustKeep = action == Action.CREATE || action == Action.UPDATE;
        if ((mustDelete && entry != null) || (mustKeep && entry == null)) {
            throw new IllegalArgumentException("revision.entry must be " + (mustDelete ? "null" : "present") + " for a "
                    + action.code() + " of " + entryId);
        }
    }

    /** Whether the entry does not exist after this revision. */
    public boolean deletes() {
        return entry == null;
    }
}
