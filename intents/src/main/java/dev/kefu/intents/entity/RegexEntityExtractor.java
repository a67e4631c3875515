package dev.kefu.intents.entity;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.EntityExtractor;
import dev.kefu.core.intent.Language;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds order numbers, Chinese mobile numbers, e-mail addresses and amounts with regular
 * expressions over normalised text (lower case, half-width; see {@code KefuNormalizer}).
 *
 * <p>Canonical values: an order number or phone is its digits only; an e-mail is lower case; an
 * amount is a plain decimal and an ISO currency code, e.g. {@code 199 CNY} for {@code ¥199},
 * {@code 199元}, {@code 199 yuan} or {@code rmb 199}, and {@code 20 USD} for {@code $20}.
 *
 * <p>When patterns overlap the more specific one wins, in this order: e-mail, an order number
 * after a cue ({@code 订单}, {@code order #}, {@code order no.}), a mobile number, an amount, a bare
 * 10-20 digit run (taken as an order number). So an 11-digit {@code 138...} number is a phone
 * unless it follows an order cue. The language argument is not needed: the patterns are
 * bilingual. Stateless and thread-safe; never throws for any text.
 */
public final class RegexEntityExtractor implements EntityExtractor {
    public static final String ORDER_NUMBER = "order_number";
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String AMOUNT = "amount";

    private static final Pattern EMAIL_PATTERN =
            Pattern.compile("(?<![a-z0-9._%+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}(?![a-z0-9-])");
    private static final Pattern CUED_ORDER = Pattern.compile(
            "(?:订单(?:号|编号)?|(?<![a-z])order\\s*(?:number|no\\.?|#|id)?)\\s*(?:是|为|:|#|number|no\\.?)?\\s*(?<![0-9])([0-9]{4,20})(?![0-9])");
    private static final Pattern PHONE_PATTERN =
            Pattern.compile("(?<![0-9])(?:\\+?86[ -]?)?(1[3-9][0-9])[ -]?([0-9]{4})[ -]?([0-9]{4})(?![0-9])");
    private static final String NUMBER = "([0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]{1,2})?|[0-9]+(?:\\.[0-9]{1,2})?)";
    private static final Pattern AMOUNT_PREFIX =
            Pattern.compile("(?<![a-z])(¥|\\$|rmb|cny|usd)\\s*" + NUMBER + "(?![0-9])");
    private static final Pattern AMOUNT_SUFFIX =
            Pattern.compile("(?<![0-9.,])" + NUMBER + "\\s*(元|块钱|块|人民币|(?:rmb|cny|yuan|usd|dollars?)(?![a-z]))");
    private static final Pattern BARE_ORDER = Pattern.compile("(?<![0-9])[0-9]{10,20}(?![0-9])");

    @Override
    public List<Entity> extract(String normalizedText, Language language) {
        Checks.requireNonNull("normalizedText", normalizedText);
        String text = normalizedText;
        List<Entity> found = new ArrayList<>();
        Matcher m = EMAIL_PATTERN.matcher(text);
        while (m.find()) {
            addIfFree(found, new Entity(EMAIL, m.group().toLowerCase(Locale.ROOT), m.start(), m.end()));
        }
        m = CUED_ORDER.matcher(text);
        while (m.find()) {
            addIfFree(found, new Entity(ORDER_NUMBER, m.group(1), m.start(1), m.end(1)));
        }
        m = PHONE_PATTERN.matcher(text);
        while (m.find()) {
            addIfFree(found, new Entity(PHONE, m.group(1) + m.group(2) + m.group(3), m.start(), m.end()));
        }
        m = AMOUNT_PREFIX.matcher(text);
        while (m.find()) {
            addIfFree(found, new Entity(AMOUNT, amount(m.group(2), m.group(1)), m.start(), m.end()));
        }
        m = AMOUNT_SUFFIX.matcher(text);
        while (m.find()) {
            addIfFree(found, new Entity(AMOUNT, amount(m.group(1), m.group(2)), m.start(), m.end()));
        }
        m = BARE_ORDER.matcher(text);
        while (m.find()) {
            addIfFree(found, new Entity(ORDER_NUMBER, m.group(), m.start(), m.end()));
        }
        found.sort(Comparator.comparingInt(Entity::start));
        return List.copyOf(found);
    }

    private static void addIfFree(List<Entity> found, Entity candidate) {
        for (Entity entity : found) {
            if (candidate.start() < entity.end() && entity.start() < candidate.end()) {
                return;
            }
        }
        found.add(candidate);
    }

    private static String amount(String number, String currency) {
        String code =
                switch (currency) {
                    case "$", "usd", "dollar", "dollars" -> "USD";
                    default -> "CNY";
                };
        String plain =
                new BigDecimal(number.replace(",", "")).stripTrailingZeros().toPlainString();
        return plain + " " + code;
    }
}
