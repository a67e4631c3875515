package dev.kefu.core.text;

import dev.kefu.core.Checks;
import dev.kefu.core.text.Identifier.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds order numbers, phone numbers, e-mail addresses and payment card numbers, in any case and
 * in Chinese, English or mixed text. The rules, in priority order:
 *
 * <ol>
 *   <li>e-mail: {@code name@host.tld};
 *   <li>order number after a cue ({@code order}, {@code order #}, {@code order no.}, {@code
 *       tracking}, {@code waybill}, {@code 订单号}, {@code 运单号}, {@code 单号}, ...): up to four
 *       letters, then five or more digits, dashes allowed inside ({@code order 88341}, {@code
 *       订单号：DD20261122001}, {@code order number is 2026-1122-0012}), not a date;
 *   <li>card: 13-19 digits, contiguous or in groups, that pass the Luhn check ({@link
 *       #isCardNumber});
 *   <li>phone: after a cue ({@code 电话}, {@code 手机}, {@code phone}, {@code tel}, {@code call me
 *       at}: 7-15 digits); a Chinese mobile {@code 1[3-9]x xxxx xxxx} with optional {@code +86},
 *       {@code 0086}, {@code 86} and spaces or dashes; {@code +} international numbers (8-15
 *       digits); {@code (021) 6123 4567}; {@code 400}/{@code 800} hotlines; {@code 415-555-2671};
 *       landlines with a 0 trunk prefix and separators ({@code 010-12345678}, 9-12 digits);
 *   <li>order number without a cue: one to four letters and eight or more digits ({@code
 *       DD20261122001}, {@code SO20241123001}), or a run of 12 to 30 digits.
 * </ol>
 *
 * <p>Where readings overlap the longer wins, then the earlier rule: so {@code 13800138000} is a
 * phone, but an order after {@code 订单号}; a Luhn-valid bare 16-digit run is a card. A store whose
 * order numbers have their own shape replaces both order rules with {@link #withOrderPattern}.
 * Immutable and thread-safe.
 */
public final class Identifiers {
    private static final String VALUE_GROUP = "(?<value>";
    private static final Pattern DATE = Pattern.compile("(?:19|20)\\d{2}[-/.]\\d{1,2}[-/.]\\d{1,2}");

    private static final Rule EMAIL = new Rule(
            Kind.EMAIL,
            Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"
                    + "(?![A-Za-z0-9-])"),
            value -> true);
    private static final Rule CUED_ORDER = new Rule(
            Kind.ORDER_NUMBER,
            Pattern.compile("(?i)(?:(?<![a-z])(?:order|tracking|waybill)(?:\\s*(?:number|no\\.?|num|id|#|code))?"
                    + "|订单(?:号码|编号|号)?|运单号?|快递单号|物流单号|单号)"
                    + "\\s*(?:is|was|number|no\\.?|:|：|=|为|是)?\\s*#?\\s*"
                    + "(?<value>[a-z]{0,4}-?\\d[\\d-]{3,30}\\d)(?![a-z0-9])"),
            value -> digits(value) >= 5 && !DATE.matcher(value).matches());
    private static final Rule CARD = new Rule(
            Kind.CARD,
            Pattern.compile("(?<![\\d.,-])(?:\\d{13,19}|\\d{4}[ -]\\d{4}[ -]\\d{4}[ -]\\d{1,7}"
                    + "|\\d{4}[ -]\\d{6}[ -]\\d{4,5})(?!\\d|[.,]\\d)"),
            Identifiers::isCardNumber);
    private static final List<Rule> PHONES = List.of(
            new Rule(
                    Kind.PHONE,
                    Pattern.compile(
                            "(?i)(?:电话|手机号?码?|联系方式|座机|(?<![a-z])(?:tel|phone|mobile|cell)(?:\\s*(?:number|no\\.?))?"
                                    + "|call\\s+(?:me\\s+)?(?:at|on))\\s*(?:is|是|为|:|：)?\\s*"
                                    + "(?<value>\\+?\\d{2,}(?:[ -]\\d{2,}){0,4})(?!\\d)"),
                    value -> digits(value) >= 7
                            && digits(value) <= 15
                            && !DATE.matcher(value).matches()),
            new Rule(
                    Kind.PHONE,
                    Pattern.compile("(?<![A-Za-z0-9+])(?:(?:\\+|00)\\s?86[ -]?|\\(\\+?86\\)\\s?|86[ -]?)?"
                            + "1[3-9]\\d(?:[ -]?\\d{4}){2}(?!\\d)"),
                    value -> true),
            new Rule(
                    Kind.PHONE,
                    Pattern.compile("(?<![\\w+])\\+\\d{1,3}(?:[ -]?\\(\\d{1,4}\\))?(?:[ -]?\\d{1,4}){2,5}(?!\\d)"),
                    value -> digits(value) >= 8 && digits(value) <= 15),
            new Rule(
                    Kind.PHONE,
                    Pattern.compile("(?<!\\w)\\(\\d{2,4}\\)[ -]?\\d{3,4}[ -]?\\d{4}(?!\\d)"),
                    value -> true),
            new Rule(
                    Kind.PHONE,
                    Pattern.compile("(?<![\\w.-])[48]00[ -]?\\d{3}[ -]?\\d{4}(?!\\w|[.-]\\d)"),
                    value -> true),
            new Rule(
                    Kind.PHONE,
                    Pattern.compile("(?<![\\w.,:/+-])\\d{3}([-.])\\d{3}\\1\\d{4}(?!\\w|[.,:/-]\\d)"),
                    value -> true),
            new Rule(
                    Kind.PHONE,
                    Pattern.compile("(?<![\\w.,:/+-])0\\d{1,3}(?:[ -]\\d{2,8}){1,4}(?!\\w|[.,:/-]\\d)"),
                    value -> digits(value) >= 9 && digits(value) <= 12));
    private static final List<Rule> BARE_ORDERS = List.of(
            new Rule(
                    Kind.ORDER_NUMBER,
                    Pattern.compile("(?<![A-Za-z0-9_-])[A-Za-z]{1,4}-?\\d{8,30}(?![A-Za-z0-9])"),
                    value -> true),
            new Rule(Kind.ORDER_NUMBER, Pattern.compile("(?<![\\d.,-])\\d{12,30}(?!\\d|[.,]\\d)"), value -> true));

    private static final Identifiers DEFAULTS = new Identifiers(List.of(CUED_ORDER), BARE_ORDERS);

    private final List<Rule> rules;

    private Identifiers(List<Rule> cuedOrders, List<Rule> bareOrders) {
        List<Rule> all = new ArrayList<>();
        all.add(EMAIL);
        all.addAll(cuedOrders);
        all.add(CARD);
        all.addAll(PHONES);
        all.addAll(bareOrders);
        this.rules = List.copyOf(all);
    }

    /** The rules described above. */
    public static Identifiers defaults() {
        return DEFAULTS;
    }

    /**
     * These rules with order numbers read by {@code orderPattern} alone, for stores whose order
     * numbers have their own shape (e.g. {@code (?<![A-Z0-9])KF-\d{10}(?![0-9])}); it takes the
     * place of the cued order rule, before cards and phones. When the pattern has a group named
     * {@code value}, only that group is the order number (the cue before it is not). It matches
     * regardless of case, as shoppers type and as the NLU reads (normalised text is lower case):
     * {@code so20241123001} is order {@code SO20241123001}.
     */
    public Identifiers withOrderPattern(Pattern orderPattern) {
        Checks.requireNonNull("orderPattern", orderPattern);
        Pattern anyCase = Pattern.compile(
                orderPattern.pattern(), orderPattern.flags() | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return new Identifiers(List.of(new Rule(Kind.ORDER_NUMBER, anyCase, value -> true)), List.of());
    }

    /** The rules described above, with the store's order numbers by {@code orderPattern} when given. */
    public static Identifiers forOrders(Pattern orderPattern) {
        return orderPattern == null ? DEFAULTS : DEFAULTS.withOrderPattern(orderPattern);
    }

    /** The identifiers in {@code text}: not overlapping, ordered by start. */
    public List<Identifier> find(CharSequence text) {
        return Spans.longestFirst(findAll(text), Identifier::start, Identifier::end);
    }

    /**
     * Every reading of every rule in {@code text}, overlapping, in priority order (rule by rule,
     * each rule's by start): for callers that weigh them against readings of their own, with
     * {@link Spans#longestFirst}.
     */
    public List<Identifier> findAll(CharSequence text) {
        Checks.requireNonNull("text", text);
        List<Identifier> found = new ArrayList<>();
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(text);
            boolean group = rule.pattern().pattern().contains(VALUE_GROUP);
            while (m.find()) {
                int start = group ? m.start("value") : m.start();
                int end = group ? m.end("value") : m.end();
                if (start < 0 || start == end) {
                    continue;
                }
                String written = text.subSequence(start, end).toString();
                String value = rule.kind().canonical(written);
                if (!value.isEmpty() && rule.accept().test(written)) {
                    found.add(new Identifier(start, end, rule.kind(), value));
                }
            }
        }
        return found;
    }

    /** Whether {@code number} has 13-19 digits (separators ignored) passing the Luhn check. */
    public static boolean isCardNumber(String number) {
        String digits = number.replaceAll("\\D", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private static int digits(String value) {
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) >= '0' && value.charAt(i) <= '9') {
                n++;
            }
        }
        return n;
    }

    /** One way of writing one kind of identifier, with a further check of what it matched. */
    private record Rule(Kind kind, Pattern pattern, Predicate<String> accept) {}
}
