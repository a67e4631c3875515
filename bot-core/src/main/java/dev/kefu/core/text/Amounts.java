package dev.kefu.core.text;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds amounts of money in Chinese, English or mixed text, in any case: a currency before the
 * number ({@code ¥199}, {@code $20}, {@code RMB 2,000}, {@code US$5}, {@code HK$5}, {@code €5},
 * {@code £5}, {@code 人民币100}) or after it ({@code 199元}, {@code 1,299块}, {@code 两百块钱}, {@code
 * 199 yuan}, {@code 50 RMB}, {@code 20 dollars}, {@code 5 euros}), with a multiplier ({@code
 * 1.2万元}, {@code ¥1.5万}, {@code 3千块}) and as a range ({@code ¥100-200}, {@code 2 to 4
 * dollars}). The number may be digits, English words or Chinese numerals ({@code 三百五十元}, {@code
 * ten dollars}), but a small Chinese count of 块 followed by a noun is pieces, not money ({@code
 * 两块手表}, {@code 一块蛋糕}).
 *
 * <p>A bare {@code 1.2万} or {@code 3千} with no currency is an amount in yuan too, unless a counter
 * or unit follows ({@code 1.2万人}, {@code 3千米}, {@code 2万mAh}); {@link Amount#currencyWritten}
 * tells it apart. Where readings overlap the first found wins: a currency before the number, then
 * after it, then a bare multiplier. Stateless and thread-safe.
 */
public final class Amounts {
    private static final String NUMBER_OR_RANGE = Numerals.ANY + "(?:" + Numerals.RANGE_SEPARATOR + Numerals.ANY + ")?";
    private static final String DIGITS_OR_RANGE =
            Numerals.DIGITS + "(?:" + Numerals.RANGE_SEPARATOR + Numerals.DIGITS + ")?";
    private static final String MULTIPLIER = "(?:\\s*(万|千))?";
    /** Not in the middle of a word, a code or a number. */
    private static final String NOT_INSIDE = "(?<![A-Za-z0-9_])(?<!\\d[.,])";

    private static final Pattern PREFIX =
            Pattern.compile("((?<![A-Za-z])(?i:rmb|cny|usd|us\\$|hk\\$|hkd|eur|gbp)|¥|\\$|€|£|人民币)\\s*("
                    + NUMBER_OR_RANGE + ")" + MULTIPLIER + "(?!\\d)");
    private static final Pattern SUFFIX = Pattern.compile(NOT_INSIDE + "(" + NUMBER_OR_RANGE + ")" + MULTIPLIER
            + "\\s*(元|块钱|块|人民币|(?i:yuan|rmb|cny|usd|hkd|eur|euros?|gbp|dollars?)(?![A-Za-z]))");
    private static final Pattern BARE_MULTIPLIER = Pattern.compile(NOT_INSIDE + "(" + DIGITS_OR_RANGE + ")\\s*(万|千)"
            + "(?![0-9A-Za-z]|人|次|个|件|步|字|名|条|张|份|米|公里|粉|单|多|户|台|套|平|毫安|年|天|小时|分|秒)");
    private static final Pattern VALUE = Pattern.compile(Numerals.ANY);

    private Amounts() {}

    /** The amounts in {@code text}, not overlapping, ordered by start. */
    public static List<Amount> find(CharSequence text) {
        List<Amount> found = new ArrayList<>();
        Matcher m = PREFIX.matcher(text);
        while (m.find()) {
            add(found, m, m.group(2), m.group(3), m.group(1));
        }
        m = SUFFIX.matcher(text);
        while (m.find()) {
            if (!countsPieces(text, m)) {
                add(found, m, m.group(1), m.group(2), m.group(3));
            }
        }
        m = BARE_MULTIPLIER.matcher(text);
        while (m.find()) {
            add(found, m, m.group(1), m.group(2), null);
        }
        found.sort(Comparator.comparingInt(Amount::start));
        return List.copyOf(found);
    }

    private static void add(List<Amount> found, Matcher m, String numbers, String multiplier, String currency) {
        if (Spans.overlaps(found, m.start(), m.end())) {
            return;
        }
        List<BigDecimal> values = new ArrayList<>();
        Matcher v = VALUE.matcher(numbers);
        while (v.find()) {
            BigDecimal value;
            try {
                value = Numerals.parse(v.group());
            } catch (NumberFormatException e) {
                return; // 百元: not a numeral
            }
            if ("万".equals(multiplier)) {
                value = value.multiply(BigDecimal.valueOf(10_000));
            } else if ("千".equals(multiplier)) {
                value = value.multiply(BigDecimal.valueOf(1_000));
            }
            values.add(value);
        }
        if (!values.isEmpty() && values.size() <= 2) {
            found.add(new Amount(m.start(), m.end(), values, code(currency), currency != null));
        }
    }

    /** {@code 两块手表} is two watches: a small 块 count in words, directly followed by a noun. */
    private static boolean countsPieces(CharSequence text, Matcher m) {
        String number = m.group(1);
        if (!m.group(3).equals("块") || Character.isDigit(number.charAt(0)) || m.end() >= text.length()) {
            return false;
        }
        try {
            return Numerals.parse(number).compareTo(BigDecimal.TEN) < 0
                    && Character.isIdeographic(text.charAt(m.end()));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String code(String currency) {
        if (currency == null) {
            return "CNY";
        }
        return switch (currency.toLowerCase(Locale.ROOT)) {
            case "$", "usd", "us$", "dollar", "dollars" -> "USD";
            case "hk$", "hkd" -> "HKD";
            case "€", "eur", "euro", "euros" -> "EUR";
            case "£", "gbp" -> "GBP";
            default -> "CNY";
        };
    }
}
