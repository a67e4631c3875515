package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.channels.shopper.ChatDtos.CardDto;
import dev.kefu.channels.shopper.ChatDtos.ProductCardDto;
import dev.kefu.core.compose.Answer;
import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeFacts;
import dev.kefu.core.pipeline.Decision;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which answers get a product card: one that cites exactly one product, whatever else it cites. */
class ReplyCardsTest {
    private static final KnowledgeFacts FACTS = new KnowledgeFacts() {
        @Override
        public Optional<Fact> entry(String id, Language language) {
            return switch (id) {
                case "product-x200" -> Optional.of(new Fact(
                        id,
                        "product",
                        language == Language.ZH ? "X200 无线耳机" : "X200 Wireless Earbuds",
                        Map.of("price", "399.00", "currency", "CNY", "stock", "low_stock")));
                case "product-h5" -> Optional.of(new Fact(id, "product", "H5 Headphones", Map.of()));
                case "policy-shipping" -> Optional.of(new Fact(id, "policy", "Shipping", Map.of()));
                default -> Optional.empty();
            };
        }

        @Override
        public List<Fact> related(String id, String relation, boolean outgoing, Language language) {
            return List.of();
        }
    };

    private static List<CardDto> cards(String productPageUrl, Language language, String... cited) {
        List<Citation> citations =
                java.util.Arrays.stream(cited).map(id -> new Citation(id, id)).toList();
        Decision.Reply reply = new Decision.Reply(new Answer("text", citations, AnswerKind.GROUNDED), List.of());
        return new ReplyCards(FACTS, productPageUrl).of(reply, language);
    }

    @Test
    void should_show_the_one_product_an_answer_cites_with_its_policies() {
        assertThat(cards(
                        "https://shop.example/p/{productId}?from=chat", Language.ZH, "policy-shipping", "product-x200"))
                .containsExactly(new ProductCardDto(
                        "product-x200",
                        "X200 无线耳机",
                        "399.00",
                        "CNY",
                        "low_stock",
                        "有货，但库存紧张",
                        "https://shop.example/p/product-x200?from=chat"));
    }

    @Test
    void should_show_no_product_card_when_the_answer_compares_two_or_cites_none() {
        assertThat(cards("/?product={productId}", Language.EN, "product-x200", "product-h5"))
                .isEmpty();
        assertThat(cards("/?product={productId}", Language.EN, "policy-shipping"))
                .isEmpty();
        assertThat(cards("/?product={productId}", Language.EN, "gone-from-the-knowledge"))
                .isEmpty();
    }

    @Test
    void should_leave_out_the_link_and_missing_facts_rather_than_invent_them() {
        assertThat(cards(null, Language.EN, "product-h5"))
                .containsExactly(new ProductCardDto("product-h5", "H5 Headphones", null, null, null, null, null));
    }
}
