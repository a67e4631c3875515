package dev.kefu.intents.entity;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.EntityExtractor;
import dev.kefu.core.intent.Language;
import dev.kefu.core.text.Numerals;
import dev.kefu.core.text.Units;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds sizes in normalised English and Chinese text (type {@code size}): clothing letter sizes,
 * shoe sizes, capacities, power and dimensions.
 *
 * <p>Canonical values:
 *
 * <ul>
 *   <li>clothing: {@code XS}, {@code S}, {@code M}, {@code L}, {@code XL}, {@code XXL}, {@code
 *       XXXL} ({@code 2XL} and {@code 3XL} fold to {@code XXL} and {@code XXXL}). A single letter
 *       counts only with a cue ({@code size M}, {@code M码}, {@code L号}, {@code 尺码L}, {@code M
 *       size}); {@code XS}, {@code XL}, {@code XXL} also stand alone, but never inside a word;
 *   <li>shoes: {@code EU 42} ({@code EU 42}, {@code 欧码42}, {@code 42码}, {@code 尺码42}, {@code
 *       穿42}, {@code size 42}), {@code US 9} ({@code US 9}, {@code 美码9}, {@code size 9}: a bare
 *       size of 15 or less is taken as US, 16 to 50 as EU), {@code UK 8}. A bare number ({@code
 *       I'm 35}) is never a size, and {@code us 5} followed by another English word ({@code give us
 *       5 stars}) is not one either;
 *   <li>capacities and dimensions: a number and a unit, {@code 22 L}, {@code 240 ml}, {@code 1.7 L}
 *       ({@code 1.7升}), {@code 65 W}, {@code 10000 mAh}, {@code 256 GB}, {@code 20 inch} ({@code
 *       20寸}), {@code 55 cm}, {@code 6.8 kg}, and {@code 52 x 45 x 22 cm}.
 * </ul>
 *
 * <p>The span covers the whole mention, cue included. Stateless and thread-safe; never throws for
 * any text.
 */
final class SizeEntityExtractor implements EntityExtractor {
    public static final String SIZE = "size";

    private static final String LETTER = "(4xl|3xl|2xl|xxxl|xxl|xl|xs|s|m|l)";
    private static final String SHOE_NUMBER = "([0-9]{1,2}(?:\\.5)?)(?![0-9]|\\.[0-9])";
    private static final String NUMBER = "(" + Numerals.DIGITS + ")";

    private static final Pattern DIMENSIONS = Pattern.compile("(?<![0-9.,])" + NUMBER + "\\s?[x×*]\\s?" + NUMBER
            + "(?:\\s?[x×*]\\s?" + NUMBER + ")?\\s?(cm|mm|厘米|毫米)(?![a-z0-9])");
    private static final Pattern LETTER_CUE_BEFORE =
            Pattern.compile("(?:(?<![a-z0-9])(?:size|sz)|尺码|码数|尺寸|码子)\\s?[:#是为]?\\s?" + LETTER + "(?![a-z0-9'])");
    private static final Pattern LETTER_CUE_AFTER =
            Pattern.compile("(?<![a-z0-9'])" + LETTER + "\\s?(?:码|号|size(?![a-z]))");
    private static final Pattern LETTER_ALONE =
            Pattern.compile("(?<![a-z0-9'-])(4xl|3xl|2xl|xxxl|xxl|xl|xs)(?![a-z0-9'-])");
    private static final Pattern SHOE_SYSTEM =
            Pattern.compile("(?:(?<![a-z])(eur|eu|uk|us)|(欧码|美码|英码))\\s?[:是为]?\\s?" + SHOE_NUMBER);
    private static final Pattern SHOE_CUE_BEFORE = Pattern.compile(
            "(?:(?<![a-z])(?:size|sz)|尺码|码数|鞋码)\\s?[:#是为]?\\s?" + SHOE_NUMBER + "(?!\\s?(?:x|cm|mm|inch|寸|厘米))");
    private static final Pattern SHOE_CUE_AFTER = Pattern.compile("(?<![0-9.])" + SHOE_NUMBER + "\\s?码");
    private static final Pattern SHOE_WORN = Pattern.compile("(?<=穿\\s?)" + SHOE_NUMBER + "(?:码|号)?");
    private static final Pattern MEASURE = Pattern.compile("(?<![0-9.,a-z])" + NUMBER
            + "\\s?-?\\s?(ml|毫升|l|升|w|瓦|mah|毫安时|毫安|gb|tb|inch(?:es)?|英寸|寸|cm|厘米|mm|毫米|kg|公斤)(?![a-z0-9])");

    /** English words after {@code us 9} that keep it a shoe size. */
    private static final Set<String> US_SIZE_FOLLOWERS =
            Set.of("size", "sizes", "shoe", "shoes", "or", "and", "please");

    @Override
    public List<Entity> extract(String normalizedText, Language language) {
        Checks.requireNonNull("normalizedText", normalizedText);
        String text = normalizedText;
        List<Entity> found = new ArrayList<>();
        Matcher m = DIMENSIONS.matcher(text);
        while (m.find()) {
            String unit = Units.canonical(m.group(4));
            String value = plain(m.group(1)) + " x " + plain(m.group(2))
                    + (m.group(3) == null ? "" : " x " + plain(m.group(3))) + " " + unit;
            add(found, value, m.start(), m.end());
        }
        m = LETTER_CUE_BEFORE.matcher(text);
        while (m.find()) {
            add(found, letter(m.group(1)), m.start(), m.end());
        }
        m = LETTER_CUE_AFTER.matcher(text);
        while (m.find()) {
            add(found, letter(m.group(1)), m.start(), m.end());
        }
        m = LETTER_ALONE.matcher(text);
        while (m.find()) {
            add(found, letter(m.group(1)), m.start(), m.end());
        }
        m = SHOE_SYSTEM.matcher(text);
        while (m.find()) {
            String system = system(m.group(1) != null ? m.group(1) : m.group(2));
            if (system.equals("US") && m.group(1) != null && !usSizeContext(text, m.end())) {
                continue;
            }
            add(found, system + " " + plain(m.group(3)), m.start(), m.end());
        }
        m = SHOE_CUE_BEFORE.matcher(text);
        while (m.find()) {
            add(found, shoe(m.group(1), true), m.start(), m.end());
        }
        m = SHOE_CUE_AFTER.matcher(text);
        while (m.find()) {
            add(found, shoe(m.group(1), false), m.start(), m.end());
        }
        m = SHOE_WORN.matcher(text);
        while (m.find()) {
            double size = Double.parseDouble(m.group(1));
            if (size >= 30 && size <= 50) {
                add(found, "EU " + plain(m.group(1)), m.start(), m.end());
            }
        }
        m = MEASURE.matcher(text);
        while (m.find()) {
            add(found, plain(m.group(1)) + " " + Units.canonical(m.group(2)), m.start(), m.end());
        }
        found.sort(Comparator.comparingInt(Entity::start));
        return List.copyOf(found);
    }

    private static void add(List<Entity> found, String value, int start, int end) {
        Entities.addIfFree(found, SIZE, value, start, end);
    }

    /** {@code us 9} is a size at the end of a clause, before CJK text, or before a size word. */
    private static boolean usSizeContext(String text, int end) {
        int i = end;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (i == text.length() || !isAsciiLetter(text.charAt(i))) {
            return true;
        }
        int wordEnd = i;
        while (wordEnd < text.length() && isAsciiLetter(text.charAt(wordEnd))) {
            wordEnd++;
        }
        return US_SIZE_FOLLOWERS.contains(text.substring(i, wordEnd));
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static String letter(String code) {
        return switch (code) {
            case "2xl" -> "XXL";
            case "3xl" -> "XXXL";
            default -> code.toUpperCase(Locale.ROOT);
        };
    }

    private static String system(String code) {
        return switch (code) {
            case "eu", "eur", "欧码" -> "EU";
            case "uk", "英码" -> "UK";
            default -> "US";
        };
    }

    /** A shoe size with no system: up to 15 is US (only after a "size" cue), 16 to 50 is EU. */
    private static String shoe(String number, boolean allowUs) {
        double size = Double.parseDouble(number);
        if (size >= 16 && size <= 50) {
            return "EU " + plain(number);
        }
        if (allowUs && size >= 1 && size <= 15) {
            return "US " + plain(number);
        }
        return null;
    }

    private static String plain(String number) {
        return Numerals.plain(number);
    }
}
