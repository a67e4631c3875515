package dev.kefu.core.config;

import java.util.List;

/**
 * {@code privacy.*}: how long personal data is kept.
 *
 * @param retentionDays conversations (transcripts, states, events) idle for longer than this, and
 *     storefront events, experiment exposures and unanswered questions older than this, are
 *     deleted once a day; 0 keeps them for ever (the default: how long is the store's decision)
 */
public record PrivacyConfig(int retentionDays) {
    /** Ten years: longer is "for ever", which is 0. */
    static final int MAX_RETENTION_DAYS = 3660;

    void validate(List<String> errors) {
        if (retentionDays < 0 || retentionDays > MAX_RETENTION_DAYS) {
            errors.add("privacy.retentionDays must be 0.." + MAX_RETENTION_DAYS + " (0 = keep for ever), was "
                    + retentionDays);
        }
    }
}
