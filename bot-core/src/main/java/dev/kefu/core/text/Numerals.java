package dev.kefu.core.text;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Numbers as shoppers and answers write them: Arabic digits ({@code 1599}, {@code 1,599}, {@code
 * 6.8}, full-width {@code １５９９}), English words up to ninety-nine ({@code seven}, {@code
 * twenty-four}) and Chinese numerals ({@code 七}, {@code 二十四}, {@code 两百}, {@code 一百零八}, {@code
 * 一万二千}, {@code 〇}, {@code 三点五}, and the colloquial trailing digit: {@code 三百五} is 350,
 * {@code 一千二} 1200, {@code 两万五} 25000).
 *
 * <p>The patterns are regular-expression fragments without groups, for recognisers that put a
 * number inside a larger expression; {@link #parse} reads what they matched.
 */
public final class Numerals {
    /** Arabic digits, optionally grouped by thousands, with optional decimals. */
    public static final String DIGITS = "(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?";

    /** English number words from one to ninety-nine, in any case, not inside a longer word. */
    public static final String WORDS = "(?<![A-Za-z])(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
            + "(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen"
            + "|sixteen|seventeen|eighteen|nineteen|ten|one|two|three|four|five|six|seven|eight|nine)(?![A-Za-z])";

    /**
     * Chinese numerals, with an optional {@code 点} decimal part; never starting inside another
     * numeral, after a digit or after {@code 第} (an ordinal).
     */
    public static final String CHINESE = "(?<![第零〇一二两三四五六七八九十百千万点0-9])[零〇一二两三四五六七八九十百千万]+(?:点[零〇一二三四五六七八九]+)?";

    /** A number in any of the three forms. */
    public static final String ANY = "(?:" + DIGITS + "|" + WORDS + "|" + CHINESE + ")";

    /** Between the two ends of a range: {@code 2-4}, {@code 2 ~ 4}, {@code 2至4}, {@code 2到4}, {@code 2 to 4}. */
    public static final String RANGE_SEPARATOR = "(?:\\s?(?:-|–|—|~|至|到)\\s?|\\s+(?i:to)\\s+)";

    /** The longest Chinese numeral read, well beyond any real one, so no value overflows. */
    private static final int MAX_CHINESE_LENGTH = 24;

    private static final Map<String, Integer> WORD_VALUES = Map.ofEntries(
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

    private Numerals() {}

    /**
     * The value of a number in any form: digits (thousands separators and full-width digits
     * allowed), an English word ({@code twenty-four}) or a Chinese numeral ({@code 三百五}, {@code
     * 三点五}, {@code 1.5万} and {@code 3千} too).
     *
     * @throws NumberFormatException when {@code text} is none of these
     */
    public static BigDecimal parse(CharSequence text) {
        String s = halfWidthDigits(text).strip();
        if (s.isEmpty()) {
            throw new NumberFormatException("not a number: \"\"");
        }
        if (s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == ',' || c == '.')) {
            return new BigDecimal(s.replace(",", ""));
        }
        String lower = s.toLowerCase(Locale.ROOT);
        Integer word = WORD_VALUES.get(lower);
        if (word != null) {
            return BigDecimal.valueOf(word);
        }
        String[] parts = lower.split("[- ]");
        if (parts.length == 2 && WORD_VALUES.containsKey(parts[0]) && WORD_VALUES.containsKey(parts[1])) {
            return BigDecimal.valueOf(WORD_VALUES.get(parts[0]) + WORD_VALUES.get(parts[1]));
        }
        BigDecimal value = chineseDecimal(s);
        if (value == null) {
            throw new NumberFormatException("not a number: \"" + text + "\"");
        }
        return value;
    }

    /**
     * The value of a whole Chinese numeral ({@code 十一}, {@code 两百}, {@code 三百五}, {@code 一万二千});
     * single Arabic digits may stand in for Chinese ones ({@code 3千}). Returns -1 for anything
     * else ({@code 百}, {@code 一二}, {@code 五个}, empty), never throws.
     */
    public static long chinese(CharSequence text) {
        if (text == null || text.length() == 0 || text.length() > MAX_CHINESE_LENGTH) {
            return -1;
        }
        long total = 0;
        long section = 0;
        long digit = -1;
        int lastUnit = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '零' || c == '〇') {
                if (digit >= 0) {
                    return -1; // 二〇: a digit sequence, not a numeral
                }
                continue;
            }
            int d = digit(c);
            if (d >= 0) {
                if (digit >= 0) {
                    return -1; // 八五: two digits in a row
                }
                digit = d;
                continue;
            }
            int unit = unit(c);
            if (unit == 0) {
                return -1;
            }
            if (unit == 10_000) {
                section += Math.max(digit, 0);
                if (section == 0) {
                    return -1;
                }
                total += section * 10_000;
                section = 0;
            } else {
                long multiplier = digit < 0 ? (unit == 10 ? 1 : -1) : digit;
                if (multiplier < 0) {
                    return -1; // 百 without a digit before it
                }
                section += multiplier * unit;
            }
            lastUnit = unit;
            digit = -1;
        }
        if (digit >= 0) {
            // a trailing digit right after 百/千/万 is colloquial shorthand for the next unit down
            boolean shorthand = lastUnit >= 100 && text.length() >= 2 && unit(text.charAt(text.length() - 2)) > 0;
            section += shorthand ? digit * (lastUnit / 10) : digit;
        }
        return total + section;
    }

    /** {@code number} without grouping and trailing zeros: {@code 1,599.00} is {@code 1599}. */
    public static String plain(String number) {
        return plain(parse(number));
    }

    /** {@code number} without trailing zeros, never in exponent form. */
    public static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }

    /** {@code 三点五} 3.5, {@code 一点五万} 15000, {@code 1.5万} 15000, {@code 三百五} 350; null if none. */
    private static BigDecimal chineseDecimal(String s) {
        BigDecimal multiplier = BigDecimal.ONE;
        String body = s;
        int point = Math.max(s.indexOf('点'), s.indexOf('.'));
        if (point >= 0 && s.endsWith("万")) {
            multiplier = BigDecimal.valueOf(10_000);
            body = s.substring(0, s.length() - 1);
        }
        if (point < 0) {
            long whole = chinese(body);
            return whole < 0 ? null : BigDecimal.valueOf(whole);
        }
        String wholePart = body.substring(0, point);
        String fraction = body.substring(point + 1);
        long whole = wholePart.chars().allMatch(c -> c >= '0' && c <= '9') && !wholePart.isEmpty()
                ? Long.parseLong(wholePart)
                : chinese(wholePart);
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < fraction.length(); i++) {
            int d = fraction.charAt(i) == '零' || fraction.charAt(i) == '〇' ? 0 : digit(fraction.charAt(i));
            if (d < 0) {
                return null;
            }
            digits.append(d);
        }
        if (whole < 0 || digits.length() == 0) {
            return null;
        }
        return new BigDecimal(whole + "." + digits).multiply(multiplier);
    }

    private static String halfWidthDigits(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '０' && c <= '９') {
                out.append((char) (c - '０' + '0'));
            } else if (c == '，') {
                out.append(',');
            } else if (c == '．') {
                out.append('.');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int digit(char c) {
        return switch (c) {
            case '0' -> 0;
            case '一', '1' -> 1;
            case '二', '两', '2' -> 2;
            case '三', '3' -> 3;
            case '四', '4' -> 4;
            case '五', '5' -> 5;
            case '六', '6' -> 6;
            case '七', '7' -> 7;
            case '八', '8' -> 8;
            case '九', '9' -> 9;
            default -> -1;
        };
    }

    private static int unit(char c) {
        return switch (c) {
            case '十' -> 10;
            case '百' -> 100;
            case '千' -> 1000;
            case '万' -> 10_000;
            default -> 0;
        };
    }
}
