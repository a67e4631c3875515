package dev.kefu.core.text;

/**
 * Something recognised in a text: where it is and its canonical value. The kind is the type of
 * the span ({@link Identifier} also names its own).
 */
public sealed interface TextSpan permits Identifier, Amount, CalendarDate {
    /** First character of the span. */
    int start();

    /** One past the last character. */
    int end();

    /** The canonical value, the same however the text wrote it. */
    String value();

    /** Rejects a span that does not lie in a text ({@code 0 <= start < end}). */
    static void requireSpan(int start, int end) {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span must satisfy 0 <= start < end, was " + start + ".." + end);
        }
    }
}
