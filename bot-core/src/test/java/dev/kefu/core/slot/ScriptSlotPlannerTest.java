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

    /** The demo promotion's end in these tests: 9 days and 3 hours after the conversation starts. */
    private static final String PROMOTION_ENDS = "2026-11-20T19:00:00+08:00";

    private static final KnowledgeFacts FACTS = facts(Map.of("ends", PROMOTION_ENDS));

    /**
     * A tiny graph: the stroller in mother &amp; baby, two accessories, one promotion (with these
     * attributes); a kettle elsewhere.
     */
    private static KnowledgeFacts facts(Map<String, String> promotion) {
        return new KnowledgeFacts() {
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
                    new Fact("promo", "promotion", "Mother & Baby Week", promotion),
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
    }

    /** The demo's single-stage stroller script alone, as written before scripts had stages. */
    private final ScriptLibrary demo = ScriptLibrary.parse(
            """
            scripts:
              - id: mother-baby-stroller-accessories
                stage: recommendation
                tags: [mother_baby]
                categories: [category-mother-baby]
                position: after
                priority: 10
                experiment: demo-mother-baby
                variants:
                  - id: accessories
                    weight: 50
                    lines:
                      en: "Parents who choose the {product.name} often add {accessories}."
                      zh: "选购{product.name}的家长，常常会一起搭配{accessories}。"
                  - id: promotion
                    weight: 50
                    lines:
                      en: "{promotion.name} ends in {promotion.ends_in}: a good time to get {accessories} for the {product.name}."
                      zh: "{promotion.name}还有{promotion.ends_in}结束，正好为{product.name}添置{accessories}。"
            """
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            "the single-stage stroller script");

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
                SentimentTrend.start(),
                subject,
                false,
                false,
                false);
        Conversation conversation = Conversation.start("c-1", new ShopperContext("s-1", tags), Fixtures.T0);
        return new SlotRequest(nlu, List.of(), conversation);
    }

    private ScriptSlotPlanner planner(String variant) {
        return planner(variant, FACTS);
    }

    private ScriptSlotPlanner planner(String variant, KnowledgeFacts facts) {
        return new ScriptSlotPlanner(demo, facts, (script, key) -> script.variants().stream()
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
                .containsExactly("Mother & Baby Week还有9天结束，正好为Cloud Lite Stroller添置Rain Cover、Cup Holder。");
    }

    @Test
    void should_say_how_long_the_promotion_runs_and_never_name_one_that_has_ended_or_not_started() {
        SlotRequest question =
                request("is it light?", "product_question", Set.of("mother_baby"), STROLLER, Language.EN);
        assertThat(planner("promotion").plan(question))
                .extracting(Slot::text)
                .containsExactly(
                        "Mother & Baby Week ends in 9 days: a good time to get Rain Cover, Cup Holder for the Cloud Lite Stroller.");

        // 2026-11-11T08:00Z is 16:00 in UTC+8: 20 and 1 hours before the end, and just before it.
        assertThat(planner("promotion", facts(Map.of("ends", "2026-11-12T12:00:00+08:00")))
                        .fill("{promotion.ends_in}", STROLLER, Language.EN, Fixtures.T0))
                .contains("20 hours");
        assertThat(planner("promotion", facts(Map.of("ends", "2026-11-11T17:00:00+08:00")))
                        .fill("{promotion.ends_in}", STROLLER, Language.ZH, Fixtures.T0))
                .contains("1小时");
        assertThat(planner("promotion", facts(Map.of("ends", "2026-11-11T16:30:00+08:00")))
                        .fill("{promotion.ends_in}", STROLLER, Language.EN, Fixtures.T0))
                .contains("less than an hour");

        assertThat(planner("promotion", facts(Map.of("ends", "2026-11-11T16:00:00+08:00")))
                        .plan(question))
                .as("ended at the moment of the message")
                .isEmpty();
        assertThat(planner("promotion", facts(Map.of("starts", "2026-11-12T00:00:00+08:00")))
                        .plan(question))
                .as("not started yet")
                .isEmpty();
        assertThat(planner("promotion", facts(Map.of("ends", "end of the year")))
                        .plan(question))
                .as("an unreadable end")
                .isEmpty();
        assertThat(planner("promotion", facts(Map.of())).fill("{promotion.name}", STROLLER, Language.EN, Fixtures.T0))
                .as("no dates: it runs, but has no end to announce")
                .contains("Mother & Baby Week");
        assertThat(planner("promotion", facts(Map.of()))
                        .fill("{promotion.ends_in}", STROLLER, Language.EN, Fixtures.T0))
                .isEmpty();
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
        assertThat(planner.fill("{product.name} costs {product.price}", STROLLER, Language.EN, Fixtures.T0))
                .contains("Cloud Lite Stroller costs 1599.00");
        assertThat(planner.fill("{accessories} for you", "kettle", Language.EN, Fixtures.T0))
                .isEmpty();
        assertThat(planner.fill("{product.name}", (String) null, Language.EN, Fixtures.T0))
                .isEmpty();
        assertThat(planner.fill("no placeholders", (String) null, Language.EN, Fixtures.T0))
                .contains("no placeholders");
    }
}
