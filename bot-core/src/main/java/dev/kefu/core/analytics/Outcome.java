package dev.kefu.core.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** How a conversation ended, exactly one per conversation (docs/ANALYTICS.md, "Outcome"). */
public enum Outcome {
    /** It went to the queue at least once. */
    HANDED_OFF,
    /** The bot resolved it and the shopper said so ("helped", or a rating of 4-5). */
    CONFIRMED,
    /** The bot's last reply found nothing. */
    UNANSWERED,
    /** The bot did not help and no person took over (or the shopper returned on the same question). */
    ABANDONED,
    /** The bot resolved it by the stated rule: nothing went wrong and 24 h passed without a return. */
    ASSUMED,
    /** Would be {@link #ASSUMED}, but its 24 h have not passed yet. */
    PENDING;

    /** How long a shopper may come back on the same question before a quiet conversation counts as resolved. */
    public static final Duration RETURN_WINDOW = Duration.ofHours(24);

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /**
     * The outcome at {@code now} of a conversation stored with this outcome: a {@link #PENDING} one
     * whose shopper returned on the same question is {@link #ABANDONED}, one quiet for {@link
     * #RETURN_WINDOW} since {@code lastAt} is {@link #ASSUMED}; the others do not change with time.
     */
    public Outcome at(boolean returned, Instant lastAt, Instant now) {
        if (this != PENDING) {
            return this;
        }
        if (returned) {
            return ABANDONED;
        }
        return lastAt.plus(RETURN_WINDOW).isAfter(now) ? PENDING : ASSUMED;
    }
}
