package dev.kefu.intents.entity;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.EntityExtractor;
import dev.kefu.core.intent.Language;
import dev.kefu.core.text.CalendarDate;
import dev.kefu.core.text.Dates;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds dates in normalised English and Chinese text (type {@code date}) and resolves each to a
 * canonical value against an injected {@link Clock} and zone.
 *
 * <p>Canonical values:
 *
 * <ul>
 *   <li>a day, absolute or relative, is an ISO date {@code yyyy-MM-dd}: {@code 2026-11-11}, {@code
 *       11/11}, {@code Nov 11}, {@code 11th of November}, {@code 11月11日}, {@code 2026年11月11日},
 *       {@code 十一月十一日}, {@code today}/{@code 今天}, {@code tomorrow}/{@code 明天}, {@code
 *       yesterday}/{@code 昨天}, {@code 后天}, {@code 前天}, {@code 大后天}, {@code 大前天}, {@code
 *       the day after tomorrow}, {@code next Monday}/{@code 下周一}, {@code this Friday}/{@code
 *       这周五}, {@code last Sunday}/{@code 上周日}, and the shopping festivals {@code 双十一}/{@code
 *       双11}/{@code 11.11}, {@code 双十二}/{@code 12.12} and {@code 618} (only as {@code 6.18}, or
 *       next to 活动/大促/购物节; {@code 6月18} is an ordinary date);
 *   <li>a week is an ISO week {@code yyyy-'W'ww}: {@code last week}/{@code 上周}, {@code this
 *       week}/{@code 本周}, {@code next week}/{@code 下周};
 *   <li>a month is {@code yyyy-MM}: {@code last month}/{@code 上个月}, {@code this month}/{@code
 *       本月}, {@code next month}/{@code 下个月}.
 * </ul>
 *
 * <p>Weeks start on Monday, so {@code next Monday} and {@code 下周一} both mean the Monday of next
 * week. A date without a year takes the year that puts it closest to today (on 3 January, {@code
 * 12/28} is last December's). Numeric {@code a/b} is month/day, or day/month when {@code a > 12};
 * {@code 24/7} is not a date. A bare weekday ({@code Monday}, {@code 周一}) is not extracted: it is
 * past or future depending on the sentence, and we don't guess. Impossible dates ({@code 2/30}) are
 * skipped. Dates written out are read by the text library ({@link Dates}), as the LLM fact checks
 * read them; relative dates, weeks, months and festivals are resolved here. Stateless apart from
 * the clock; thread-safe; never throws for any text.
 */
public final class DateEntityExtractor implements EntityExtractor {
    public static final String DATE = "date";

    /** The zone relative dates resolve in when none is given: the store's, China Standard Time. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private static final String NOT_LATIN_BEFORE = "(?<![a-z0-9])";
    private static final String NOT_LATIN_AFTER = "(?![a-z0-9])";
    private static final String WEEKDAY_EN = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday"
            + "|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)" + NOT_LATIN_AFTER;

    private static final Pattern FESTIVAL = Pattern.compile("双\\s?(十一|11|十二|12)(?![0-9])"
            + "|(?<![0-9.])(11\\.11|12\\.12|6\\.18)(?![0-9])"
            + "|(?<![0-9.])618(?![0-9])(?=\\s?(?:活动|大促|购物节|年中大促))"
            + "|(?<=(?:活动|大促)\\s?)618(?![0-9])");
    private static final Pattern EN_RELATIVE_DAY = Pattern.compile(NOT_LATIN_BEFORE
            + "(the day after tomorrow|the day before yesterday|today|tonight|tomorrow|yesterday)" + NOT_LATIN_AFTER);
    private static final Pattern CN_RELATIVE_DAY = Pattern.compile("大后天|大前天|今天|今日|今晚|明天|明日|明晚|昨天|昨日|昨晚|后天|前天");
    private static final Pattern EN_WEEKDAY = Pattern.compile(NOT_LATIN_BEFORE + "(next|last|this)\\s+" + WEEKDAY_EN);
    /** 上/下 ending another word ({@code 线上}, {@code 一下}) do not start a week expression. */
    private static final String CN_NOT_WORD_END = "(?<![线网早晚马路身手以之楼天向往地桌车一留剩放底私])";

    private static final Pattern CN_WEEKDAY =
            Pattern.compile(CN_NOT_WORD_END + "(上上|下下|上|下|这|本)(?:个)?\\s?(?:周|星期|礼拜)([一二三四五六日天1-7])");
    private static final Pattern EN_PERIOD =
            Pattern.compile(NOT_LATIN_BEFORE + "(next|last|this)\\s+(week|month)" + NOT_LATIN_AFTER);
    private static final Pattern CN_PERIOD =
            Pattern.compile(CN_NOT_WORD_END + "(上上|下下|上|下|这|本)(?:个)?\\s?(周|星期|礼拜|月)(?![一二三四五六日天1-7])");

    private static final Map<String, Integer> RELATIVE_DAYS = Map.ofEntries(
            Map.entry("today", 0),
            Map.entry("tonight", 0),
            Map.entry("tomorrow", 1),
            Map.entry("yesterday", -1),
            Map.entry("the day after tomorrow", 2),
            Map.entry("the day before yesterday", -2),
            Map.entry("今天", 0),
            Map.entry("今日", 0),
            Map.entry("今晚", 0),
            Map.entry("明天", 1),
            Map.entry("明日", 1),
            Map.entry("明晚", 1),
            Map.entry("昨天", -1),
            Map.entry("昨日", -1),
            Map.entry("昨晚", -1),
            Map.entry("后天", 2),
            Map.entry("前天", -2),
            Map.entry("大后天", 3),
            Map.entry("大前天", -3));

    private final Clock clock;
    private final ZoneId zone;

    /** Resolves against the system clock in {@link #DEFAULT_ZONE}. */
    DateEntityExtractor() {
        this(Clock.systemUTC(), DEFAULT_ZONE);
    }

    /** Resolves against {@code clock} in {@link #DEFAULT_ZONE}. */
    DateEntityExtractor(Clock clock) {
        this(clock, DEFAULT_ZONE);
    }

    /**
     * @param clock gives "now"; its own zone is ignored
     * @param zone the zone in which "today" is decided
     */
    DateEntityExtractor(Clock clock, ZoneId zone) {
        this.clock = Checks.requireNonNull("clock", clock);
        this.zone = Checks.requireNonNull("zone", zone);
    }

    @Override
    public List<Entity> extract(String normalizedText, Language language) {
        Checks.requireNonNull("normalizedText", normalizedText);
        String text = normalizedText;
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        List<Entity> found = new ArrayList<>();

        if (hasDigit(text) || text.indexOf('月') >= 0) {
            for (CalendarDate date : Dates.find(text)) {
                String value = date.hasYear()
                        ? date(date.year(), date.month(), date.day())
                        : nearest(today, date.month(), date.day());
                Entities.addIfFree(found, DATE, value, date.start(), date.end());
            }
        }
        Matcher m = FESTIVAL.matcher(text);
        while (m.find()) {
            add(found, m, festival(today, m.group()));
        }
        m = EN_RELATIVE_DAY.matcher(text);
        while (m.find()) {
            add(found, m, today.plusDays(RELATIVE_DAYS.get(m.group(1))).toString());
        }
        m = CN_RELATIVE_DAY.matcher(hasAny(text, "天日晚") ? text : "");
        while (m.find()) {
            add(found, m, today.plusDays(RELATIVE_DAYS.get(m.group())).toString());
        }
        m = EN_WEEKDAY.matcher(text);
        while (m.find()) {
            add(found, m, weekday(today, weeksFrom(m.group(1)), enWeekday(m.group(2))));
        }
        m = CN_WEEKDAY.matcher(hasAny(text, "周期拜") ? text : "");
        while (m.find()) {
            add(
                    found,
                    m,
                    weekday(today, weeksFrom(m.group(1)), cnWeekday(m.group(2).charAt(0))));
        }
        m = EN_PERIOD.matcher(text);
        while (m.find()) {
            add(found, m, period(today, weeksFrom(m.group(1)), m.group(2).equals("month")));
        }
        m = CN_PERIOD.matcher(hasAny(text, "周期拜月") ? text : "");
        while (m.find()) {
            add(found, m, period(today, weeksFrom(m.group(1)), m.group(2).equals("月")));
        }
        found.sort(Comparator.comparingInt(Entity::start));
        return List.copyOf(found);
    }

    /** Cheap pre-checks that let most patterns skip text that cannot match them. */
    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasAny(String text, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            if (text.indexOf(chars.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<Entity> found, Matcher m, String value) {
        Entities.addIfFree(found, DATE, value, m.start(), m.end());
    }

    private static String date(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The valid {@code month/day} closest to today, in last year, this year or next year. */
    private static String nearest(LocalDate today, int month, int day) {
        LocalDate best = null;
        long bestDistance = Long.MAX_VALUE;
        for (int year = today.getYear() - 1; year <= today.getYear() + 1; year++) {
            try {
                LocalDate candidate = LocalDate.of(year, month, day);
                long distance = Math.abs(ChronoUnit.DAYS.between(today, candidate));
                if (distance < bestDistance) {
                    best = candidate;
                    bestDistance = distance;
                }
            } catch (DateTimeException e) {
                // not a date in this year (e.g. 29 February); try the others
            }
        }
        return best == null ? null : best.toString();
    }

    private static String festival(LocalDate today, String text) {
        if (text.contains("618") || text.contains("6.18")) {
            return nearest(today, 6, 18);
        }
        if (text.contains("12") || text.contains("十二")) {
            return nearest(today, 12, 12);
        }
        return nearest(today, 11, 11);
    }

    private static String weekday(LocalDate today, int weeks, DayOfWeek day) {
        if (day == null) {
            return null;
        }
        return today.plusWeeks(weeks)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .with(TemporalAdjusters.nextOrSame(day))
                .toString();
    }

    private static String period(LocalDate today, int offset, boolean month) {
        if (month) {
            return YearMonth.from(today).plusMonths(offset).toString();
        }
        LocalDate day = today.plusWeeks(offset);
        return String.format(
                Locale.ROOT,
                "%d-W%02d",
                day.get(IsoFields.WEEK_BASED_YEAR),
                day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static int weeksFrom(String word) {
        return switch (word) {
            case "next", "下" -> 1;
            case "last", "上" -> -1;
            case "下下" -> 2;
            case "上上" -> -2;
            default -> 0;
        };
    }

    private static DayOfWeek enWeekday(String word) {
        return switch (word.substring(0, 3)) {
            case "mon" -> DayOfWeek.MONDAY;
            case "tue" -> DayOfWeek.TUESDAY;
            case "wed" -> DayOfWeek.WEDNESDAY;
            case "thu" -> DayOfWeek.THURSDAY;
            case "fri" -> DayOfWeek.FRIDAY;
            case "sat" -> DayOfWeek.SATURDAY;
            default -> DayOfWeek.SUNDAY;
        };
    }

    private static DayOfWeek cnWeekday(char c) {
        return switch (c) {
            case '一', '1' -> DayOfWeek.MONDAY;
            case '二', '2' -> DayOfWeek.TUESDAY;
            case '三', '3' -> DayOfWeek.WEDNESDAY;
            case '四', '4' -> DayOfWeek.THURSDAY;
            case '五', '5' -> DayOfWeek.FRIDAY;
            case '六', '6' -> DayOfWeek.SATURDAY;
            default -> DayOfWeek.SUNDAY;
        };
    }
}
