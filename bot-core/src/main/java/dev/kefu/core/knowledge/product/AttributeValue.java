package dev.kefu.core.knowledge.product;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * One typed fact of a product, as shoppers read it in each language, and as a number where it has
 * one (for comparisons).
 *
 * @param attribute which attribute
 * @param amount the value in its base unit (grams, hours, millilitres, watts, cubic centimetres,
 *     the price), or {@code null} when it is not a number
 * @param unit the base unit of {@code amount} ({@code g}, {@code h}, {@code ml}, {@code mAh},
 *     {@code GB}, {@code W}, {@code cm3}, the currency), or {@code null} with it; two values
 *     compare only in the same unit (milliampere-hours do not compare with litres)
 * @param en the value in English, non-blank
 * @param zh the value in Chinese, non-blank
 * @param briefEn the value alone in English ({@code 8 hours}, without the trainer's detail), for
 *     comparisons, non-blank
 * @param briefZh the value alone in Chinese, non-blank
 */
public record AttributeValue(
        Attribute attribute, BigDecimal amount, String unit, String en, String zh, String briefEn, String briefZh) {
    public AttributeValue {
        Checks.requireNonNull("attributeValue.attribute", attribute);
        Checks.requireAllText("attributeValue", "en zh briefEn briefZh", en, zh, briefEn, briefZh);
        if ((amount == null) != (unit == null)) {
            throw new IllegalArgumentException(
                    "attributeValue.amount and unit go together, were " + amount + ", " + unit);
        }
    }

    /** The value in the reply language. */
    public String text(Language language) {
        return language.replyLanguage() == Language.ZH ? zh : en;
    }

    /** The value alone in the reply language, as a comparison lists it. */
    public String brief(Language language) {
        return language.replyLanguage() == Language.ZH ? briefZh : briefEn;
    }

    /** The order of this value and {@code other}, when both are numbers in the same unit. */
    public Optional<Integer> compareTo(AttributeValue other) {
        if (amount == null || other.amount == null || !unit.equals(other.unit)) {
            return Optional.empty();
        }
        return Optional.of(amount.compareTo(other.amount));
    }
}
