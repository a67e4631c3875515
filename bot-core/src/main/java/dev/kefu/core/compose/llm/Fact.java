package dev.kefu.core.compose.llm;

/**
 * One checkable statement in a text: a price, date, duration, ... with a canonical key, so that
 * {@code 1,599 yuan} and {@code ¥1599.00} compare equal.
 *
 * @param kind what it is
 * @param key canonical within the kind: {@code 1599} (money), {@code min:10080} (a week),
 *     {@code month:36}, {@code kg:6.8}, {@code 12-31} (date), {@code 16:00}, {@code SAVE30}, {@code
 *     <ORDER_1>}
 * @param number the plain number as written, normalised ({@code 7} for {@code 7天}; for a date its
 *     year, or null), for comparison with untyped numbers; null for codes, placeholders and times
 * @param qualifier for percentages: {@link #OFF} (a discount), {@link #PAY} (share of the price
 *     paid, from 折) or empty
 * @param shown the text it was read from, for the rejection detail
 */
record Fact(Kind kind, String key, String number, String qualifier, String shown) {
    static final String OFF = "off";
    static final String PAY = "pay";

    enum Kind {
        PLACEHOLDER("placeholder"),
        CODE("code"),
        DATE("date"),
        TIME("time"),
        PERCENT("percentage"),
        MONEY("price"),
        DURATION("duration"),
        QUANTITY("quantity"),
        NUMBER("number");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    Fact(Kind kind, String key, String number, String shown) {
        this(kind, key, number, "", shown);
    }
}
