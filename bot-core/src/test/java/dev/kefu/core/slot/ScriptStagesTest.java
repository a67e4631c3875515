package dev.kefu.core.slot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.contract.Fixtures;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.conversation.Subject;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.IntentScore;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.knowledge.KnowledgeFacts;
import dev.kefu.core.knowledge.KnowledgeFacts.Fact;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentTrend;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Staged scripts: the stage a message is at, the line of that stage, category targeting. */
class ScriptStagesTest {
    private static final String STROLLER = "product-stroller-cloud";
    private static final String CATEGORY = "category-mother-baby";

    /** The stroller in mother &amp; baby, one accessory, a running promotion for the category. */
    private static final KnowledgeFacts FACTS = new KnowledgeFacts() {
        private final Map<String, Fact> entries = Map.of(
                STROLLER,
                new Fact(STROLLER, "product", "Cloud Lite Stroller", Map.of("price", "1599.00")),
                "rain",
                new Fact("rain", "product", "Rain Cover", Map.of()),
                CATEGORY,
                new Fact(CATEGORY, "category", "Mother & baby", Map.of()),
                "promo",
                new Fact("promo", "promotion", "Mother & Baby Week", Map.of("ends", "2026-11-20T16:00:00+08:00")));

        @Override
        public Optional<Fact> entry(String id, Language language) {
            return Optional.ofNullable(entries.get(id));
        }

        @Override
        public List<Fact> related(String id, String relation, boolean outgoing, Language language) {
            List<String> ids =
                    switch (id + " " + relation + " " + outgoing) {
                        case STROLLER + " belongs_to true" -> List.of(CATEGORY);
                        case STROLLER + " accessory_of false" -> List.of("rain");
                        case STROLLER + " related true", CATEGORY + " related true" -> List.of("promo");
                        case "promo related true" -> List.of(CATEGORY);
                        default -> List.of();
                    };
            return ids.stream().map(entries::get).toList();
        }
    };

    private static Understanding nlu(String text, String intent, String subject) {
        return nlu(text, intent, subject, Sentiment.neutral());
    }

    private static Understanding nlu(String text, String intent, String subject, Sentiment sentiment) {
        Understanding base = Fixtures.understanding(text, intent, 0.0);
        return new Understanding(
                Language.EN,
                Language.EN,
                base.normalizedText(),
                new IntentPrediction(new IntentScore(intent, 0.9), List.of()),
                base.entities(),
                sentiment,
                SentimentTrend.start(),
                subject,
                false,
                false,
                false);
    }

    /** A conversation whose shopper wrote {@code earlier} and then {@code text}. */
    private static Conversation conversation(Set<String> tags, String text, String... earlier) {
        Conversation c = Conversation.start("c-1", new ShopperContext("s-1", tags), Fixtures.T0);
        for (String message : earlier) {
            c = c.append(Speaker.SHOPPER, message, List.of(), Fixtures.T0);
        }
        return c.append(Speaker.SHOPPER, text, List.of(), Fixtures.T0);
    }

    private static Passage passage(String id, String type) {
        return new Passage(id, type, id, "text", 0.9, null, true);
    }

    /** The demo library, every shopper in {@code arm} of every experiment. */
    private static List<Slot> shown(String arm, SlotRequest request) {
        ScriptSlotPlanner planner =
                new ScriptSlotPlanner(ScriptLibrary.demo(), FACTS, (script, key) -> script.variants().stream()
                        .filter(v -> v.id().equals(arm) || script.experimentId() == null)
                        .findFirst());
        return planner.plan(request).stream().filter(s -> !s.isHoldout()).toList();
    }

    @Test
    void should_offer_the_need_discovery_line_when_a_mother_baby_shopper_asks_about_strollers_in_general() {
        String text = "Do you sell strollers?";
        SlotRequest request = new SlotRequest(
                nlu(text, "promotions", null),
                List.of(passage("promo", "promotion")), // the answer leads with the promotion, not a product
                conversation(Set.of("mother_baby"), text));

        assertThat(shown("anchoring", request)).singleElement().satisfies(slot -> {
            assertThat(slot.scriptId()).isEqualTo("mother-baby-journey");
            assertThat(slot.stage()).isEqualTo(Script.Stage.NEED_DISCOVERY);
            assertThat(slot.text())
                    .isEqualTo("Mother & Baby Week is on for 9 days more: a good moment to choose your Mother & baby"
                            + " essentials.");
        });
        assertThat(shown("fabe", request))
                .extracting(Slot::text)
                .containsExactly(
                        "To point you to the right Mother & baby pick: is it for a newborn or an older toddler,"
                                + " and mostly for the city or for travel?");
        assertThat(shown(
                        "anchoring",
                        new SlotRequest(
                                nlu(text, "promotions", null),
                                List.of(passage("promo", "promotion")),
                                conversation(Set.of("gift_buyer"), text))))
                .extracting(Slot::scriptId)
                .as("another tag's script, not the parents' one")
                .doesNotContain("mother-baby-journey");
    }

    @Test
    void should_offer_the_objection_line_on_a_price_objection_and_the_closing_line_when_the_shopper_decides() {
        SlotRequest objection = new SlotRequest(
                nlu("that is too expensive", "product_question", STROLLER),
                List.of(),
                conversation(Set.of("mother_baby"), "that is too expensive", "is the stroller light?"));
        assertThat(shown("fabe", objection))
                .filteredOn(s -> s.scriptId().equals("mother-baby-journey"))
                .singleElement()
                .satisfies(slot -> {
                    assertThat(slot.stage()).isEqualTo(Script.Stage.OBJECTION_HANDLING);
                    assertThat(slot.text()).contains("1599.00 yuan").contains("price protection");
                });

        // "I'll take it" names nothing: the conversation's product is the one decided on.
        Conversation decided = conversation(Set.of("mother_baby"), "I'll take it", "is the stroller light?")
                .withSubject(new Subject(STROLLER, 1));
        assertThat(shown("fabe", new SlotRequest(nlu("I'll take it", "goodbye", null), List.of(), decided)))
                .singleElement()
                .satisfies(slot -> {
                    assertThat(slot.stage()).isEqualTo(Script.Stage.CLOSING);
                    assertThat(slot.text())
                            .isEqualTo(
                                    "Great choice! Add the Cloud Lite Stroller to your cart and check out; Rain Cover"
                                            + " can come in the same parcel.");
                });
    }

    @Test
    void should_tell_the_stage_from_cues_subject_category_and_progress() {
        Conversation first = conversation(Set.of(), "hello");
        Conversation later = conversation(Set.of(), "what about shipping?", "hello");
        assertThat(SalesStages.of(nlu("太贵了", "complaint", STROLLER), later, false))
                .contains(Script.Stage.OBJECTION_HANDLING);
        assertThat(SalesStages.of(nlu("can you do cheaper?", "promotions", null), later, false))
                .contains(Script.Stage.OBJECTION_HANDLING);
        assertThat(SalesStages.of(nlu("就要这个", "goodbye", null), later, false)).contains(Script.Stage.CLOSING);
        assertThat(SalesStages.of(nlu("how do I order?", "order_status", null), later, false))
                .contains(Script.Stage.CLOSING);
        assertThat(SalesStages.of(nlu("is it light?", "product_question", STROLLER), later, false))
                .contains(Script.Stage.RECOMMENDATION);
        assertThat(SalesStages.of(nlu("which one should I choose?", "product_question", null), later, false))
                .contains(Script.Stage.NEED_DISCOVERY);
        assertThat(SalesStages.of(nlu("有婴儿推车吗", "product_question", null), later, true))
                .contains(Script.Stage.NEED_DISCOVERY);
        assertThat(SalesStages.of(nlu("hello", "greeting", null), first, false)).contains(Script.Stage.OPENER);
        assertThat(SalesStages.of(nlu("what about shipping?", "delivery_time", null), later, false))
                .isEmpty();
    }

    @Test
    void should_keep_single_stage_scripts_and_list_every_problem_of_staged_ones() {
        ScriptLibrary library = ScriptLibrary.parse(
                """
                scripts:
                  - {id: old, stage: closing, position: after, variants: [{id: v, lines: {en: "Thanks!"}}]}
                  - id: staged
                    position: after
                    variants:
                      - {id: v, stages: {objection: {en: "Fair."}, opener: {zh: 欢迎}}}
                """
                        .getBytes(StandardCharsets.UTF_8),
                "test.yaml");
        Script old = library.script("old").orElseThrow();
        assertThat(old.staged()).isFalse();
        assertThat(old.variants().get(0).line(Script.Stage.OPENER, Language.EN))
                .as("a single-stage line is offered at any stage")
                .isEqualTo("Thanks!");
        Script staged = library.script("staged").orElseThrow();
        assertThat(staged.staged()).isTrue();
        assertThat(staged.variants().get(0).line(Script.Stage.OBJECTION_HANDLING, Language.ZH))
                .isEqualTo("Fair.");
        assertThat(staged.variants().get(0).line(Script.Stage.CLOSING, Language.EN))
                .isNull();

        assertThatThrownBy(() -> ScriptLibrary.parse(
                        """
                        scripts:
                          - {id: a, stage: opener, position: after, variants: [{id: v, stages: {opener: {en: hi}}}]}
                          - {id: b, position: after, variants: [{id: v, stages: {upsell: {en: hi}, closing: {}}}]}
                          - {id: c, stage: opener, position: after, variants: [{id: v, lines: {en: hi}}, {id: w, stages: {opener: {en: hi}}}]}
                          - {id: d, position: after, variants: [{id: v, lines: {en: hi}, stages: {closing: {en: "{product.colour}"}}}]}
                        """
                                .getBytes(StandardCharsets.UTF_8),
                        "test.yaml"))
                .isInstanceOfSatisfying(ScriptLibrary.ScriptException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith("scripts[0] (a): stage is for single-line scripts"))
                        .anySatisfy(p -> assertThat(p).contains("stages.upsell must be one of"))
                        .anySatisfy(p -> assertThat(p).contains("stages.closing needs an en or zh line"))
                        .anySatisfy(p -> assertThat(p).startsWith("scripts[2] (c): either every variant has stages"))
                        .anySatisfy(p -> assertThat(p).contains("has both lines and stages"))
                        .anySatisfy(p -> assertThat(p).contains("unknown placeholders [{product.colour}]")));
    }

    @Test
    void should_write_demo_scripts_for_every_tag_the_demo_infers_with_two_more_experiments_with_a_holdout() {
        ScriptLibrary demo = ScriptLibrary.demo();
        Set<String> tags = new java.util.HashSet<>();
        demo.scripts().forEach(s -> tags.addAll(s.tags()));
        assertThat(tags)
                .contains("mother_baby", "gift_buyer", "price_sensitive", "browsing_multi", "new_member", "vip_gold")
                .doesNotContain("vip_diamond");
        assertThat(demo.scripts())
                .filteredOn(s -> s.experimentId() != null && s.holdoutWeight() > 0)
                .hasSizeGreaterThanOrEqualTo(2);
        demo.tagRules().keywords().forEach(rule -> assertThat(tags).contains(rule.tag()));
        demo.tagRules().behaviours().forEach(rule -> assertThat(tags).contains(rule.tag()));
    }

    @Test
    void should_preview_each_variant_at_each_of_its_stages_for_a_category() {
        ScriptSlotPlanner planner =
                new ScriptSlotPlanner(ScriptLibrary.demo(), FACTS, (script, key) -> Optional.empty());
        List<ScriptSlotPlanner.Preview> previews = planner.preview(
                ScriptLibrary.demo(),
                Set.of("mother_baby"),
                "product_question",
                null,
                CATEGORY,
                Language.EN,
                Fixtures.T0);

        assertThat(previews)
                .filteredOn(p -> p.scriptId().equals("mother-baby-journey"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.lines())
                            .extracting(ScriptSlotPlanner.Preview.Line::stage)
                            .containsExactly(
                                    "need_discovery",
                                    "objection_handling",
                                    "closing",
                                    "need_discovery",
                                    "objection_handling",
                                    "closing");
                    assertThat(p.lines().get(0).text()).startsWith("To point you to the right Mother & baby pick");
                    assertThat(p.lines().get(1).text()).as("no product to name").isNull();
                    assertThat(p.lines().get(3).text()).startsWith("Mother & Baby Week is on for 9 days more");
                });
        assertThat(previews)
                .filteredOn(p -> p.scriptId().equals("mother-baby-stroller-accessories"))
                .singleElement()
                .satisfies(p -> assertThat(p.lines())
                        .extracting(ScriptSlotPlanner.Preview.Line::stage)
                        .containsOnly("recommendation"));
    }

    @Test
    void should_show_the_objection_line_when_a_calm_太贵了_reads_as_a_negative_complaint_and_none_when_angry() {
        Conversation c = conversation(Set.of("mother_baby"), "太贵了", "is the stroller light?");
        SlotGuard guard = new SlotGuard();
        Understanding calm = nlu("太贵了", "complaint", STROLLER, Fixtures.calmPrice("贵"));
        List<Slot> proposed = shown("fabe", new SlotRequest(calm, List.of(), c));
        assertThat(guard.check(calm, c, proposed).allowed()).singleElement().satisfies(slot -> {
            assertThat(slot.scriptId()).isEqualTo("mother-baby-journey");
            assertThat(slot.stage()).isEqualTo(Script.Stage.OBJECTION_HANDLING);
        });

        Understanding angry = nlu("太贵了，简直是抢钱！垃圾", "complaint", STROLLER, Fixtures.angry("贵", "抢钱", "垃圾"));
        SlotGuard.Verdict verdict = guard.check(angry, c, shown("fabe", new SlotRequest(angry, List.of(), c)));
        assertThat(verdict.allowed()).isEmpty();
        assertThat(verdict.suppressed()).containsOnlyKeys(SuppressionReason.NEGATIVE_SENTIMENT);
    }

    @Test
    void should_propose_the_line_written_for_the_message_s_stage_before_a_line_offered_at_any_stage() {
        ScriptLibrary library = ScriptLibrary.parse(
                """
                scripts:
                  - {id: any, stage: recommendation, position: after, variants: [{id: v, lines: {en: "Any."}}]}
                  - id: staged
                    position: after
                    variants:
                      - {id: v, stages: {objection: {en: "Fair."}, recommendation: {en: "Nice."}}}
                """
                        .getBytes(StandardCharsets.UTF_8),
                "test.yaml");
        ScriptSlotPlanner planner = new ScriptSlotPlanner(
                library, FACTS, (script, key) -> Optional.of(script.variants().get(0)));
        Conversation c = conversation(Set.of(), "too expensive", "is the stroller light?");
        assertThat(planner.plan(new SlotRequest(nlu("too expensive", "complaint", STROLLER), List.of(), c)))
                .extracting(Slot::text)
                .containsExactly("Fair.", "Any.");
        assertThat(planner.plan(new SlotRequest(nlu("is it light?", "product_question", STROLLER), List.of(), c)))
                .extracting(Slot::text)
                .as("both written for the recommendation: the library's order")
                .containsExactly("Any.", "Nice.");
    }

    @Test
    void should_call_a_price_objection_calm_only_without_emotion_complaint_or_other_bad_news() {
        SentimentTrend start = SentimentTrend.start();
        assertThat(SalesStages.calmObjection(
                        Fixtures.understanding("有点贵", "complaint", Fixtures.calmPrice("有点", "贵"), start)))
                .isTrue();
        assertThat(SalesStages.calmObjection(
                        Fixtures.understanding("that's pricey", "promotions", Sentiment.neutral(), start)))
                .isTrue();
        assertThat(SalesStages.calmObjection(Fixtures.understanding("能便宜点吗", "promotions", Sentiment.neutral(), start)))
                .isTrue();
        assertThat(SalesStages.calmObjection(Fixtures.understanding(
                        "this is a ripoff, you scammers!!!", "complaint", Fixtures.angry("ripoff", "scammers"), start)))
                .as("no price phrase, and angry")
                .isFalse();
        assertThat(SalesStages.calmObjection(Fixtures.understanding(
                        "too expensive, you scammers!!!", "complaint", Fixtures.angry("expensive", "scammers"), start)))
                .isFalse();
        assertThat(SalesStages.calmObjection(Fixtures.understanding(
                        "too expensive and it broke", "complaint", Fixtures.calmPrice("expensive", "broke"), start)))
                .isFalse();
        assertThat(SalesStages.objectionReadAsComplaint(Fixtures.understanding(
                        "too expensive, I want a refund", "refund", Fixtures.calmPrice(), start)))
                .as("only the complaint intent is set aside, never a refund")
                .isFalse();
    }
}
