package dev.kefu.core.compose;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.knowledge.KnowledgeFacts;
import dev.kefu.core.knowledge.product.Attribute;
import dev.kefu.core.knowledge.product.AttributeLexicon;
import dev.kefu.core.knowledge.product.AttributeValue;
import dev.kefu.core.knowledge.product.ProductSheet;
import dev.kefu.core.knowledge.product.SizeTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stage ④ for a question about one attribute of a product ("X200防水吗", "how heavy is the
 * stroller", "续航多久"): the fact first, in one short sentence citing the product, then at most
 * one useful line more, instead of the product's whole description or a FAQ that merely mentions
 * the word. Also compares two named products on an attribute ("X200 和 H5 哪个续航长", "is the P9
 * lighter than the X200") and picks a size from the product's size table ("which size for a 7 kg
 * baby", "身高170穿多大"). Any other message, or a product without the asked attribute, goes to the
 * composer it wraps.
 *
 * <p>The product is the one stage ② found ({@link Understanding#subject()}: named in the message,
 * or referred back to), or the products the message names, for a comparison; the attribute is
 * read with {@link AttributeLexicon}; the facts are the product's typed attributes ({@link
 * ProductSheet}) from the published knowledge. A message routed to an intent about an order or the
 * service ({@link #SERVICE_INTENTS}) is not a product question even when it names an attribute
 * ("换个大一码的尺码怎么换" asks how to exchange). Thread-safe if the wrapped composer is.
 */
public final class FactFirstComposer implements AnswerComposer {
    /**
     * Intents about an order or the service rather than a product: an attribute word in them
     * ("the size doesn't fit, can I return it") is not what the shopper asks about.
     */
    public static final Set<String> SERVICE_INTENTS = Set.of(
            "order_status",
            "delivery_time",
            "return_policy",
            "refund",
            "warranty",
            "complaint",
            "talk_to_human",
            "payment",
            "invoice");

    private static final Pattern TRAILING_PARENTHESIS = Pattern.compile("\\s*[(（][^()（）]*[)）]\\s*$");
    private static final String PRODUCT = "product";

    private final AnswerComposer delegate;
    private final KnowledgeFacts facts;

    public FactFirstComposer(AnswerComposer delegate, KnowledgeFacts facts) {
        this.delegate = Checks.requireNonNull("delegate", delegate);
        this.facts = Checks.requireNonNull("facts", facts);
    }

    @Override
    public Answer compose(CompositionRequest request) {
        return factAnswer(request.understanding()).orElseGet(() -> delegate.compose(request));
    }

    /** The fact-first answer to {@code understanding}, if it asks about an attribute a product has. */
    public Optional<Answer> factAnswer(Understanding understanding) {
        if (SERVICE_INTENTS.contains(understanding.intent().name())) {
            return Optional.empty();
        }
        AttributeLexicon.AttributeQuestion question = AttributeLexicon.read(understanding.normalizedText());
        if (!question.asks()) {
            return Optional.empty();
        }
        Language language = understanding.replyLanguage();
        List<String> named = understanding.entities().stream()
                .filter(e -> e.type().equals(PRODUCT))
                .map(Entity::value)
                .distinct()
                .toList();
        if (named.size() >= 2 && question.compares()) {
            Optional<Answer> compared = compare(named.get(0), named.get(1), question.attributes(), language);
            if (compared.isPresent()) {
                return compared;
            }
        }
        String subject =
                understanding.subject() != null ? understanding.subject() : named.isEmpty() ? null : named.get(0);
        if (subject == null) {
            return Optional.empty();
        }
        return product(subject, language).flatMap(p -> single(p, question, understanding.normalizedText(), language));
    }

    /** A product's name (without a trailing parenthesis), title and typed facts. */
    private record Product(String id, String name, String title, ProductSheet sheet) {}

    private Optional<Product> product(String id, Language language) {
        return facts.entry(id, language).filter(f -> f.type().equals(PRODUCT)).flatMap(f -> {
            try {
                return Optional.of(new Product(
                        f.id(),
                        TRAILING_PARENTHESIS.matcher(f.title()).replaceAll(""),
                        f.title(),
                        ProductSheet.of(f.attributes())));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // the knowledge model refuses such entries; nothing to state
            }
        });
    }

    private static Optional<Answer> single(
            Product product, AttributeLexicon.AttributeQuestion question, String text, Language language) {
        Optional<SizeTable> table = product.sheet().table();
        if (table.isPresent()
                && (question.attributes().contains(Attribute.SIZES)
                        || question.attributes().contains(Attribute.DIMENSIONS))) {
            Optional<BigDecimal> measure = table.get().measureIn(text);
            if (measure.isPresent()) {
                return Optional.of(
                        answer(table.get().recommend(measure.get(), product.name(), language), language, product));
            }
        }
        for (Attribute attribute : question.attributes()) {
            Optional<AttributeValue> value = product.sheet().value(attribute);
            if (value.isPresent()) {
                StringBuilder sentence = new StringBuilder(
                        attribute.sentence(product.name(), value.get().text(language), language));
                moreLine(product, attribute, language)
                        .ifPresent(line -> sentence.append(separator(language)).append(line));
                return Optional.of(answer(sentence.toString(), language, product));
            }
        }
        return Optional.empty();
    }

    /** The one line after the fact: the price after the stock and the stock after the price. */
    private static Optional<String> moreLine(Product product, Attribute asked, Language language) {
        Attribute other =
                switch (asked) {
                    case STOCK -> Attribute.PRICE;
                    case PRICE -> Attribute.STOCK;
                    case SIZES -> Attribute.SIZE_TABLE;
                    default -> null;
                };
        if (other == null) {
            return Optional.empty();
        }
        return product.sheet()
                .value(other)
                .map(v -> other == Attribute.SIZE_TABLE
                        ? v.text(language) + (language.replyLanguage() == Language.ZH ? "。" : ".")
                        : other.sentence(product.name(), v.text(language), language));
    }

    private Optional<Answer> compare(String first, String second, List<Attribute> asked, Language language) {
        Optional<Product> a = product(first, language);
        Optional<Product> b = product(second, language);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        for (Attribute attribute : asked) {
            Optional<AttributeValue> va = a.get().sheet().value(attribute);
            Optional<AttributeValue> vb = b.get().sheet().value(attribute);
            if (va.isEmpty() || vb.isEmpty()) {
                continue;
            }
            boolean zh = language.replyLanguage() == Language.ZH;
            StringBuilder text = new StringBuilder();
            text.append(zh ? attribute.label(language) + "：" : capitalise(attribute.label(language)) + ": ")
                    .append(a.get().name())
                    .append(' ')
                    .append(va.get().brief(language))
                    .append(zh ? "；" : "; ")
                    .append(b.get().name())
                    .append(' ')
                    .append(vb.get().brief(language))
                    .append(zh ? "。" : ".");
            Optional<Integer> order = va.get().compareTo(vb.get());
            if (order.isPresent() && attribute.better() != Attribute.Better.NONE) {
                if (order.get() == 0) {
                    text.append(separator(language)).append(zh ? "两者一样。" : "They are the same.");
                } else {
                    boolean firstWins =
                            attribute.better() == Attribute.Better.HIGHER ? order.get() > 0 : order.get() < 0;
                    Product winner = firstWins ? a.get() : b.get();
                    attribute.winner(winner.name(), language).ifPresent(w -> text.append(separator(language))
                            .append(w));
                }
            }
            return Optional.of(
                    new Answer(text.toString(), List.of(citation(a.get()), citation(b.get())), AnswerKind.GROUNDED));
        }
        return Optional.empty();
    }

    private static Answer answer(String text, Language language, Product product) {
        return new Answer(text, List.of(citation(product)), AnswerKind.GROUNDED);
    }

    private static Citation citation(Product product) {
        return new Citation(product.id(), product.title());
    }

    private static String separator(Language language) {
        return language.replyLanguage() == Language.ZH ? "" : " ";
    }

    private static String capitalise(String label) {
        return label.isEmpty() ? label : Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }
}
