package dev.kefu.core.slot;

import dev.kefu.core.intent.Language;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * When a promotion runs, from its knowledge entry's attributes {@code starts} and {@code ends}
 * (ISO-8601 date-times with an offset, e.g. {@code 2026-12-31T23:59:59+08:00}; either may be
 * missing). A marketing line never names a promotion that has not started or has ended: a stale
 * offer in a service answer is worse than none.
 */
final class Promotions {
    static final String STARTS = "starts";
    static final String ENDS = "ends";

    private Promotions() {}

    /** Whether the promotion runs at {@code now}; an unreadable date counts as not running. */
    static boolean runs(Map<String, String> attributes, Instant now) {
        Optional<Instant> starts = instant(attributes, STARTS);
        Optional<Instant> ends = instant(attributes, ENDS);
        if ((attributes.containsKey(STARTS) && starts.isEmpty()) || (attributes.containsKey(ENDS) && ends.isEmpty())) {
            return false;
        }
        return starts.map(s -> !now.isBefore(s)).orElse(true)
                && ends.map(e -> now.isBefore(e)).orElse(true);
    }

    /** The promotion's end, when it has one. */
    static Optional<Instant> end(Map<String, String> attributes) {
        return instant(attributes, ENDS);
    }

    /**
     * How long until {@code end}, in words a shopper reads at a glance: whole days from two days on
     * ("9 days", "9天"), then hours ("20 hours", "20小时"), then "less than an hour".
     */
    static String endsIn(Instant now, Instant end, Language language) {
        Duration left = Duration.between(now, end);
        boolean zh = language.replyLanguage() == Language.ZH;
        long days = left.toDays();
        if (days >= 2) {
            return zh ? days + "天" : days + " days";
        }
        long hours = left.toHours();
        if (hours >= 2) {
            return zh ? hours + "小时" : hours + " hours";
        }
        if (hours == 1) {
            return zh ? "1小时" : "1 hour";
        }
        return zh ? "不到1小时" : "less than an hour";
    }

    private static Optional<Instant> instant(Map<String, String> attributes, String key) {
        String value = attributes.get(key);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.strip()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
