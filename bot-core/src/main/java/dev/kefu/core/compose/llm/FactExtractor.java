package dev.kefu.core.compose.llm;

import dev.kefu.core.compose.llm.Fact.Kind;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the facts of a text (see {@link Fact}) in both languages. Text is NFKC-normalised first
 * (full-width digits, {@code ％}, {@code ￥}). Patterns run from the most specific to the least and
 * each character belongs to at most one fact: placeholders, links and e-mails, dates, times, sizes,
 * discounts (折) and percentages, money, durations, other quantities, then ordinals and short
 * letter-digit tokens ({@code 1st}, {@code 第2}, {@code X200}, {@code 5-point}: ignored), codes, long
 * or grouped digit runs (codes), and last the remaining plain numbers. Numbers may be digits
 * ({@code 1,599}, {@code 6.8}), English words up to ninety-nine and Chinese numerals ({@code 七},
 * {@code 二十四}, {@code 两}), but words and Chinese numerals count only with a unit: {@code seven
 * days}, {@code 七天}, {@code 百分之十五}, {@code 八五折}; {@code one of them} or {@code 一个} is no fact.
 * Stateless and thread-safe.
 */
final class FactExtractor {
    /** A text's facts and, for sources, every number written in it in any form. */
    record Extraction(List<Fact> facts, Set<String> numbers) {}

    private static final String NUM = "(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?";
    private static final String WORD_NUM = "(?<![A-Za-z])(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
            + "(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen"
            + "|sixteen|seventeen|eighteen|nineteen|ten|one|two|three|four|five|six|seven|eight|nine)(?![A-Za-z])";
    private static final String CN_NUM = "(?<![第])[零〇一二两三四五六七八九十百千]+";
    private static final String NUMX = "(?:" + NUM + "|" + WORD_NUM + "|" + CN_NUM + ")";
    private static final String RANGE = "(?:\\s?(?:-|–|—|~|至|到)\\s?|\\s+(?i:to)\\s+)";
    /** A number or a range of numbers. */
    private static final String NUMR = NUMX + "(?:" + RANGE + NUMX + ")?";
    /** A range of digit numbers only. */
    private static final String NUMR_DIGITS = NUM + "(?:" + RANGE + NUM + ")?";
    /** Not in the middle of a word, a code or a decimal. */
    private static final String START = "(?<![A-Za-z0-9_])(?<!\\d\\.)";

    private static final Pattern VALUE = Pattern.compile(NUM + "|" + WORD_NUM + "|" + CN_NUM);
    private static final Pattern ANY_DIGITS = Pattern.compile(NUM);

    private static final String MONTH = "((?i:january|february|april|june|july|august|september|october|november"
            + "|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)|May|March)(?![A-Za-z])\\.?";
    private static final String YEAR_AFTER = "(?:,?\\s+((?:19|20)\\d{2})(?!\\d))?";
    private static final String CN_SMALL = "[一二三四五六七八九十]{1,3}";

    private static final Pattern PLACEHOLDER = Pattern.compile("<\\s*([A-Za-z]{1,20})_(\\d{1,6})\\s*>");
    private static final Pattern LINK = Pattern.compile("(?i)(?<![A-Za-z0-9])(?:https?://|www\\.)[^\\s<>\"'，。、）)】]+");
    private static final Pattern EMAIL =
            Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern DATE_YMD = Pattern.compile(
            "(?<!\\d)((?:19|20)\\d{2})\\s?[-/.年]\\s?(\\d{1,2})\\s?[-/.月]\\s?(\\d{1,2})(?:\\s?[日号])?(?!\\d)");
    private static final Pattern DATE_CN = Pattern.compile(
            "(?<![\\d一二三四五六七八九十])(\\d{1,2}|" + CN_SMALL + ")\\s?月\\s?(\\d{1,2}|" + CN_SMALL + ")\\s?[日号](?!\\d)");
    private static final Pattern DATE_EN_MONTH_DAY = Pattern.compile(
            "(?<![A-Za-z])" + MONTH + "\\s*(\\d{1,2})(?:st|nd|rd|th)?(?![\\d:])(?![A-Za-z])" + YEAR_AFTER);
    private static final Pattern DATE_EN_DAY_MONTH =
            Pattern.compile("(?<![\\d.])(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:of\\s+)?" + MONTH + YEAR_AFTER);
    private static final Pattern DATE_SLASH =
            Pattern.compile("(?<![\\d/.])(\\d{1,2})/(\\d{1,2})(?:/((?:19|20)?\\d{2}))?(?![\\d/])");
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
    private static final Pattern MONEY_PREFIX =
            Pattern.compile("((?<![A-Za-z])(?i:rmb|cny|usd|us\\$|hk\\$)|¥|\\$|€|£|人民币)\\s?(" + NUMR + ")\\s?(万)?");
    private static final Pattern MONEY_SUFFIX = Pattern.compile(START + "(" + NUMR + ")\\s?(万)?\\s?"
            + "(元|块钱|块|(?i:yuan|rmb|cny|dollars?|usd|hkd|euros?|eur)(?![A-Za-z]))");
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

    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("one", 1),
            Map.entry("two", 2),
            Map.entry("three", 3),
            Map.entry("four", 4),
            Map.entry("five", 5),
            Map.entry("six", 6),
            Map.entry("seven", 7),
            Map.entry("eight", 8),
            Map.entry("nine", 9),
            Map.entry("ten", 10),
            Map.entry("eleven", 11),
            Map.entry("twelve", 12),
            Map.entry("thirteen", 13),
            Map.entry("fourteen", 14),
            Map.entry("fifteen", 15),
            Map.entry("sixteen", 16),
            Map.entry("seventeen", 17),
            Map.entry("eighteen", 18),
            Map.entry("nineteen", 19),
            Map.entry("twenty", 20),
            Map.entry("thirty", 30),
            Map.entry("forty", 40),
            Map.entry("fifty", 50),
            Map.entry("sixty", 60),
            Map.entry("seventy", 70),
            Map.entry("eighty", 80),
            Map.entry("ninety", 90));
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1),
            Map.entry("feb", 2),
            Map.entry("mar", 3),
            Map.entry("apr", 4),
            Map.entry("may", 5),
            Map.entry("jun", 6),
            Map.entry("jul", 7),
            Map.entry("aug", 8),
            Map.entry("sep", 9),
            Map.entry("oct", 10),
            Map.entry("nov", 11),
            Map.entry("dec", 12));

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
                    PLACEHOLDER,
                    m -> add(new Fact(
                            Kind.PLACEHOLDER,
                            "<" + m.group(1).toUpperCase(Locale.ROOT) + "_" + Integer.parseInt(m.group(2)) + ">",
                            null,
                            m.group())));
            each(LINK, m -> {
                String link = m.group().replaceAll("[.,;:!?]+$", "");
                return add(code(link.toLowerCase(Locale.ROOT), link));
            });
            each(EMAIL, m -> add(code(m.group().toLowerCase(Locale.ROOT), m.group())));
            each(ROUND_THE_CLOCK, m -> true);
            each(DATE_YMD, m -> date(m.group(1), m.group(2), m.group(3), m.group()));
            each(DATE_CN, m -> date(null, m.group(1), m.group(2), m.group()));
            each(DATE_EN_MONTH_DAY, m -> date(m.group(3), month(m.group(1)), m.group(2), m.group()));
            each(DATE_EN_DAY_MONTH, m -> date(m.group(3), month(m.group(2)), m.group(1), m.group()));
            each(DATE_SLASH, this::slashDate);
            each(TIME_COLON, m -> time(m.group(1), m.group(2), m.group(3), m.group()));
            each(TIME_AM_PM, m -> time(m.group(1), "00", m.group(2), m.group()));
            each(TIME_CN, this::chineseTime);
            each(SIZE, this::size);
            each(ZHE, this::zhe);
            each(PERCENT, this::percent);
            each(PERCENT_CN, m -> percentFacts(List.of(m.group(1)), "", m.group()));
            each(MONEY_PREFIX, m -> money(m.group(2), m.group(3), m.group()));
            each(MONEY_SUFFIX, this::moneySuffix);
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
                if (m.start() == m.end() || isUsed(m.start(), m.end())) {
                    continue;
                }
                int before = facts.size();
                boolean accepted;
                try {
                    accepted = handler.test(m);
                } catch (NumberFormatException | ArithmeticException e) {
                    accepted = false;
                }
                if (accepted) {
                    for (int i = m.start(); i < m.end(); i++) {
                        used[i] = true;
                    }
                } else {
                    facts.subList(before, facts.size()).clear();
                }
            }
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

        private boolean date(String year, Object month, String day, String shown) {
            int mo = month instanceof Integer i ? i : smallNumber((String) month);
            int d = smallNumber(day);
            if (mo < 1 || mo > 12 || d < 1 || d > 31) {
                return false;
            }
            String y = year == null ? null : String.valueOf(Integer.parseInt(year));
            if (source) {
                numbers.add(String.valueOf(mo));
                numbers.add(String.valueOf(d));
            }
            String written = shown.strip().replaceAll("\\.$", ""); // "12 November." (an abbreviation's dot)
            return add(new Fact(Kind.DATE, String.format(Locale.ROOT, "%02d-%02d", mo, d), y, written));
        }

        private boolean slashDate(Matcher m) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            if (m.group(3) == null && a < 10 && b < 10) {
                return false; // 1/2, 3/4: more likely a fraction than a date
            }
            String year = m.group(3) == null ? null : (m.group(3).length() == 2 ? "20" + m.group(3) : m.group(3));
            return a <= 12 ? date(year, a, String.valueOf(b), m.group()) : date(year, b, String.valueOf(a), m.group());
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
            String unit = m.group(4) == null ? null : unitClass(m.group(4));
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

        private boolean moneySuffix(Matcher m) {
            if (m.group(3).equals("块") && !Character.isDigit(m.group(1).charAt(0))) {
                return false; // 一块蛋糕: a piece, not a yuan
            }
            return money(m.group(1), m.group(2), m.group());
        }

        private boolean money(String range, String tenThousands, String shown) {
            for (String raw : values(range)) {
                BigDecimal n = number(raw);
                if (tenThousands != null) {
                    n = n.multiply(BigDecimal.valueOf(10_000));
                }
                add(new Fact(Kind.MONEY, plain(n), plain(n), shown.strip()));
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
                add(new Fact(Kind.QUANTITY, unitClass(unit) + ":" + n, n, shown.strip()));
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
            String digits = m.group().replaceAll("\\D", "");
            if (digits.length() < 8) {
                return false;
            }
            if (digits.matches("(?:0086|86)1[3-9]\\d{9}")) {
                digits = digits.substring(digits.length() - 11);
            }
            return add(code(digits, m.group()));
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

    private static String unitClass(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "kg", "kgs", "公斤", "千克" -> "kg";
            case "g", "克" -> "g";
            case "斤" -> "jin";
            case "cm", "厘米", "公分" -> "cm";
            case "mm", "毫米" -> "mm";
            case "m", "米" -> "m";
            case "ml", "毫升" -> "ml";
            case "l", "升" -> "l";
            case "°", "度" -> "deg";
            case "°c" -> "celsius";
            default -> "inch";
        };
    }

    private static int month(String name) {
        return MONTHS.get(name.toLowerCase(Locale.ROOT).substring(0, 3));
    }

    /** Digits, an English number word or a Chinese numeral. */
    static BigDecimal number(String raw) {
        String s = raw.strip();
        if (Character.isDigit(s.charAt(0))) {
            return new BigDecimal(s.replace(",", ""));
        }
        String lower = s.toLowerCase(Locale.ROOT);
        Integer word = WORDS.get(lower);
        if (word != null) {
            return BigDecimal.valueOf(word);
        }
        String[] parts = lower.split("[- ]");
        if (parts.length == 2 && WORDS.containsKey(parts[0]) && WORDS.containsKey(parts[1])) {
            return BigDecimal.valueOf(WORDS.get(parts[0]) + WORDS.get(parts[1]));
        }
        long chinese = chinese(s);
        if (chinese < 0) {
            throw new NumberFormatException("not a number: " + raw);
        }
        return BigDecimal.valueOf(chinese);
    }

    private static int smallNumber(String raw) {
        return number(raw).intValueExact();
    }

    /** Simple Chinese numerals: 七 7, 十五 15, 二十四 24, 两 2, 一百零八 108, 三百五 350; -1 otherwise. */
    static long chinese(String s) {
        long section = 0;
        long digit = -1;
        int lastUnit = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = "零一二三四五六七八九".indexOf(c);
            if (c == '〇') {
                d = 0;
            } else if (c == '两') {
                d = 2;
            }
            if (d >= 0) {
                if (digit > 0) {
                    return -1; // 八五: not a plain numeral
                }
                digit = d;
                continue;
            }
            int unit = c == '十' ? 10 : c == '百' ? 100 : c == '千' ? 1000 : 0;
            if (unit == 0) {
                return -1;
            }
            if (digit < 0 && unit != 10) {
                return -1; // 百 without a digit before it
            }
            section += (digit < 0 ? 1 : digit) * (long) unit;
            lastUnit = unit;
            digit = -1;
        }
        if (digit > 0) {
            // 三百五 is 350: a trailing digit right after 百/千 is shorthand for the next unit down
            boolean shorthand = lastUnit >= 100 && s.length() >= 2 && "百千".indexOf(s.charAt(s.length() - 2)) >= 0;
            section += shorthand ? digit * (lastUnit / 10) : digit;
        }
        return section;
    }

    static String plain(String number) {
        return plain(new BigDecimal(number.replace(",", "")));
    }

    static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }
}
