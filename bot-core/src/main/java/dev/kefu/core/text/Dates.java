package dev.kefu.core.text;

import dev.kefu.core.text.CalendarDate.Form;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds calendar dates written out in Chinese, English or mixed text, in any case (see {@link
 * CalendarDate.Form}): {@code 2026-12-31}, {@code 2026年12月31日}, {@code 12月31日}, {@code 12月31},
 * {@code 十二月三十一日}, {@code December 31}, {@code Dec 31st, 2026}, {@code 31 December}, {@code the
 * 31st of December}, {@code 12/31}, {@code 31/12} (day first when the first number is over 12),
 * {@code 12/31/2026}. Relative dates ({@code tomorrow}, {@code 下周一}) need a clock and are the
 * caller's.
 *
 * <p>Not dates: {@code 24/7} and {@code 7/24}, a month over 12 or a day over 31, a day followed by a
 * time or a word ({@code May 5pm}, {@code Dec 12:30}). Where forms overlap, the first in the order
 * above wins. Stateless and thread-safe.
 */
public final class Dates {
    private static final String MONTH = "(?i:(january|february|march|april|may|june|july|august|september|october"
            + "|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![A-Za-z])\\.?)";
    private static final String YEAR_AFTER = "(?:,?\\s*((?:19|20)\\d{2})(?!\\d))?";
    private static final String CN_SMALL = "[一二三四五六七八九十]{1,3}";
    private static final String ORDINAL = "(?i:st|nd|rd|th)?";

    private static final Pattern YEAR_MONTH_DAY = Pattern.compile(
            "(?<!\\d)((?:19|20)\\d{2})\\s?[-/.年]\\s?(\\d{1,2})\\s?[-/.月]\\s?(\\d{1,2})(?:\\s?[日号])?(?!\\d)");
    private static final Pattern CHINESE = Pattern.compile("(?<![\\d一二三四五六七八九十])(\\d{1,2}|" + CN_SMALL
            + ")\\s?月\\s?(?:(\\d{1,2})(?!\\d)(?:\\s?[日号])?|(" + CN_SMALL + ")\\s?[日号])");
    private static final Pattern MONTH_DAY =
            Pattern.compile("(?<![A-Za-z0-9])" + MONTH + "\\s*(\\d{1,2})" + ORDINAL + "(?![\\d:A-Za-z])" + YEAR_AFTER);
    private static final Pattern DAY_MONTH =
            Pattern.compile("(?<![A-Za-z0-9.])(\\d{1,2})" + ORDINAL + "\\s*(?i:of\\s+)?" + MONTH + YEAR_AFTER);
    private static final Pattern SLASH =
            Pattern.compile("(?<![\\d./-])(\\d{1,2})/(\\d{1,2})(?:/((?:19|20)?\\d{2}))?(?![\\d/]|\\.\\d)");

    private Dates() {}

    /** The dates in {@code text}, not overlapping, ordered by start. */
    public static List<CalendarDate> find(CharSequence text) {
        List<CalendarDate> found = new ArrayList<>();
        Matcher m = YEAR_MONTH_DAY.matcher(text);
        while (m.find()) {
            add(found, m, number(m.group(1)), number(m.group(2)), number(m.group(3)), Form.YEAR_MONTH_DAY);
        }
        m = CHINESE.matcher(text);
        while (m.find()) {
            String day = m.group(2) != null ? m.group(2) : m.group(3);
            add(found, m, 0, number(m.group(1)), number(day), Form.CHINESE);
        }
        m = MONTH_DAY.matcher(text);
        while (m.find()) {
            add(found, m, number(m.group(3)), month(m.group(1)), number(m.group(2)), Form.MONTH_NAME);
        }
        m = DAY_MONTH.matcher(text);
        while (m.find()) {
            add(found, m, number(m.group(3)), month(m.group(2)), number(m.group(1)), Form.MONTH_NAME);
        }
        m = SLASH.matcher(text);
        while (m.find()) {
            slash(found, m);
        }
        found.sort(Comparator.comparingInt(CalendarDate::start));
        return List.copyOf(found);
    }

    private static void slash(List<CalendarDate> found, Matcher m) {
        int first = number(m.group(1));
        int second = number(m.group(2));
        if ((first == 24 && second == 7) || (first == 7 && second == 24)) {
            return; // round the clock
        }
        String year = m.group(3);
        int y = year == null ? 0 : number(year.length() == 2 ? "20" + year : year);
        if (first <= 12) {
            add(found, m, y, first, second, Form.SLASH);
        } else {
            add(found, m, y, second, first, Form.SLASH);
        }
    }

    private static void add(List<CalendarDate> found, Matcher m, int year, int month, int day, Form form) {
        if (month < 1 || month > 12 || day < 1 || day > 31 || Spans.overlaps(found, m.start(), m.end())) {
            return;
        }
        found.add(new CalendarDate(m.start(), m.end(), year, month, day, form));
    }

    /** Digits or a small Chinese numeral; 0, no month or day, for none or anything else. */
    private static int number(String text) {
        if (text == null) {
            return 0;
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Integer.parseInt(text);
        }
        long value = Numerals.chinese(text);
        return value < 0 || value > 99 ? 0 : (int) value;
    }

    private static int month(String name) {
        return switch (name.substring(0, 3).toLowerCase(Locale.ROOT)) {
            case "jan" -> 1;
            case "feb" -> 2;
            case "mar" -> 3;
            case "apr" -> 4;
            case "may" -> 5;
            case "jun" -> 6;
            case "jul" -> 7;
            case "aug" -> 8;
            case "sep" -> 9;
            case "oct" -> 10;
            case "nov" -> 11;
            default -> 12;
        };
    }
}
