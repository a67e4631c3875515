package dev.kefu.core.knowledge.product;

import dev.kefu.core.intent.Language;
import dev.kefu.core.text.Numerals;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers with units as product facts and shoppers write them: the unit's spellings in English and
 * Chinese, its canonical name, and the base unit values of one dimension convert to (kilograms to
 * grams, minutes to hours, litres to millilitres, inches to centimetres) so that two products'
 * values compare.
 */
public final class Quantities {
    /** A unit: its canonical name, base unit, factor to the base, and display in each language. */
    public record Unit(String canonical, String base, BigDecimal factor, String en, String zh) {}

    /** Canonical unit, base unit, factor, English, Chinese, then the spellings (lower case). */
    private static final String[][] TABLE = {
        {"h", "h", "1", "hours", "小时", "h", "hr", "hrs", "hour", "hours", "小时", "个小时"},
        {"min", "h", "0.0166666667", "minutes", "分钟", "min", "mins", "minute", "minutes", "分钟"},
        {"day", "h", "24", "days", "天", "day", "days", "天"},
        {"g", "g", "1", "g", "克", "g", "克"},
        {"kg", "g", "1000", "kg", "公斤", "kg", "kgs", "公斤", "千克"},
        {"jin", "g", "500", "jin", "斤", "斤"},
        {"ml", "ml", "1", "ml", "毫升", "ml", "毫升"},
        {"L", "ml", "1000", "L", "升", "l", "litre", "litres", "liter", "liters", "升"},
        {"mAh", "mAh", "1", "mAh", "mAh", "mah", "毫安", "毫安时"},
        {"Wh", "Wh", "1", "Wh", "Wh", "wh"},
        {"GB", "GB", "1", "GB", "GB", "gb"},
        {"TB", "GB", "1024", "TB", "TB", "tb"},
        {"W", "W", "1", "W", "W", "w", "瓦", "watt", "watts"},
        {"kW", "W", "1000", "kW", "千瓦", "kw", "千瓦"},
        {"mm", "cm", "0.1", "mm", "毫米", "mm", "毫米"},
        {"cm", "cm", "1", "cm", "厘米", "cm", "厘米", "公分"},
        {"m", "cm", "100", "m", "米", "m", "米"},
        {"inch", "cm", "2.54", "inches", "英寸", "inch", "inches", "in", "\"", "英寸", "寸"},
        {"month", "month", "1", "months", "个月", "month", "months", "个月", "月"},
        {"year", "month", "12", "years", "岁", "year", "years", "yr", "岁"}
    };

    private static final Map<String, Unit> BY_SPELLING = bySpelling();

    private static final Pattern QUANTITY =
            Pattern.compile("^(" + Numerals.DIGITS + ")\\s*([A-Za-z\"\\u4e00-\\u9fff]+)$");

    private Quantities() {}

    private static Map<String, Unit> bySpelling() {
        Map<String, Unit> out = new HashMap<>();
        for (String[] row : TABLE) {
            Unit unit = new Unit(row[0], row[1], new BigDecimal(row[2]), row[3], row[4]);
            for (int i = 5; i < row.length; i++) {
                out.put(row[i], unit);
            }
        }
        return Map.copyOf(out);
    }

    /** The unit spelled {@code spelling} in any case, if known. */
    static Optional<Unit> unit(String spelling) {
        return Optional.ofNullable(BY_SPELLING.get(spelling.toLowerCase(Locale.ROOT)));
    }

    /** {@code amount} in {@code unit}'s base unit. */
    static BigDecimal toBase(BigDecimal amount, Unit unit) {
        return amount.multiply(unit.factor(), MathContext.DECIMAL64).stripTrailingZeros();
    }

    /** A quantity written {@code 6.8 kg}, {@code 8h}, {@code 1700 W}: number and unit, or empty. */
    static Optional<Parsed> parse(String text) {
        Matcher m = QUANTITY.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return unit(m.group(2)).map(u -> new Parsed(Numerals.parse(m.group(1)), u));
    }

    /** A number and its unit. */
    record Parsed(BigDecimal amount, Unit unit) {
        String text(Language language) {
            String number = Numerals.plain(amount);
            String name = language.replyLanguage() == Language.ZH ? unit.zh() : unit.en();
            if (language.replyLanguage() != Language.ZH && amount.compareTo(BigDecimal.ONE) == 0) {
                name = name.endsWith("s") && name.length() > 3 ? name.substring(0, name.length() - 1) : name;
            }
            return number + " " + name;
        }
    }
}
