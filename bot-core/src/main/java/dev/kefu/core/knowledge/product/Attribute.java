package dev.kefu.core.knowledge.product;

import dev.kefu.core.intent.Language;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A typed product attribute, by the key it has in a knowledge entry's {@code attributes}. Each
 * names its value's shape, the units it accepts (one physical dimension per attribute, so values
 * of two products compare), which way is better in a comparison, and how its fact reads in each
 * language.
 */
public enum Attribute {
    BATTERY_LIFE(
            "battery_life",
            Shape.QUANTITY,
            Set.of("h", "min", "day"),
            Better.HIGHER,
            "battery life",
            "续航",
            "The %s's battery lasts %s.|The %s' battery lasts %s.",
            "%s的续航为%s。",
            "%s lasts longer.|%s last longer.",
            "%s的续航更长。"),
    WATER_RESISTANCE(
            "water_resistance",
            Shape.TEXT,
            Set.of(),
            Better.NONE,
            "water resistance",
            "防水",
            "The %s is %s.|The %s are %s.",
            "%s的防水性能：%s。",
            "",
            ""),
    WEIGHT(
            "weight",
            Shape.QUANTITY,
            Set.of("g", "kg"),
            Better.LOWER,
            "weight",
            "重量",
            "The %s weighs %s.|The %s weigh %s.",
            "%s重%s。",
            "%s is lighter.|%s are lighter.",
            "%s更轻。"),
    DIMENSIONS(
            "dimensions",
            Shape.DIMENSIONS,
            Set.of("mm", "cm", "m", "inch"),
            Better.LOWER,
            "dimensions",
            "尺寸",
            "The %s measures %s.|The %s measure %s.",
            "%s的尺寸是%s。",
            "%s is smaller.|%s are smaller.",
            "%s更小巧。"),
    CAPACITY(
            "capacity",
            Shape.QUANTITY,
            Set.of("ml", "L", "mAh", "Wh", "GB", "TB"),
            Better.HIGHER,
            "capacity",
            "容量",
            "The %s holds %s.|The %s hold %s.",
            "%s的容量是%s。",
            "%s holds more.|%s hold more.",
            "%s的容量更大。"),
    POWER(
            "power",
            Shape.QUANTITY,
            Set.of("W", "kW"),
            Better.HIGHER,
            "power",
            "功率",
            "The %s is rated at %s.|The %s are rated at %s.",
            "%s的功率是%s。",
            "%s is more powerful.|%s are more powerful.",
            "%s的功率更大。"),
    MATERIAL(
            "material",
            Shape.TEXT,
            Set.of(),
            Better.NONE,
            "material",
            "材质",
            "The %s is made of %s.|The %s are made of %s.",
            "%s的材质是%s。",
            "",
            ""),
    COLOURS(
            "colours",
            Shape.LIST,
            Set.of(),
            Better.NONE,
            "colours",
            "颜色",
            "The %s comes in %s.|The %s come in %s.",
            "%s有%s可选。",
            "",
            ""),
    SIZES(
            "sizes",
            Shape.LIST,
            Set.of(),
            Better.NONE,
            "sizes",
            "尺码",
            "The %s comes in sizes %s.|The %s come in sizes %s.",
            "%s的尺码：%s。",
            "",
            ""),
    COMPATIBILITY(
            "compatibility",
            Shape.TEXT,
            Set.of(),
            Better.NONE,
            "compatibility",
            "适用",
            "The %s works with %s.|The %s work with %s.",
            "%s适用于%s。",
            "",
            ""),
    STOCK("stock", Shape.STOCK, Set.of(), Better.NONE, "stock", "库存", "The %s is %s.|The %s are %s.", "%s%s。", "", ""),
    PRICE(
            "price",
            Shape.PRICE,
            Set.of(),
            Better.LOWER,
            "price",
            "价格",
            "The %s costs %s.|The %s cost %s.",
            "%s的价格是%s。",
            "%s is cheaper.|%s are cheaper.",
            "%s更便宜。"),
    SIZE_TABLE("size_table", Shape.SIZE_TABLE, Set.of(), Better.NONE, "size chart", "尺码表", "%s", "%s", "", "");

    /** How the value is written. */
    public enum Shape {
        /** A number and a unit: {@code 6.8 kg}, {@code 8 h}. */
        QUANTITY,
        /** Two or three lengths and a unit: {@code 52 x 45 x 22 cm}. */
        DIMENSIONS,
        /** Free text: {@code IPX4}, {@code full-grain leather}. */
        TEXT,
        /** Comma-separated items: {@code S,M,L}. */
        LIST,
        /** {@code in_stock}, {@code low_stock} or {@code out_of_stock}. */
        STOCK,
        /** A number in the entry's {@code currency} (CNY when absent). */
        PRICE,
        /** A {@link SizeTable}. */
        SIZE_TABLE
    }

    /** Which value wins a comparison. */
    public enum Better {
        HIGHER,
        LOWER,
        NONE
    }

    private final String key;
    private final Shape shape;
    private final Set<String> units;
    private final Better better;
    private final String labelEn;
    private final String labelZh;
    private final String sentenceEn;
    private final String sentenceZh;
    private final String winnerEn;
    private final String winnerZh;

    Attribute(
            String key,
            Shape shape,
            Set<String> units,
            Better better,
            String labelEn,
            String labelZh,
            String sentenceEn,
            String sentenceZh,
            String winnerEn,
            String winnerZh) {
        this.key = key;
        this.shape = shape;
        this.units = units;
        this.better = better;
        this.labelEn = labelEn;
        this.labelZh = labelZh;
        this.sentenceEn = sentenceEn;
        this.sentenceZh = sentenceZh;
        this.winnerEn = winnerEn;
        this.winnerZh = winnerZh;
    }

    /** The key in a knowledge entry's {@code attributes}. */
    public String key() {
        return key;
    }

    public Shape shape() {
        return shape;
    }

    /** The canonical units a quantity may be written in; empty for other shapes. */
    public Set<String> units() {
        return units;
    }

    public Better better() {
        return better;
    }

    /** The attribute's name in the reply language ("battery life", "续航"). */
    public String label(Language language) {
        return language.replyLanguage() == Language.ZH ? labelZh : labelEn;
    }

    /**
     * The fact as one sentence: the product's name and the value's text, in the reply language.
     * English agrees the verb with a plural name ("The X200 Wireless Earbuds weigh ...").
     */
    public String sentence(String productName, String valueText, Language language) {
        String value = valueText;
        int slot = sentenceZh.lastIndexOf("%s");
        if (language.replyLanguage() == Language.ZH
                && !value.isEmpty()
                && value.charAt(0) < 0x80
                && slot > 0
                && Character.isIdeographic(sentenceZh.charAt(slot - 1))) {
            value = " " + value; // "重 6.8 公斤": Chinese copy spaces numbers and Latin words
        }
        return String.format(Locale.ROOT, pick(sentenceEn, sentenceZh, productName, language), productName, value);
    }

    /** Which product wins, as a sentence ("X is lighter."); empty when the attribute has no order. */
    public Optional<String> winner(String productName, Language language) {
        String template = pick(winnerEn, winnerZh, productName, language);
        return template.isEmpty() ? Optional.empty() : Optional.of(String.format(Locale.ROOT, template, productName));
    }

    private static String pick(String en, String zh, String productName, Language language) {
        if (language.replyLanguage() == Language.ZH) {
            return zh;
        }
        int bar = en.indexOf('|');
        if (bar < 0) {
            return en;
        }
        return pluralName(productName) ? en.substring(bar + 1) : en.substring(0, bar);
    }

    /** An English name whose last word is a plural ("Earbuds", "Jeans", "Shoes"), not "Glass". */
    static boolean pluralName(String name) {
        String[] words = name.strip().split("\\s+");
        String last = words[words.length - 1].toLowerCase(Locale.ROOT);
        return last.length() > 2 && last.endsWith("s") && !last.endsWith("ss") && !last.endsWith("us");
    }

    /** The attribute stored under {@code key}, if it is a typed one. */
    public static Optional<Attribute> fromKey(String key) {
        return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst();
    }
}
