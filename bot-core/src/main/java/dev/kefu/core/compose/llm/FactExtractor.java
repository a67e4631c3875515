package dev.kefu.core.compose.llm;

import dev.kefu.core.compose.llm.Fact.Kind;
import dev.kefu.core.text.Amount;
import dev.kefu.core.text.Amounts;
import dev.kefu.core.text.CalendarDate;
import dev.kefu.core.text.Dates;
import dev.kefu.core.text.Identifier;
import dev.kefu.core.text.Identifiers;
import dev.kefu.core.text.Numerals;
import dev.kefu.core.text.TextSpan;
import dev.kefu.core.text.Units;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the facts of a text (see {@link Fact}) in both languages. Text is NFKC-normalised first
 * (full-width digits, {@code ％}, {@code ￥}). Patterns run from the most specific to the least and
 * each character belongs to at most one fact: placeholders, links, identifiers (e-mails, order
 * numbers, phones, cards: codes), dates, times, sizes, discounts (折) and percentages, money,
 * durations, other quantities, then ordinals and short letter-digit tokens ({@code 1st}, {@code
 * 第2}, {@code X200}, {@code 5-point}: ignored), codes, long or grouped digit runs (codes), and last
 * the remaining plain numbers. Numbers may be digits ({@code 1,599}, {@code 6.8}), English words up
 * to ninety-nine and Chinese numerals ({@code 七}, {@code 二十四}, {@code 两}), but words and Chinese
 * numerals count only with a unit: {@code seven days}, {@code 七天}, {@code 百分之十五}, {@code 八五折};
 * {@code one of them} or {@code 一个} is no fact.
 *
 * <p>Numbers, money, dates, identifiers and units are read by the text library ({@code
 * dev.kefu.core.text}), as the NLU reads them; what is particular to checking an answer is here: a
 * bare {@code 1.2万} is only a number (it may count people), {@code 1/2} without a year is a
 * fraction, and {@code may} and {@code march} are months only when written {@code May} and {@code
 * March}. Stateless and thread-safe.
 */
final class FactExtractor {
    /** A text's facts and, for sources, every number written in it in any form. */
    record Extraction(List<Fact> facts, Set<String> numbers) {}

    private static final String NUM = Numerals.DIGITS;
    private static final String NUMX = Numerals.ANY;
    private static final String RANGE = Numerals.RANGE_SEPARATOR;
    /** A number or a range of numbers. */
    private static final String NUMR = NUMX + "(?:" + RANGE + NUMX + ")?";
    /** A range of digit numbers only. */
    private static final String NUMR_DIGITS = NUM + "(?:" + RANGE + NUM + ")?";
    /** Not in the middle of a word, a code or a decimal. */
    private static final String START = "(?<![A-Za-z0-9_])(?<!\\d\\.)";

    private static final Pattern VALUE = Pattern.compile(NUMX);
    private static final Pattern ANY_DIGITS = Pattern.compile(NUM);
    /** {@code may} and {@code march} in any case but {@code May} and {@code March}: words, not months. */
    private static final Pattern MONTH_LIKE_WORD =
            Pattern.compile("(?<![A-Za-z])(?!May(?![A-Za-z])|March(?![A-Za-z]))(?i:may|march)(?![A-Za-z])");

    private static final String CN_SMALL = "[一二三四五六七八九十]{1,3}";

    private static final Pattern LINK = Pattern.compile("(?i)(?<![A-Za-z0-9])(?:https?://|www\\.)[^\\s<>\"'，。、）)】]+");
    private static final Pattern TIME_COLON = Pattern.compile(
            "(?<![\\d:])([01]?\\d|2[0-4]):([0-5]\\d)(?![\\d:])(?:\\s?((?i:a\\.m\\.|p\\.m\\.|am|pm))(?![A-Za-z]))?");
    private static final Pattern TIME_AM_PM =
            Pattern.compile(START + "(\\d{1,2})\\s?((?i:a\\.m\\.|p\\.m\\.|am|pm))(?![A-Za-z])");
    private static final Pattern TIME_CN = Pattern.compile("(上午|早上|中午|下午|晚上|傍晚|凌晨)?\\s?(?<![\\d.])(\\d{1,2}|" + CN_SMALL
            + ")\\s?[点點时](?!\\s?[五0-9]\\s?折)(?:\\s?(\\d{1,2})\\s?分|(半))?");
    private static final String QUANTITY_UNIT =
            "(?i:kgs?|cm|mm|ml)|°C?|g|m|l|L|inch(?:es)?|公斤|千克|克|斤|厘米|公分|毫米|米|毫升|升|度|英寸|寸";
    private static final Pattern SIZE = Pattern.compile(START + "(" + NUM + ")\\s?[xX×*]\\s?(" + NUM
            + ")(?:\\s?[xX×*]\\s?(" + NUM + "))?(?:\\s?(" + QUANTITY_UNIT + ")(?![A-Za-z]))?");
    private static final Pattern ZHE =
            Pattern.compile("(?<![\\d.])(?:(\\d{1,2}(?:\\.\\d)?)|([一二三四五六七八九](?:[一二三四五六七八九]|点五)?))\\s?折(?![叠扣返算合旧])");
    private static final Pattern PERCENT = Pattern.compile("(减|优惠|立减|省|便宜|降价?|打)?\\s?" + START + "(" + NUMR
            + ")\\s?(?:%|(?i:per\\s?cent)(?![A-Za-z]))(\\s?(?i:off|discount)(?![A-Za-z]))?");
    private static final Pattern PERCENT_CN = Pattern.compile("百分之(" + NUM + "|[零一二两三四五六七八九十百]+)");
    private static final Pattern DURATION_EN = Pattern.compile(START + "(" + NUMR + ")(?:\\s?-\\s?|\\s?)"
            + "(?i:(?:(?:business|working|calendar|natural|extra|more|additional|full|whole)\\s+)?"
            + "(minutes?|mins?|hours?|hrs?|h|days?|weeks?|wks?|months?|years?|yrs?))(?![A-Za-z])");
    private static final Pattern DURATION_ZH = Pattern.compile(START + "(" + NUMR + ")\\s?"
            + "(个小时|小时|个钟头|钟头|分钟|个工作日|工作日|天|日(?=内|以内|之内)|个星期|星期(?![一二三四五六日天])|周(?![一二三四五六日天年])|个月|年)");
    private static final Pattern QUANTITY =
            Pattern.compile(START + "(" + NUMR_DIGITS + ")\\s?(" + QUANTITY_UNIT + ")(?![A-Za-z])");
    private static final Pattern IGNORED =
            Pattern.compile("(?<![A-Za-z0-9])\\d+(?:st|nd|rd|th)(?![A-Za-z])|第\\s?" + NUMX);
    private static final Pattern ROUND_THE_CLOCK =
            Pattern.compile("(?<![\\d/])24\\s?/\\s?7(?![\\d/])|(?<!\\d)7\\s?[x×*]\\s?24(?!\\d)");
    private static final Pattern TOKEN =
            Pattern.compile("(?<![A-Za-z0-9_])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?![A-Za-z0-9_])");
    private static final Pattern DIGIT_GROUPS =
            Pattern.compile("(?<![\\d.,:/+-])\\+?\\d{2,}(?:[ -]\\d{2,}){0,5}(?!\\d|[.,:/-]\\d)");
    private static final Pattern PLAIN = Pattern.compile(START + NUM + "(?!\\d)");

    private FactExtractor() {}

    static Extraction extract(String text, boolean source) {
        return new Scan(Normalizer.normalize(text, Normalizer.Form.NFKC), source).run();
    }

    /** One pass over one text; not shared. */
    private static final class Scan {
        private final String text;
        private final boolean source;
        private final boolean[] used;
        private final List<Fact> facts = new ArrayList<>();
        private final Set<String> numbers = new HashSet<>();

        Scan(String text, boolean source) {
            this.text = text;
            this.source = source;
            this.used = new boolean[text.length()];
        }

        Extraction run() {
            each(
                    MaskingVault.PLACEHOLDER,
                    m -> add(new Fact(
                            Kind.PLACEHOLDER,
                            "<" + m.group(1).toUpperCase(Locale.ROOT) + "_" + Integer.parseInt(m.group(2)) + ">",
                            null,
                            m.group())));
            each(LINK, m -> {
                String link = m.group().replaceAll("[.,;:!?]+$", "");
                return add(code(link.toLowerCase(Locale.ROOT), link));
            });
            each(Identifiers.defaults().find(text), this::identifier);
            each(ROUND_THE_CLOCK, m -> true);
            each(Dates.find(text), this::date);
            each(TIME_COLON, m -> time(m.group(1), m.group(2), m.group(3), m.group()));
            each(TIME_AM_PM, m -> time(m.group(1), "00", m.group(2), m.group()));
            each(TIME_CN, this::chineseTime);
            each(SIZE, this::size);
            each(ZHE, this::zhe);
            each(PERCENT, this::percent);
            each(PERCENT_CN, m -> percentFacts(List.of(m.group(1)), "", m.group()));
            each(Amounts.find(text), this::money);
            each(DURATION_EN, m -> duration(m.group(1), m.group(2).toLowerCase(Locale.ROOT), m.group()));
            each(DURATION_ZH, m -> duration(m.group(1), m.group(2), m.group()));
            each(QUANTITY, m -> quantity(m.group(1), m.group(2), m.group()));
            each(IGNORED, m -> true);
            each(TOKEN, this::token);
            each(DIGIT_GROUPS, this::digitGroups);
            each(PLAIN, m -> add(new Fact(Kind.NUMBER, plain(m.group()), plain(m.group()), m.group())));
            if (source) {
                Matcher m = ANY_DIGITS.matcher(text);
                while (m.find()) {
                    numbers.add(plain(m.group()));
                }
                for (Fact fact : facts) {
                    if (fact.number() != null) {
                        numbers.add(fact.number());
                    }
                }
            }
            return new Extraction(List.copyOf(facts), Set.copyOf(numbers));
        }

        /** Runs {@code pattern}; a match is consumed when it overlaps nothing read before and its handler accepts it. */
        private void each(Pattern pattern, Predicate<Matcher> handler) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                consume(m.start(), m.end(), () -> handler.test(m));
            }
        }

        /** {@link #each(Pattern, Predicate)} for what the text library found. */
        private <T extends TextSpan> void each(List<T> spans, Predicate<T> handler) {
            for (T span : spans) {
                consume(span.start(), span.end(), () -> handler.test(span));
            }
        }

        private void consume(int start, int end, BooleanSupplier handler) {
            if (start == end || isUsed(start, end)) {
                return;
            }
            int before = facts.size();
            boolean accepted;
            try {
                accepted = handler.getAsBoolean();
            } catch (NumberFormatException | ArithmeticException e) {
                accepted = false;
            }
            if (accepted) {
                for (int i = start; i < end; i++) {
                    used[i] = true;
                }
            } else {
                facts.subList(before, facts.size()).clear();
            }
        }

        private String shown(TextSpan span) {
            return text.substring(span.start(), span.end());
        }

        private boolean isUsed(int start, int end) {
            for (int i = start; i < end; i++) {
                if (used[i]) {
                    return true;
                }
            }
            return false;
        }

        private boolean add(Fact fact) {
            facts.add(fact);
            return true;
        }

        private static Fact code(String key, String shown) {
            return new Fact(Kind.CODE, key, null, shown.strip());
        }

        /** E-mails, order numbers, phones and cards are codes, by their canonical value. */
        private boolean identifier(Identifier identifier) {
            return add(code(identifier.value(), shown(identifier)));
        }

        private boolean date(CalendarDate date) {
            String shown = shown(date);
            if (date.form() == CalendarDate.Form.SLASH && !date.hasYear() && date.month() < 10 && date.day() < 10) {
                return false; // 1/2, 3/4: more likely a fraction than a date
            }
            if (date.form() == CalendarDate.Form.MONTH_NAME
                    && MONTH_LIKE_WORD.matcher(shown).find()) {
                return false; // "may 5", "march 3 miles": words more likely than months
            }
            if (source) {
                numbers.add(String.valueOf(date.month()));
                numbers.add(String.valueOf(date.day()));
            }
            String written = shown.strip().replaceAll("\\.$", ""); // "12 November." (an abbreviation's dot)
            String key = String.format(Locale.ROOT, "%02d-%02d", date.month(), date.day());
            return add(new Fact(Kind.DATE, key, date.hasYear() ? String.valueOf(date.year()) : null, written));
        }

        private boolean time(String hour, String minute, String amPm, String shown) {
            int h = Integer.parseInt(hour);
            int min = Integer.parseInt(minute);
            if (amPm != null) {
                boolean pm = amPm.toLowerCase(Locale.ROOT).startsWith("p");
                if (h < 1 || h > 12) {
                    return false;
                }
                h = pm ? (h % 12) + 12 : h % 12;
            }
            if (h > 24 || min > 59) {
                return false;
            }
            return add(new Fact(Kind.TIME, String.format(Locale.ROOT, "%d:%02d", h, min), null, shown.strip()));
        }

        private boolean chineseTime(Matcher m) {
            String period = m.group(1);
            boolean digits = Character.isDigit(m.group(2).charAt(0));
            if (!digits && period == null) {
                return false; // 快一点, 一时: not a time
            }
            int h = smallNumber(m.group(2));
            if (h < 0 || h > 24) {
                return false;
            }
            if (period != null && h < 12 && (period.equals("下午") || period.equals("晚上") || period.equals("傍晚"))) {
                h += 12;
            }
            String minute = m.group(4) != null ? "30" : (m.group(3) != null ? m.group(3) : "00");
            return time(String.valueOf(h), minute, null, m.group());
        }

        private boolean size(Matcher m) {
            String unit = m.group(4) == null ? null : Units.canonical(m.group(4));
            for (int g = 1; g <= 3; g++) {
                if (m.group(g) != null) {
                    String n = plain(m.group(g));
                    add(
                            unit == null
                                    ? new Fact(Kind.NUMBER, n, n, m.group(g))
                                    : new Fact(
                                            Kind.QUANTITY,
                                            unit + ":" + n,
                                            n,
                                            m.group().strip()));
                }
            }
            return true;
        }

        /** 85折 (pay 85%) is 15% off: the answer states the discount, a source also the share paid. */
        private boolean zhe(Matcher m) {
            BigDecimal pay;
            if (m.group(1) != null) {
                BigDecimal n = new BigDecimal(m.group(1));
                pay = n.compareTo(BigDecimal.TEN) < 0 ? n.multiply(BigDecimal.TEN) : n;
            } else {
                String c = m.group(2);
                int first = smallNumber(c.substring(0, 1));
                int second = c.length() == 1 ? 0 : (c.endsWith("点五") ? 5 : smallNumber(c.substring(1)));
                pay = BigDecimal.valueOf(first * 10L + second);
            }
            if (pay.signum() <= 0 || pay.compareTo(BigDecimal.valueOf(100)) >= 0) {
                return false;
            }
            String off = plain(BigDecimal.valueOf(100).subtract(pay));
            add(new Fact(Kind.PERCENT, off, off, Fact.OFF, m.group().strip()));
            if (source) {
                add(new Fact(
                        Kind.PERCENT,
                        plain(pay),
                        plain(pay),
                        Fact.PAY,
                        m.group().strip()));
            }
            return true;
        }

        private boolean percent(Matcher m) {
            boolean off = m.group(1) != null || m.group(3) != null;
            return percentFacts(values(m.group(2)), off ? Fact.OFF : "", m.group());
        }

        private boolean percentFacts(List<String> values, String qualifier, String shown) {
            for (String raw : values) {
                String n = plain(number(raw));
                add(new Fact(Kind.PERCENT, n, n, qualifier, shown.strip()));
            }
            return !values.isEmpty();
        }

        /** A bare {@code 1.2万} may count people or stores: only a number, read later. */
        private boolean money(Amount amount) {
            if (!amount.currencyWritten()) {
                return false;
            }
            for (BigDecimal n : amount.values()) {
                add(new Fact(Kind.MONEY, plain(n), plain(n), shown(amount).strip()));
            }
            return true;
        }

        private boolean duration(String range, String unit, String shown) {
            for (String raw : values(range)) {
                BigDecimal n = number(raw);
                if (unit.equals("年") && n.compareTo(BigDecimal.valueOf(1900)) >= 0) {
                    add(new Fact(Kind.NUMBER, plain(n), plain(n), shown.strip())); // 2026年 is a year
                } else {
                    add(new Fact(Kind.DURATION, durationKey(n, unit), plain(n), shown.strip()));
                }
            }
            return true;
        }

        private boolean quantity(String range, String unit, String shown) {
            for (String raw : values(range)) {
                String n = plain(number(raw));
                add(new Fact(Kind.QUANTITY, Units.canonical(unit) + ":" + n, n, shown.strip()));
            }
            return true;
        }

        /** Codes are consumed as facts; short letter-digit mixes ({@code X200}, {@code 5G}) are ignored. */
        private boolean token(Matcher m) {
            String token = m.group();
            boolean letters = token.chars().anyMatch(Character::isLetter);
            boolean digits = token.chars().anyMatch(Character::isDigit);
            if (!letters || !digits) {
                return false;
            }
            if (isCode(token)) {
                add(code(token.replace("-", "").toUpperCase(Locale.ROOT), token));
            }
            return true;
        }

        private boolean digitGroups(Matcher m) {
            String digits = Identifier.Kind.PHONE.canonical(m.group());
            if (m.group().replaceAll("\\D", "").length() < 8) {
                return false;
            }
            return add(code(digits, m.group())); // a phone or a number like one: digits, no country code
        }

        private List<String> values(String range) {
            List<String> values = new ArrayList<>();
            Matcher m = VALUE.matcher(range);
            while (m.find()) {
                values.add(m.group());
            }
            return values;
        }
    }

    /**
     * A code must be grounded: a part of five or more characters mixing letters and digits ({@code
     * SAVE30}, {@code DD20261122001}, {@code UPF50}), or an upper-case hyphenated code ({@code
     * DD-2026-1122}). Not {@code 5-point}, {@code 7-day}, {@code X200}.
     */
    static boolean isCode(String token) {
        for (String part : token.split("-")) {
            if (part.length() >= 5 && mixes(part)) {
                return true;
            }
        }
        String alnum = token.replace("-", "");
        return token.contains("-")
                && alnum.length() >= 5
                && mixes(alnum)
                && alnum.equals(alnum.toUpperCase(Locale.ROOT));
    }

    private static boolean mixes(String s) {
        return s.chars().anyMatch(Character::isLetter) && s.chars().anyMatch(Character::isDigit);
    }

    private static String durationKey(BigDecimal n, String unit) {
        return switch (unit) {
            case "minute", "minutes", "min", "mins", "分钟" -> "min:" + plain(n);
            case "hour", "hours", "hr", "hrs", "h", "小时", "个小时", "钟头", "个钟头" -> "min:"
                    + plain(n.multiply(BigDecimal.valueOf(60)));
            case "day", "days", "天", "日", "工作日", "个工作日" -> "min:" + plain(n.multiply(BigDecimal.valueOf(1440)));
            case "week", "weeks", "wk", "wks", "周", "星期", "个星期" -> "min:"
                    + plain(n.multiply(BigDecimal.valueOf(10080)));
            case "month", "months", "个月" -> "month:" + plain(n);
            default -> "year:" + plain(n);
        };
    }

    private static int smallNumber(String raw) {
        return number(raw).intValueExact();
    }

    private static BigDecimal number(String raw) {
        return Numerals.parse(raw);
    }

    private static String plain(String number) {
        return Numerals.plain(number);
    }

    private static String plain(BigDecimal number) {
        return Numerals.plain(number);
    }
}
