package dev.kefu.kb.curation;

import java.util.List;
import java.util.Locale;

/**
 * A curation request that cannot be carried out, with a stable code the API maps to a status, and
 * every problem found (an import or a publish lists them all at once).
 */
public final class CurationException extends RuntimeException {
    /** Why; the API shows {@link #code()} as its error code. */
    public enum Reason {
        /** No such entry or revision. */
        NOT_FOUND,
        /** An entry with that id exists already. */
        ENTRY_EXISTS,
        /** The change was based on a revision that is no longer the latest. */
        REVISION_CONFLICT,
        /** The entry (or file) breaks the format; see the problems. */
        INVALID_ENTRY,
        /** A relation points at an entry that does not exist. */
        DANGLING_RELATION,
        /** Other entries point at the one to delete. */
        ENTRY_REFERENCED;

        public String code() {
            return name().toUpperCase(Locale.ROOT);
        }
    }

    private final Reason reason;
    private final List<String> problems;

    CurationException(Reason reason, String message) {
        this(reason, message, List.of());
    }

    CurationException(Reason reason, String message, List<String> problems) {
        super(message);
        this.reason = reason;
        this.problems = List.copyOf(problems);
    }

    public Reason reason() {
        return reason;
    }

    /** Every problem found, each naming what is wrong; may be empty. */
    public List<String> problems() {
        return problems;
    }
}
