package dev.kefu.core.slot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.contract.Fixtures;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.IntentScore;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.knowledge.KnowledgeFacts;
import dev.kefu.core.knowledge.KnowledgeFacts.Fact;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentTrend;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScriptSlotPlannerTest {
    private static final String STROLLER = "product-stroller-cloud";

    /** A tiny graph: the stroller in mother & baby, two accessories, one promotion; a kettle elsewhere. */
    private static final KnowledgeFacts FACTS = new KnowledgeFacts() {
        private final Map<String, Fact> entries = Map.of(
                STROLLER,
                new Fact(STROLLER, "product", "Cloud Lite Stroller", Map.of("price", "1599.00")),
                "rain",
                new Fact("rain", "product", "Rain Cover", Map.of()),
                "cup",
                new Fact("cup", "product", "Cup Holder", Map.of()),
                "category-mother-baby",
                new Fact("category-mother-baby", "category", "Mother & baby", Map.of()),
                "promo",
                new Fact("promo", "promotion", "Mother & Baby Week", Map.of()),
                "kettle",
                new Fact("kettle", "product", "Kettle", Map.of()),
                "category-home",
                new Fact("category-home", "category", "Home", Map.of()));

        @Override
        public Optional<Fact> entry(String id, Language language) {
            return Optional.ofNullable(entries.get(id));
        }

        @Override
        public List<Fact> related(String id, String relation, boolean outgoing, Language language) {
            List<String> ids =
                    switch (id + " " + relation + " " + outgoing) {
                        case STROLLER + " belongs_to true" -> List.of("category-mother-baby");
                        case STROLLER + " accessory_of false" -> List.of("rain", "cup");
                        case STROLLER + " related true" -> List.of("promo");
                        case "kettle belongs_to true" -> List.of("category-home");
                        default -> List.of();
                    };
            return ids.stream().map(entries::get).toList();
        }
    };

    private final ScriptLibrary demo = ScriptLibrary.demo();

    private static SlotRequest request(
            String text, String intent, Set<String> tags, String subject, Language language) {
        Understanding base = Fixtures.understanding(text, intent, 0.0);
        Understanding nlu = new Understanding(
                language,
                language,
                base.normalizedText(),
                new IntentPrediction(new IntentScore(intent, 0.9), List.of()),
                base.entities(),
                Sentiment.neutral(),
                SentimentTrend.start());
        Conversation conversation = Conversation.start("c-1", new ShopperContext("s-1", tags), Fixtures.T0);
        return new SlotRequest(nlu, List.of(), conversation, subject);
    }

    private ScriptSlotPlanner planner(String variant) {
        return new ScriptSlotPlanner(demo, FACTS, (script, key) -> script.variants().stream()
                .filter(v -> v.id().equals(variant))
                .findFirst());
    }

    @Test
    void should_offer_the_stroller_accessories_line_when_a_mother_baby_shopper_asks_about_the_stroller() {
        List<Slot> slots = planner("accessories")
                .plan(request(
                        "is the stroller light?", "product_question", Set.of("mother_baby"), STROLLER, Language.EN));

        assertThat(slots).singleElement().satisfies(slot -> {
            assertThat(slot.scriptId()).isEqualTo("mother-baby-stroller-accessories");
            assertThat(slot.experimentId()).isEqualTo("demo-mother-baby");
            assertThat(slot.variant()).isEqualTo("accessories");
            assertThat(slot.position()).isEqualTo(SlotPosition.AFTER);
            assertThat(slot.text())
                    .isEqualTo("Parents who choose the Cloud Lite Stroller often add Rain Cover, Cup Holder.");
        });
    }

    @Test
    void should_fill_the_other_variant_in_chinese_with_the_promotion() {
        List<Slot> slots = planner("promotion")
                .plan(request("推车重吗", "product_question", Set.of("mother_baby"), STROLLER, Language.ZH));

        assertThat(slots)
                .extracting(Slot::text)
                .containsExactly("Mother & Baby Week正在进行，正好为Cloud Lite Stroller添置Rain Cover、Cup Holder。");
    }

    @Test
    void should_offer_nothing_when_tag_category_subject_or_variant_do_not_fit() {
        assertThat(planner("accessories")
                        .plan(request("is it light?", "product_question", Set.of("gift_buyer"), STROLLER, Language.EN)))
                .as("without the tag")
                .isEmpty();
        assertThat(planner("accessories")
                        .plan(request("is it good?", "product_question", Set.of("mother_baby"), "kettle", Language.EN)))
                .as("a product of another category")
                .isEmpty();
        assertThat(planner("accessories").plan(request("hello", "greeting", Set.of("mother_baby"), null, Language.EN)))
                .as("no product asked about")
                .isEmpty();
    }

    @Test
    void should_keep_the_holdout_s_place_without_text_when_the_line_could_have_been_shown() {
        List<Slot> slots = planner("no-such-variant") // the chooser puts this shopper in the holdout
                .plan(request("is it light?", "product_question", Set.of("mother_baby"), STROLLER, Language.EN));

        assertThat(slots).singleElement().satisfies(slot -> {
            assertThat(slot.isHoldout()).isTrue();
            assertThat(slot.variant()).isEqualTo("holdout");
            assertThat(slot.experimentId()).isEqualTo("demo-mother-baby");
            assertThat(slot.text()).isEmpty();
        });
        assertThat(planner("no-such-variant")
                        .plan(request("is it good?", "product_question", Set.of("mother_baby"), "kettle", Language.EN)))
                .as("no holdout place where no line was eligible")
                .isEmpty();
    }

    @Test
    void should_drop_a_line_whose_placeholders_cannot_be_filled() {
        ScriptSlotPlanner planner = planner("accessories");
        assertThat(planner.fill("{product.name} costs {product.price}", STROLLER, Language.EN))
                .contains("Cloud Lite Stroller costs 1599.00");
        assertThat(planner.fill("{accessories} for you", "kettle", Language.EN)).isEmpty();
        assertThat(planner.fill("{product.name}", null, Language.EN)).isEmpty();
        assertThat(planner.fill("no placeholders", null, Language.EN)).contains("no placeholders");
    }
}
