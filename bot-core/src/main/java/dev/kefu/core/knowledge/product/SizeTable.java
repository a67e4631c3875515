package dev.kefu.core.knowledge.product;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import dev.kefu.core.text.Numerals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which size fits which body measure, written in a product's {@code size_table} attribute as
 * {@code <measure> <unit>: <size> <from>-<to>; ...}, for example {@code weight kg: NB -5; S 4-8; M
 * 6-11; L 9-14; XL 12-} (an open end has no number) or {@code height cm: S 155-165; M 165-172}. It
 * answers "which size for a 7 kg baby" and "身高170穿多大": the sizes whose range holds the
 * shopper's measure, read from the question in the table's unit or one convertible to it.
 *
 * @param measure what is measured
 * @param unit the unit of the ranges
 * @param rows at least one, in the trainer's order
 */
public record SizeTable(Measure measure, Quantities.Unit unit, List<Row> rows) {
    /** What a size table measures, with the words shoppers use for it in both languages. */
    public enum Measure {
        WEIGHT("weight", "体重", "(?:体重|重|weigh\\w*|weight)"),
        HEIGHT("height", "身高", "(?:身高|个子|高|height|tall)"),
        FOOT("foot length", "脚长", "(?:脚长|脚|foot|feet)"),
        WAIST("waist", "腰围", "(?:腰围|腰|waist)"),
        CHEST("chest", "胸围", "(?:胸围|chest|bust)"),
        AGE("age", "年龄", "(?:年龄|age|old|岁)");

        private final String en;
        private final String zh;
        private final String words;

        Measure(String en, String zh, String words) {
            this.en = en;
            this.zh = zh;
            this.words = words;
        }

        static Optional<Measure> of(String name) {
            for (Measure m : values()) {
                if (m.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * One size and the range of the measure it fits.
     *
     * @param size the size's name, non-blank
     * @param from lowest fitting measure, or {@code null} for no lower end
     * @param to highest fitting measure, or {@code null} for no upper end
     */
    public record Row(String size, BigDecimal from, BigDecimal to) {
        public Row {
            Checks.requireText("sizeTable.row.size", size);
            if (from == null && to == null) {
                throw new IllegalArgumentException("size " + size + " needs a range such as 4-8, -5 or 12-");
            }
        }

        boolean fits(BigDecimal value) {
            return (from == null || from.compareTo(value) <= 0) && (to == null || value.compareTo(to) <= 0);
        }

        String range() {
            if (from == null) {
                return "≤" + Numerals.plain(to);
            }
            return to == null ? Numerals.plain(from) + "+" : Numerals.plain(from) + "-" + Numerals.plain(to);
        }
    }

    private static final Pattern HEADER = Pattern.compile("^\\s*([a-z]+)\\s+(\\S+)\\s*:(.*)$");
    private static final Pattern ROW =
            Pattern.compile("^(.+?)\\s+(" + Numerals.DIGITS + ")?\\s*(?:-|–|~)\\s*(" + Numerals.DIGITS + ")?$");

    public SizeTable {
        Checks.requireNonNull("sizeTable.measure", measure);
        Checks.requireNonNull("sizeTable.unit", unit);
        rows = Checks.copyOf("sizeTable.rows", rows);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a size table needs at least one size");
        }
    }

    /**
     * Reads {@code <measure> <unit>: <size> <from>-<to>; ...}.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static SizeTable parse(String text) {
        Matcher header = HEADER.matcher(text);
        if (!header.matches()) {
            throw new IllegalArgumentException("a size table is written \"<measure> <unit>: <size> <from>-<to>; ...\","
                    + " e.g. \"weight kg: S 4-8; M 6-11\"");
        }
        Measure measure = Measure.of(header.group(1))
                .orElseThrow(() -> new IllegalArgumentException("a size table measures one of weight, height, foot,"
                        + " waist, chest, age; was \"" + header.group(1) + "\""));
        Quantities.Unit unit = Quantities.unit(header.group(2))
                .orElseThrow(() -> new IllegalArgumentException("unknown unit \"" + header.group(2) + "\""));
        List<Row> rows = new ArrayList<>();
        for (String part : header.group(3).split(";")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher row = ROW.matcher(part.strip());
            if (!row.matches()) {
                throw new IllegalArgumentException(
                        "a size is written \"<size> <from>-<to>\" (an open end has no number), was \"" + part.strip()
                                + "\"");
            }
            rows.add(new Row(
                    row.group(1).strip(),
                    row.group(2) == null ? null : Numerals.parse(row.group(2)),
                    row.group(3) == null ? null : Numerals.parse(row.group(3))));
        }
        return new SizeTable(measure, unit, rows);
    }

    /**
     * The shopper's measure in a question, in this table's unit: a number with a unit of the same
     * kind ({@code 7 kg}, {@code 14斤}, {@code 170cm}, {@code 32 inch}), or a bare number next to
     * the measure's word ({@code 身高170}, {@code height 165}, {@code 32 waist}).
     */
    public Optional<BigDecimal> measureIn(String text) {
        Matcher withUnit = Pattern.compile(
                        "(" + Numerals.DIGITS + "|" + Numerals.CHINESE + ")\\s*([a-z\"]+|[\\u4e00-\\u9fff]{1,2})")
                .matcher(text);
        while (withUnit.find()) {
            Optional<Quantities.Unit> written = Quantities.unit(withUnit.group(2))
                    .or(() -> Quantities.unit(withUnit.group(2).substring(0, 1)));
            if (written.isPresent() && written.get().base().equals(unit.base())) {
                BigDecimal base = Quantities.toBase(Numerals.parse(withUnit.group(1)), written.get());
                return Optional.of(base.divide(unit.factor(), java.math.MathContext.DECIMAL64)
                        .stripTrailingZeros());
            }
        }
        Matcher bare = Pattern.compile(measure.words + "\\D{0,4}?(" + Numerals.DIGITS + ")|(" + Numerals.DIGITS
                        + ")\\s*(?:的)?" + measure.words)
                .matcher(text);
        if (bare.find()) {
            return Optional.of(Numerals.parse(bare.group(1) != null ? bare.group(1) : bare.group(2)));
        }
        return Optional.empty();
    }

    /** The sizes whose range holds {@code value}; the nearest end's size when none does. */
    public List<Row> fitting(BigDecimal value) {
        List<Row> fit = rows.stream().filter(r -> r.fits(value)).toList();
        if (!fit.isEmpty()) {
            return fit;
        }
        Row first = rows.get(0);
        Row last = rows.get(rows.size() - 1);
        return List.of(first.from() != null && value.compareTo(first.from()) < 0 ? first : last);
    }

    /** "For a weight of 7 kg, choose size S (4-8 kg) of the CloudNest Ultra-Soft Diapers; M (6-11 kg) fits too." */
    public String recommend(BigDecimal value, String productName, Language language) {
        List<Row> fit = fitting(value);
        boolean zh = language.replyLanguage() == Language.ZH;
        String unitName = zh ? unit.zh() : unit.en();
        String measured = Numerals.plain(value) + " " + unitName;
        String best = sized(fit.get(0), unitName, zh);
        String next = fit.size() > 1 ? sized(fit.get(1), unitName, zh) : null;
        if (zh) {
            return productName + "：" + measure.zh + " " + measured + "选 " + best
                    + (next == null ? "" : "，" + next + "也合适") + "。";
        }
        return "For a " + measure.en + " of " + measured + ", choose size " + best + " of the " + productName
                + (next == null ? "" : "; " + next + " fits too") + ".";
    }

    /** One size with its range: "S (4-8 kg)", "S 码（4-8 kg）". */
    private static String sized(Row row, String unitName, boolean zh) {
        String range = row.range() + " " + unitName;
        return zh ? row.size() + " 码（" + range + "）" : row.size() + " (" + range + ")";
    }

    /** The table in one line, for the value text of the {@code size_table} attribute. */
    String summary(Language language) {
        boolean zh = language.replyLanguage() == Language.ZH;
        String unitName = zh ? unit.zh() : unit.en();
        StringBuilder out = new StringBuilder(zh ? measure.zh + "对照：" : "Sizes by " + measure.en + ": ");
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            out.append(i == 0 ? "" : zh ? "，" : ", ")
                    .append(row.size())
                    .append(' ')
                    .append(row.range())
                    .append(' ')
                    .append(unitName);
        }
        return out.toString();
    }
}
