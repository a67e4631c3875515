package dev.kefu.intents.entity;

/**
 * Reads simple Chinese numerals: the digits 零一二两三四五六七八九, the units 十百千万, and the colloquial
 * trailing digit after a unit ({@code 三百五} is 350, {@code 一千二} is 1200, {@code 两万五} is 25000).
 * Single Arabic digits may stand in for Chinese ones. Returns -1 for anything else, never throws.
 */
final class ChineseNumerals {
    /** The characters a Chinese numeral may contain, for use in regular expressions. */
    static final String CHARS = "零一二两三四五六七八九十百千万";

    private ChineseNumerals() {}

    static long parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 12) {
            return -1;
        }
        long total = 0;
        long section = 0;
        long digit = -1;
        int lastUnit = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '零') {
                digit = -1;
                continue;
            }
            int d = digit(c);
            if (d >= 0) {
                if (digit >= 0) {
                    return -1;
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
                    return -1;
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
