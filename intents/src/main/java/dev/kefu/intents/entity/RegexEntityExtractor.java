package dev.kefu.intents.entity;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.EntityExtractor;
import dev.kefu.core.intent.Language;
import dev.kefu.core.text.Amount;
import dev.kefu.core.text.Amounts;
import dev.kefu.core.text.Identifier;
import dev.kefu.core.text.Identifiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds order numbers, phone numbers, e-mail addresses and amounts in normalised text (lower case,
 * half-width; see {@code KefuNormalizer}) with the text library's recognisers, {@link Identifiers}
 * and {@link Amounts}: the same definitions the personal-data masker and the LLM fact checks use,
 * so all three agree on what an order number, a phone or an amount is.
 *
 * <p>Canonical values: an order number is its letters (upper case) and digits, {@code
 * DD20261122001}; a phone is its digits, without the {@code +86} of a Chinese mobile; an e-mail is
 * lower case; an amount is a plain decimal and an ISO currency code, e.g. {@code 199 CNY} for
 * {@code ¥199}, {@code 199元}, {@code 199 yuan} or {@code rmb 199}, {@code 20 USD} for {@code $20},
 * {@code 12000 CNY} for {@code 1.2万} (a bare 万/千 amount is money unless a counter such as 人 or 次
 * follows), {@code 200 CNY} for {@code 两百块} ({@code 两块手表}, a small 块 count followed by a noun,
 * is not money) and {@code 100-200 CNY} for a range.
 *
 * <p>An order number is five or more digits after a cue ({@code 订单}, {@code order #}, {@code order
 * no.}), a letter-prefixed code with eight or more digits, or a bare run of 12 to 30 digits; a
 * store with its own shape passes {@link Identifiers#withOrderPattern}. So an 11-digit {@code
 * 138...} number is a phone unless it follows an order cue. Payment card numbers are recognised
 * (and kept from being read as anything else) but not reported. Identifiers win over amounts. The
 * language argument is not needed: the patterns are bilingual. Immutable and thread-safe; never
 * throws for any text.
 */
final class RegexEntityExtractor implements EntityExtractor {
    public static final String ORDER_NUMBER = "order_number";
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String AMOUNT = "amount";

    /** The entity type of each kind of identifier; cards are not reported. */
    private static final Map<Identifier.Kind, String> TYPES = Map.of(
            Identifier.Kind.ORDER_NUMBER, ORDER_NUMBER, Identifier.Kind.PHONE, PHONE, Identifier.Kind.EMAIL, EMAIL);

    private final Identifiers identifiers;

    /** With the default identifiers, {@link Identifiers#defaults()}. */
    public RegexEntityExtractor() {
        this(Identifiers.defaults());
    }

    /** @param identifiers how order numbers, phones and e-mails look in this store */
    public RegexEntityExtractor(Identifiers identifiers) {
        this.identifiers = Checks.requireNonNull("identifiers", identifiers);
    }

    @Override
    public List<Entity> extract(String normalizedText, Language language) {
        Checks.requireNonNull("normalizedText", normalizedText);
        List<Identifier> taken = identifiers.find(normalizedText);
        List<Entity> found = new ArrayList<>();
        for (Identifier identifier : taken) {
            String type = TYPES.get(identifier.kind());
            if (type != null) {
                found.add(new Entity(type, identifier.value(), identifier.start(), identifier.end()));
            }
        }
        for (Amount amount : Amounts.find(normalizedText)) {
            if (taken.stream().noneMatch(t -> amount.start() < t.end() && t.start() < amount.end())) {
                found.add(new Entity(AMOUNT, amount.value(), amount.start(), amount.end()));
            }
        }
        found.sort(Comparator.comparingInt(Entity::start));
        return List.copyOf(found);
    }
}
