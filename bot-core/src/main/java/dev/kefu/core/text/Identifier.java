package dev.kefu.core.text;

import dev.kefu.core.Checks;
import java.util.Locale;

/**
 * An identifier in a text: an order number, a phone number, an e-mail address or a payment card
 * number.
 *
 * @param kind what it identifies
 * @param value canonical: see {@link Kind#canonical}
 */
public record Identifier(int start, int end, Kind kind, String value) implements TextSpan {
    public Identifier {
        TextSpan.requireSpan(start, end);
        Checks.requireNonNull("identifier.kind", kind);
        Checks.requireText("identifier.value", value);
    }

    /** The kinds of identifier, each with its canonical form. */
    public enum Kind {
        /** Upper-case letters and digits, separators dropped: {@code dd-2026-1122} is {@code DD20261122}. */
        ORDER_NUMBER,
        /**
         * Digits only; a Chinese mobile loses its country code: {@code +86 138-0013-8000} is
         * {@code 13800138000}.
         */
        PHONE,
        /** Lower case. */
        EMAIL,
        /** Digits only. */
        CARD;

        /** {@code written}, as the text wrote it, in this kind's canonical form. */
        public String canonical(String written) {
            return switch (this) {
                case ORDER_NUMBER -> written.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
                case PHONE -> {
                    String digits = written.replaceAll("\\D", "");
                    yield digits.matches("(?:0086|86)1[3-9]\\d{9}") ? digits.substring(digits.length() - 11) : digits;
                }
                case EMAIL -> written.toLowerCase(Locale.ROOT);
                case CARD -> written.replaceAll("\\D", "");
            };
        }
    }
}
