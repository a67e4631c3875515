package dev.kefu.core.compose;

import dev.kefu.core.Checks;

/** A knowledge entry an answer is based on, shown to the shopper as a source. */
public record Citation(String entryId, String title) {
    public Citation {
        Checks.requireText("citation.entryId", entryId);
        Checks.requireText("citation.title", title);
    }
}
