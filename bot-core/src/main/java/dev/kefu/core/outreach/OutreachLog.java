package dev.kefu.core.outreach;

import java.time.Instant;
import java.util.List;

/**
 * Every outreach decision and every shopper's opt-out, durable and thread-safe. The guard rails
 * read it (what was sent to whom, who opted out), the trainer console shows it.
 */
public interface OutreachLog {
    /** Keeps a decision; {@code false} (nothing kept) when its key was decided before. */
    boolean record(OutreachRecord record);

    /** Whether the candidate with this key was decided. */
    boolean decided(String key);

    /** The messages sent to the shopper at or after {@code since}, newest first. */
    List<OutreachRecord> sentTo(String shopperKey, Instant since);

    /** The latest decisions at or after {@code since}, newest first, at most {@code limit}. */
    List<OutreachRecord> recent(Instant since, int limit);

    /** The decisions of one rule, for its results. */
    List<OutreachRecord> ofRule(String ruleId, Instant since);

    /** The shopper wants no outreach from now on (kept until they opt in again). */
    void optOut(String shopperKey, String via, Instant at);

    boolean optedOut(String shopperKey);
}
