package dev.kefu.core.config;

import java.util.List;

/**
 * {@code log.*}: how the server writes its log (to standard output).
 *
 * @param format {@code json}: one JSON object a line (date, level, logger, thread, conversation id
 *     and stage where there is one, the message with personal data masked), for a log collector;
 *     {@code text}: one readable line each, for a terminal
 */
public record LogConfig(String format) {
    /** The formats, the default first. */
    public static final List<String> FORMATS = List.of("json", "text");

    void validate(List<String> errors) {
        if (!FORMATS.contains(format)) {
            errors.add("log.format must be one of " + FORMATS + ", was " + format);
        }
    }
}
