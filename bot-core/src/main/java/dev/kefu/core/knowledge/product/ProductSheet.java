package dev.kefu.core.knowledge.product;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import dev.kefu.core.text.Numerals;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A product's typed facts, read from its knowledge entry's string {@code attributes}: the value of
 * each {@link Attribute} under its key ({@code "weight": "6.8 kg"}), and its text in each language
 * under {@code <key>.en} and {@code <key>.zh} when the value alone does not say it ({@code
 * "water_resistance.zh": "IPX4 防汗防溅，不能游泳"}). Quantities take a number and a unit of the
 * attribute's kind; dimensions two or three numbers and a unit ({@code 52 x 45 x 22 cm}); lists
 * are comma-separated; {@code stock} is {@code in_stock}, {@code low_stock} or {@code
 * out_of_stock}; {@code price} a number in the entry's {@code currency} (CNY if absent); {@code
 * size_table} a {@link SizeTable}. Other keys are free and ignored here, so older files keep
 * loading.
 *
 * @param values the typed facts by attribute
 * @param sizeTable the size table, if the product has one
 */
public record ProductSheet(Map<Attribute, AttributeValue> values, SizeTable sizeTable) {
    private static final Pattern DIMENSIONS = Pattern.compile("^(" + Numerals.DIGITS + ")\\s*[x×*]\\s*("
            + Numerals.DIGITS + ")(?:\\s*[x×*]\\s*(" + Numerals.DIGITS + "))?\\s*([A-Za-z\"\\u4e00-\\u9fff]+)$");
    private static final Pattern PRICE = Pattern.compile("^" + Numerals.DIGITS + "$");

    /** A product with no typed facts. */
    public static final ProductSheet EMPTY = new ProductSheet(Map.of(), null);

    public ProductSheet {
        Checks.requireNonNull("productSheet.values", values);
        values = values.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(values));
    }

    public Optional<AttributeValue> value(Attribute attribute) {
        return Optional.ofNullable(values.get(attribute));
    }

    public Optional<SizeTable> table() {
        return Optional.ofNullable(sizeTable);
    }

    /**
     * Reads the typed facts among {@code attributes}.
     *
     * @throws IllegalArgumentException naming the key and the value of the first one that does not
     *     read as its attribute's shape
     */
    public static ProductSheet of(Map<String, String> attributes) {
        Map<Attribute, AttributeValue> values = new EnumMap<>(Attribute.class);
        SizeTable table = null;
        for (Attribute attribute : Attribute.values()) {
            String raw = attributes.get(attribute.key());
            if (raw == null) {
                continue;
            }
            try {
                if (raw.isBlank()) {
                    throw new IllegalArgumentException("must not be blank");
                }
                if (attribute == Attribute.SIZE_TABLE) {
                    table = SizeTable.parse(raw);
                    values.put(
                            attribute,
                            new AttributeValue(
                                    attribute,
                                    null,
                                    null,
                                    table.summary(Language.EN),
                                    table.summary(Language.ZH),
                                    table.summary(Language.EN),
                                    table.summary(Language.ZH)));
                } else {
                    values.put(attribute, read(attribute, raw.strip(), attributes));
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "attributes." + attribute.key() + " \"" + raw + "\": " + e.getMessage());
            }
        }
        return values.isEmpty() ? EMPTY : new ProductSheet(values, table);
    }

    private static AttributeValue read(Attribute attribute, String raw, Map<String, String> attributes) {
        String en = attributes.get(attribute.key() + ".en");
        String zh = attributes.get(attribute.key() + ".zh");
        BigDecimal amount = null;
        String unit = null;
        String defaultEn = raw;
        String defaultZh = raw;
        switch (attribute.shape()) {
            case QUANTITY -> {
                Quantities.Parsed q = Quantities.parse(raw)
                        .filter(p -> attribute.units().contains(p.unit().canonical()))
                        .orElseThrow(() -> new IllegalArgumentException("must be a number and one of the units "
                                + String.join(", ", new java.util.TreeSet<>(attribute.units()))));
                amount = Quantities.toBase(q.amount(), q.unit());
                unit = q.unit().base();
                defaultEn = q.text(Language.EN);
                defaultZh = q.text(Language.ZH);
            }
            case DIMENSIONS -> {
                var m = DIMENSIONS.matcher(raw);
                Quantities.Unit u = m.matches() ? Quantities.unit(m.group(4)).orElse(null) : null;
                if (u == null || !attribute.units().contains(u.canonical())) {
                    throw new IllegalArgumentException(
                            "must be two or three numbers and a length unit, such as 52 x 45 x 22 cm");
                }
                amount = Quantities.toBase(Numerals.parse(m.group(1)), u)
                        .multiply(Quantities.toBase(Numerals.parse(m.group(2)), u));
                unit = "cm2";
                if (m.group(3) != null) {
                    amount = amount.multiply(Quantities.toBase(Numerals.parse(m.group(3)), u));
                    unit = "cm3";
                }
                amount = amount.stripTrailingZeros();
            }
            case LIST -> {
                List<String> items = Arrays.stream(raw.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
                defaultEn = String.join(", ", items);
                defaultZh = String.join("、", items);
            }
            case STOCK -> {
                switch (raw) {
                    case "in_stock" -> {
                        defaultEn = "in stock";
                        defaultZh = "现在有货";
                    }
                    case "low_stock" -> {
                        defaultEn = "in stock, but running low";
                        defaultZh = "有货，但库存紧张";
                    }
                    case "out_of_stock" -> {
                        defaultEn = "out of stock right now";
                        defaultZh = "暂时缺货";
                    }
                    default -> throw new IllegalArgumentException("must be in_stock, low_stock or out_of_stock");
                }
            }
            case PRICE -> {
                if (!PRICE.matcher(raw).matches()) {
                    throw new IllegalArgumentException("must be a number such as 399.00");
                }
                String currency = attributes.getOrDefault("currency", "CNY");
                amount = Numerals.parse(raw).stripTrailingZeros();
                unit = currency;
                String number = Numerals.plain(amount);
                defaultEn = "CNY".equals(currency) ? number + " yuan" : number + " " + currency;
                defaultZh = "CNY".equals(currency) ? number + " 元" : number + " " + currency;
            }
            default -> {
                // free text: as written, unless translated
            }
        }
        return new AttributeValue(
                attribute,
                amount,
                unit,
                en == null || en.isBlank() ? defaultEn : en.strip(),
                zh == null || zh.isBlank() ? defaultZh : zh.strip(),
                amount == null && en != null && !en.isBlank() ? en.strip() : defaultEn,
                amount == null && zh != null && !zh.isBlank() ? zh.strip() : defaultZh);
    }

    @Override
    public String toString() {
        return values.values().stream()
                .map(v -> v.attribute().key() + "=" + v.en())
                .collect(Collectors.joining(", "));
    }
}
