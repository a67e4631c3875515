package dev.kefu.kb.curation;

import dev.kefu.core.Checks;
import java.time.Instant;

/**
 * A publish: from then on shoppers are answered from every entry's latest revision up to {@code
 * upToRevision}.
 *
 * @param number sequence number of publishes, starting at 1
 * @param upToRevision the last revision included
 * @param author the trainer who published
 * @param at when
 * @param entries how many entries the published knowledge holds
 */
public record Publication(long number, long upToRevision, String author, Instant at, int entries) {
    public Publication {
        if (number < 1 || upToRevision < 0 || entries < 0) {
            throw new IllegalArgumentException("publication numbers must be positive: number " + number
                    + ", upToRevision " + upToRevision + ", entries " + entries);
        }
        Checks.requireText("publication.author", author);
        Checks.requireNonNull("publication.at", at);
    }
}
