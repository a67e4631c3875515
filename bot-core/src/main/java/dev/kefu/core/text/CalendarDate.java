package dev.kefu.core.text;

import dev.kefu.core.Checks;
import java.util.Locale;

/**
 * A calendar date written in a text, as written: its year only when the text gives one.
 *
 * @param year the year, or 0 when the text gives none ({@code 12月31日}, {@code Dec 31})
 * @param month 1 to 12
 * @param day 1 to 31; whether the month has that day is the caller's to decide
 * @param form how it was written
 */
public record CalendarDate(int start, int end, int year, int month, int day, Form form) implements TextSpan {
    public CalendarDate {
        TextSpan.requireSpan(start, end);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            throw new IllegalArgumentException("calendarDate must have a year >= 0, a month 1-12 and a day 1-31, was "
                    + year + "-" + month + "-" + day);
        }
        Checks.requireNonNull("calendarDate.form", form);
    }

    /** How a date was written. */
    public enum Form {
        /** {@code 2026-12-31}, {@code 2026/12/31}, {@code 2026.12.31}, {@code 2026年12月31日}. */
        YEAR_MONTH_DAY,
        /** {@code 12月31日}, {@code 12月31}, {@code 十二月三十一日}. */
        CHINESE,
        /** {@code December 31}, {@code Dec 31st, 2026}, {@code 31 December}, {@code the 31st of Dec}. */
        MONTH_NAME,
        /** {@code 12/31}, {@code 31/12}, {@code 12/31/2026}, {@code 12/31/26}. */
        SLASH
    }

    /** Whether the text gives the year. */
    public boolean hasYear() {
        return year > 0;
    }

    /** {@code 2026-12-31}, or {@code 12-31} without a year. */
    @Override
    public String value() {
        String monthDay = String.format(Locale.ROOT, "%02d-%02d", month, day);
        return hasYear() ? String.format(Locale.ROOT, "%04d-", year) + monthDay : monthDay;
    }
}
