package dev.kefu.core.text;

import dev.kefu.core.Checks;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An amount of money in a text: one value, or the two ends of a range ({@code ¥100-200}).
 *
 * @param values one or two, the multiplier applied ({@code 1.2万} is 12000)
 * @param currency ISO 4217 code: {@code CNY}, {@code USD}, {@code HKD}, {@code EUR} or {@code
 *     GBP}; {@code CNY}, the store's, when none is written
 * @param currencyWritten false for a bare {@code 1.2万}: read as money only from its size
 */
public record Amount(int start, int end, List<BigDecimal> values, String currency, boolean currencyWritten)
        implements TextSpan {
    public Amount {
        TextSpan.requireSpan(start, end);
        values = Checks.copyOf("amount.values", values);
        if (values.isEmpty() || values.size() > 2) {
            throw new IllegalArgumentException("amount.values must hold one or two values, was " + values);
        }
        Checks.requireText("amount.currency", currency);
    }

    /** {@code 199 CNY}, {@code 20 USD}, {@code 100-200 CNY}. */
    @Override
    public String value() {
        return values.stream().map(Numerals::plain).collect(Collectors.joining("-")) + " " + currency;
    }
}
