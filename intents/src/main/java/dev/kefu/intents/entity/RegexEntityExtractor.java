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
 * {@code 199元}, {@code 199 yuan} or {@code rmb 199}, {@code 20 USD} for {@code $20}, {@code
 * 12000 CNY} for {@code 1.2万} (a bare 万/千 amount is money unless a counter such as 人 or 次
 * follows), and {@code 200 CNY} for {@code 两百块} (simple Chinese numerals; {@code 两块手表}, a small
 * 块 count followed by a noun, is not money).
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
    private static final String MULTIPLIER = "(万|千)?";
    private static final Pattern AMOUNT_PREFIX =
            Pattern.compile("(?<![a-z])(¥|\\$|rmb|cny|usd)\\s*" + NUMBER + MULTIPLIER + "(?![0-9])");
    private static final Pattern AMOUNT_SUFFIX = Pattern.compile(
            "(?<![0-9.,])" + NUMBER + "\\s*" + MULTIPLIER + "\\s*(元|块钱|块|人民币|(?:rmb|cny|yuan|usd|dollars?)(?![a-z]))");
    /** {@code 1.2万} with no currency is money unless a counter follows ({@code 1.2万人}). */
    private static final Pattern AMOUNT_BARE_MULTIPLIER = Pattern.compile("(?<![0-9.,])" + NUMBER
            + "\\s*(万|千)(?![0-9]|人|次|个|件|步|字|名|条|张|份|米|公里|粉|单|多|户|台|套|平|毫安|年|天|小时|分|秒|mah|km|m(?![a-z])|[a-z])");

    private static final Pattern AMOUNT_CHINESE =
            Pattern.compile("(?<![" + ChineseNumerals.CHARS + "])([" + ChineseNumerals.CHARS + "]+)\\s*(元|块钱|块|人民币)");
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
            addIfFree(found, new Entity(AMOUNT, amount(m.group(2), m.group(3), m.group(1)), m.start(), m.end()));
        }
        m = AMOUNT_SUFFIX.matcher(text);
        while (m.find()) {
            addIfFree(found, new Entity(AMOUNT, amount(m.group(1), m.group(2), m.group(3)), m.start(), m.end()));
        }
        m = AMOUNT_BARE_MULTIPLIER.matcher(text);
        while (m.find()) {
            addIfFree(found, new Entity(AMOUNT, amount(m.group(1), m.group(2), "元"), m.start(), m.end()));
        }
        m = AMOUNT_CHINESE.matcher(text);
        while (m.find()) {
            long value = ChineseNumerals.parse(m.group(1));
            if (value > 0 && !countsPieces(text, m, value)) {
                addIfFree(found, new Entity(AMOUNT, value + " CNY", m.start(), m.end()));
            }
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

    /** {@code 两块手表} is two watches, not two yuan: a small 块 amount directly followed by a noun. */
    private static boolean countsPieces(String text, Matcher m, long value) {
        return value < 10
                && m.group(2).equals("块")
                && m.end() < text.length()
                && Character.isIdeographic(text.charAt(m.end()));
    }

    private static String amount(String number, String multiplier, String currency) {
        String code =
                switch (currency) {
                    case "$", "usd", "dollar", "dollars" -> "USD";
                    default -> "CNY";
                };
        BigDecimal value = new BigDecimal(number.replace(",", ""));
        if ("万".equals(multiplier)) {
            value = value.multiply(BigDecimal.valueOf(10_000));
        } else if ("千".equals(multiplier)) {
            value = value.multiply(BigDecimal.valueOf(1_000));
        }
        return value.stripTrailingZeros().toPlainString() + " " + code;
    }
}
