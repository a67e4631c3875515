package dev.kefu.channels.shopper;

import dev.kefu.channels.shopper.ChatDtos.CardDto;
import dev.kefu.channels.shopper.ChatDtos.OrderCardDto;
import dev.kefu.channels.shopper.ChatDtos.ProductCardDto;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.config.StoreConfig;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeFacts;
import dev.kefu.core.knowledge.product.Attribute;
import dev.kefu.core.knowledge.product.AttributeValue;
import dev.kefu.core.knowledge.product.ProductSheet;
import dev.kefu.core.pipeline.Decision;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The cards a reply shows besides its text (stage ⑦): one per order the orders stage showed (only
 * ever the shopper's own: that stage decided), and one for the product when the answer cites
 * exactly one product (an answer comparing two shows none). Built from the decision and the
 * published knowledge when the reply goes out; the transcript keeps the text, which says the same.
 * Thread-safe.
 */
public final class ReplyCards {
    private final KnowledgeFacts knowledge;
    private final String productPageUrl;

    /**
     * @param knowledge the published knowledge (a product's name, price and stock)
     * @param productPageUrl {@code store.productPageUrl} (validated), or {@code null} for no link
     */
    public ReplyCards(KnowledgeFacts knowledge, String productPageUrl) {
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.productPageUrl = productPageUrl;
    }

    /** The cards of {@code reply}, written in {@code language}. */
    List<CardDto> of(Decision.Reply reply, Language language) {
        List<CardDto> cards = new ArrayList<>();
        reply.orders().forEach(order -> cards.add(OrderCardDto.of(order, language)));
        if (cards.isEmpty()) {
            product(reply.answer().citations(), language).ifPresent(cards::add);
        }
        return cards;
    }

    /** The one product the answer cites, if it cites exactly one. */
    private Optional<CardDto> product(List<Citation> citations, Language language) {
        List<KnowledgeFacts.Fact> products = citations.stream()
                .map(c -> knowledge.entry(c.entryId(), language))
                .flatMap(Optional::stream)
                .filter(f -> f.type().equals("product"))
                .distinct()
                .toList();
        if (products.size() != 1) {
            return Optional.empty();
        }
        KnowledgeFacts.Fact product = products.get(0);
        ProductSheet sheet = sheet(product);
        return Optional.of(new ProductCardDto(
                product.id(),
                product.title(),
                product.attributes().get(Attribute.PRICE.key()),
                sheet.value(Attribute.PRICE).map(AttributeValue::unit).orElse(null),
                product.attributes().get(Attribute.STOCK.key()),
                sheet.value(Attribute.STOCK).map(v -> v.text(language)).orElse(null),
                productPageUrl == null
                        ? null
                        : productPageUrl.replace(
                                StoreConfig.PRODUCT_ID, URLEncoder.encode(product.id(), StandardCharsets.UTF_8))));
    }

    /** The product's typed facts; the knowledge validated them when saved, so this rarely fails. */
    private static ProductSheet sheet(KnowledgeFacts.Fact product) {
        try {
            return ProductSheet.of(product.attributes());
        } catch (IllegalArgumentException e) {
            return ProductSheet.EMPTY; // the card shows the name and link; the answer said the rest
        }
    }
}
