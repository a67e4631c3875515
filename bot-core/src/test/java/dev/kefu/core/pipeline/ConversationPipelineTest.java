package dev.kefu.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.ReplyTexts;
import dev.kefu.core.compose.TemplateComposer;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.conversation.CaffeineConversationStore;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.conversation.Subject;
import dev.kefu.core.handoff.HandoffQueue;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.handoff.ThresholdHandoffPolicy;
import dev.kefu.core.intent.IntentClassifier;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.IntentScore;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.KnowledgeRetriever;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.core.message.InboundMessage;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.message.ShopperProfiles;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentAnalyzer;
import dev.kefu.core.sentiment.SentimentLabel;
import dev.kefu.core.slot.Slot;
import dev.kefu.core.slot.SlotPlanner;
import dev.kefu.core.slot.SlotPosition;
import dev.kefu.core.slot.SuppressionReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class ConversationPipelineTest {
    private static final Instant NOW = Instant.parse("2026-11-11T08:00:00Z");
    private static final Passage SHIPPING =
            new Passage("policy-shipping", "policy", "Shipping", "Standard delivery takes 2-4 days.", 9.0);

    private final CaffeineConversationStore store = new CaffeineConversationStore(100, Duration.ofHours(1), () -> 0L);
    private final List<PipelineEvent> events = new ArrayList<>();

    private IntentClassifier classifier =
            (text, language) -> intent(text.contains("deliver") ? "delivery_time" : "oos", 0.9);
    private KnowledgeRetriever retriever = query -> query.text().contains("deliver") ? List.of(SHIPPING) : List.of();
    private SentimentAnalyzer sentiment = (text, language) -> text.contains("terrible")
            ? new Sentiment(-0.9, SentimentLabel.NEGATIVE, List.of("terrible"), 0.5)
            : Sentiment.neutral();
    private SlotPlanner slots = request -> List.of(
            new Slot("s1", null, null, SlotPosition.AFTER, "Free shipping over 99 yuan!"),
            new Slot("s2", null, null, SlotPosition.AFTER, "New members get a coupon."));

    private static IntentPrediction intent(String name, double confidence) {
        return new IntentPrediction(new IntentScore(name, confidence), List.of());
    }

    private dev.kefu.core.intent.EntityExtractor entities = (text, language) -> List.of();
    private ExecutorService stageExecutor = null;

    private ShopperProfiles profiles = ShopperProfiles.none();
    private StageTimer timer = StageTimer.none();
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    private ConversationPipeline pipeline() {
        return ConversationPipeline.builder()
                .languageDetector(text -> text.matches(".*\\p{IsHan}.*") ? Language.ZH : Language.EN)
                .normalizer(text -> text.toLowerCase(Locale.ROOT))
                .intentClassifier(classifier)
                .entityExtractor(entities)
                .sentimentAnalyzer(sentiment)
                .retriever(retriever)
                .composer(new TemplateComposer())
                .slotPlanner(slots)
                .handoffPolicy(
                        new ThresholdHandoffPolicy(ConfigLoader.defaults().handoff()))
                .queue(new HandoffQueue(ConfigLoader.defaults().queue()))
                .stageExecutor(stageExecutor)
                .stageTimeout(Duration.ofMillis(300))
                .store(store)
                .shopperProfiles(profiles)
                .listener(events::add)
                .stageTimer(timer)
                .clock(clock)
                .products(id -> id.startsWith("product-"))
                .build();
    }

    private static InboundMessage message(String text) {
        return new InboundMessage("c-1", text, ShopperContext.anonymous(), null, NOW);
    }

    @Test
    void should_reply_with_cited_passage_when_knowledge_answers() {
        PipelineResult result = pipeline().handle(message("How long does delivery take?"));

        PipelineResult.Decided decided = (PipelineResult.Decided) result;
        Decision.Reply reply = (Decision.Reply) decided.decision();
        assertThat(reply.answer().text()).isEqualTo("Standard delivery takes 2-4 days.");
        assertThat(reply.answer().citations()).extracting(c -> c.entryId()).containsExactly("policy-shipping");
        assertThat(decided.conversation().messages())
                .extracting(m -> m.from())
                .containsExactly(Speaker.SHOPPER, Speaker.BOT);
        assertThat(store.find("c-1"))
                .hasValueSatisfying(c -> assertThat(c.messages()).hasSize(2));
    }

    @Test
    void should_ask_the_retriever_about_the_product_named_earlier_when_a_follow_up_says_it() {
        entities = (text, language) -> text.contains("x200")
                ? List.of(new dev.kefu.core.intent.Entity("product", "product-x200", 0, 4))
                : List.of();
        List<String> subjects = new ArrayList<>();
        retriever = query -> {
            subjects.add(String.valueOf(query.subject()));
            return List.of(SHIPPING); // an answer every time: no fallbacks, no hand-off
        };
        classifier = (text, language) -> intent("product_question", 0.9);
        ConversationPipeline pipeline = pipeline();
        pipeline.handle(message("x200 earbuds please"));
        pipeline.handle(message("does it deliver to Hangzhou?"));
        pipeline.handle(message("how long does delivery take?"));
        assertThat(subjects).containsExactly("product-x200", "product-x200", "null");
    }

    @Test
    void should_answer_an_out_of_scope_follow_up_from_a_passage_only_when_it_is_about_a_product() {
        entities = (text, language) -> text.contains("x200")
                ? List.of(new dev.kefu.core.intent.Entity("product", "product-x200", 0, 4))
                : List.of();
        List<String> searched = new ArrayList<>();
        retriever = query -> {
            searched.add(query.text());
            return List.of(SHIPPING); // a passage, not a confident one
        };
        classifier = (text, language) -> intent(text.contains("x200") ? "product_question" : "oos", 0.9);
        ConversationPipeline pipeline = pipeline();
        pipeline.handle(message("x200 earbuds please"));
        Decision.Reply followUp =
                (Decision.Reply) ((PipelineResult.Decided) pipeline.handle(message("what goes with it?"))).decision();
        Decision.Reply offTopic = (Decision.Reply)
                ((PipelineResult.Decided) pipeline.handle(message("what is the capital of france"))).decision();

        // every message is searched (a confident match would answer even an out-of-scope one) ...
        assertThat(searched)
                .containsExactly("x200 earbuds please", "what goes with it?", "what is the capital of france");
        // ... but an ordinary match answers an out-of-scope message only when it is about a product
        assertThat(followUp.answer().citations()).extracting(c -> c.entryId()).containsExactly("policy-shipping");
        assertThat(offTopic.answer().citations()).isEmpty();
        assertThat(offTopic.answer().text()).isEqualTo(ReplyTexts.OUT_OF_SCOPE.in(Language.EN));
    }

    @Test
    void should_answer_a_confident_knowledge_match_even_when_the_router_says_out_of_scope() {
        Passage points = new Passage(
                "policy-membership-points",
                "policy",
                "Membership and points",
                "Every 100 points are 1 yuan.",
                1.0,
                null,
                true);
        retriever = query -> query.text().contains("points") ? List.of(points, SHIPPING) : List.of(SHIPPING);
        classifier = (text, language) -> intent("oos", 0.9);
        ConversationPipeline pipeline = pipeline();

        Decision.Reply reply =
                (Decision.Reply) ((PipelineResult.Decided) pipeline.handle(message("how do points work?"))).decision();
        Decision.Reply offTopic =
                (Decision.Reply) ((PipelineResult.Decided) pipeline.handle(message("tell me a joke"))).decision();

        assertThat(reply.answer().text()).isEqualTo("Every 100 points are 1 yuan.");
        assertThat(reply.answer().citations()).extracting(c -> c.entryId()).containsExactly("policy-membership-points");
        assertThat(events)
                .filteredOn(e -> e instanceof PipelineEvent.Retrieved)
                .extracting(e -> ((PipelineEvent.Retrieved) e).passages().size())
                .containsExactly(1, 0); // the ordinary match of either message does not count
        assertThat(offTopic.answer().text()).isEqualTo(ReplyTexts.OUT_OF_SCOPE.in(Language.EN));
    }

    @Test
    void should_give_the_retriever_stage_two_s_subject_and_what_goes_with_it_and_keep_the_subject() {
        entities = (text, language) -> text.contains("x200")
                ? List.of(new dev.kefu.core.intent.Entity("product", "product-x200", 0, 4))
                : List.of();
        List<KnowledgeQuery> queries = new ArrayList<>();
        retriever = query -> {
            queries.add(query);
            return List.of(SHIPPING);
        };
        classifier = (text, language) -> intent("product_question", 0.9);
        ConversationPipeline pipeline = pipeline();
        pipeline.handle(message("x200 earbuds please"));
        pipeline.handle(message("What goes with it?"));

        assertThat(queries)
                .extracting(KnowledgeQuery::text, KnowledgeQuery::subject, KnowledgeQuery::asksWhatGoesWith)
                .containsExactly(
                        tuple("x200 earbuds please", "product-x200", false),
                        tuple("what goes with it?", "product-x200", true));
        assertThat(queries).extracting(KnowledgeQuery::textLanguage).containsOnly(Language.EN);
        assertThat(store.find("c-1").orElseThrow().subject()).isEqualTo(new Subject("product-x200", 1));
    }

    @Test
    void should_answer_a_message_without_letters_in_the_conversations_language() {
        ConversationPipeline pipeline = pipeline();
        pipeline.handle(message("多久能到货"));
        // "88" (bye) has no letters; the detector would call it English
        PipelineResult bye = pipeline.handle(message("88"));
        assertThat(((PipelineResult.Decided) bye).understanding().replyLanguage())
                .isEqualTo(Language.ZH);
        // a first message has no conversation language yet: the detector's
        PipelineResult first = pipeline.handle(new InboundMessage("c-2", "88", ShopperContext.anonymous(), null, NOW));
        assertThat(((PipelineResult.Decided) first).understanding().replyLanguage())
                .isEqualTo(Language.EN);
    }

    @Test
    void should_emit_events_in_flow_order() {
        pipeline().handle(message("How long does delivery take?"));

        assertThat(events)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly(
                        "Received",
                        "Understood",
                        "Retrieved",
                        "Composed",
                        "SlotsProposed",
                        "SlotsSuppressed", // the second slot: one per reply
                        "Decided");
    }

    @Test
    void should_time_every_stage_in_flow_order_on_the_pipeline_s_clock() {
        List<Stage> stages = new ArrayList<>();
        List<Duration> durations = new ArrayList<>();
        timer = (stage, took) -> {
            stages.add(stage);
            durations.add(took);
        };
        clock =
                new Clock() { // a millisecond passes at every reading
                    private Instant now = NOW;

                    @Override
                    public synchronized Instant instant() {
                        now = now.plusMillis(1);
                        return now;
                    }

                    @Override
                    public java.time.ZoneId getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        throw new UnsupportedOperationException();
                    }
                };

        pipeline().handle(message("How long does delivery take?"));

        assertThat(stages)
                .containsExactly(
                        Stage.IN,
                        Stage.NLU,
                        Stage.KNOWLEDGE,
                        Stage.ORDERS,
                        Stage.COMPOSE,
                        Stage.SLOTS,
                        Stage.DECIDE,
                        Stage.OUT);
        assertThat(durations).allSatisfy(took -> assertThat(took).isPositive());
    }

    @Test
    void should_keep_at_most_one_slot_when_shopper_is_calm() {
        Decision.Reply reply = (Decision.Reply)
                ((PipelineResult.Decided) pipeline().handle(message("when will it deliver"))).decision();
        assertThat(reply.slots()).extracting(Slot::scriptId).containsExactly("s1");
    }

    @Test
    void should_not_repeat_a_line_in_one_conversation_and_record_what_was_shown_and_dropped() {
        ConversationPipeline pipeline = pipeline();
        Decision.Reply first =
                (Decision.Reply) ((PipelineResult.Decided) pipeline.handle(message("when will it deliver"))).decision();
        Decision.Reply second = (Decision.Reply)
                ((PipelineResult.Decided) pipeline.handle(message("when will it deliver to Hangzhou"))).decision();

        assertThat(first.slots()).extracting(Slot::scriptId).containsExactly("s1");
        assertThat(second.slots()).extracting(Slot::scriptId).containsExactly("s2");
        List<ConversationEvent> replies = store.events("c-1");
        assertThat(((ConversationEvent.Replied) replies.get(0)).slots()).containsExactly("s1:-");
        assertThat(replies.get(0).suppressed()).containsExactly(SuppressionReason.ONE_PER_REPLY);
        assertThat(((ConversationEvent.Replied) replies.get(1)).slots()).containsExactly("s2:-");
        assertThat(replies.get(1).suppressed()).containsExactly(SuppressionReason.REPEATED_LINE);
        assertThat(store.find("c-1").orElseThrow().linesShown()).containsExactly("s1:-", "s2:-");
    }

    @Test
    void should_hand_off_and_drop_slots_when_shopper_is_upset() {
        PipelineResult.Decided decided =
                (PipelineResult.Decided) pipeline().handle(message("terrible, the delivery never came"));

        assertThat(decided.decision()).isInstanceOf(Decision.Handoff.class);
        assertThat(((Decision.Handoff) decided.decision()).trigger().reason())
                .isEqualTo(HandoffReason.NEGATIVE_SENTIMENT);
        assertThat(decided.conversation().state()).isEqualTo(ConversationState.QUEUED);
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(PipelineEvent.SlotsSuppressed.class));
    }

    @Test
    void should_stay_silent_when_conversation_is_waiting_for_a_person() {
        ConversationPipeline pipeline = pipeline();
        pipeline.handle(message("转人工"));

        PipelineResult result = pipeline.handle(message("hello? anyone?"));

        assertThat(result).isInstanceOf(PipelineResult.Relayed.class);
        assertThat(result.conversation().messages())
                .extracting(m -> m.from())
                .containsExactly(Speaker.SHOPPER, Speaker.BOT, Speaker.SHOPPER);
    }

    @Test
    void should_hand_off_with_bot_failure_when_retrieval_throws() {
        retriever = query -> {
            throw new IllegalStateException("index is corrupt");
        };

        PipelineResult.Decided decided =
                (PipelineResult.Decided) pipeline().handle(message("How long does delivery take?"));

        Decision.Handoff handoff = (Decision.Handoff) decided.decision();
        assertThat(handoff.trigger().reason()).isEqualTo(HandoffReason.BOT_FAILURE);
        assertThat(handoff.trigger().details()).containsEntry("error", "IllegalStateException");
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(PipelineEvent.StageFailed.class));
    }

    @Test
    void should_hand_off_with_bot_failure_when_intent_classifier_throws() {
        classifier = (text, language) -> {
            throw new IllegalStateException("model missing");
        };

        PipelineResult.Decided decided = (PipelineResult.Decided) pipeline().handle(message("你好"));

        assertThat(((Decision.Handoff) decided.decision()).trigger().reason()).isEqualTo(HandoffReason.BOT_FAILURE);
        assertThat(((Decision.Handoff) decided.decision()).notice().text()).contains("人工");
    }

    @Test
    void should_hand_off_with_bot_failure_within_the_timeout_when_a_stage_hangs() {
        stageExecutor = Executors.newCachedThreadPool();
        try {
            retriever = query -> {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of(SHIPPING);
            };
            long start = System.nanoTime();

            PipelineResult.Decided decided =
                    (PipelineResult.Decided) pipeline().handle(message("How long does delivery take?"));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            Decision.Handoff handoff = (Decision.Handoff) decided.decision();
            assertThat(handoff.trigger().reason()).isEqualTo(HandoffReason.BOT_FAILURE);
            assertThat(handoff.trigger().details())
                    .containsEntry("error", "timeout")
                    .containsEntry("timeoutMs", "300");
        } finally {
            stageExecutor.shutdownNow();
        }
    }

    @Test
    void should_record_signals_and_the_decision_with_the_message() {
        pipeline().handle(message("How long does delivery take?"));
        pipeline().handle(message("terrible, the delivery never came"));

        ConversationMessage first = store.find("c-1").orElseThrow().messages().get(0);
        assertThat(first.signals().intent()).isEqualTo("delivery_time");
        assertThat(first.signals().language()).isEqualTo(Language.EN);
        ConversationMessage upset = store.find("c-1").orElseThrow().messages().get(2);
        assertThat(upset.signals().sentiment()).isEqualTo(-0.9);
        assertThat(store.events("c-1"))
                .extracting(ConversationEvent::type)
                .containsExactly(ConversationEvent.Type.REPLY, ConversationEvent.Type.HANDOFF);
        ConversationEvent.Replied reply =
                (ConversationEvent.Replied) store.events("c-1").get(0);
        assertThat(reply.citations()).containsExactly("policy-shipping");
        ConversationEvent.HandedOff handoff =
                (ConversationEvent.HandedOff) store.events("c-1").get(1);
        assertThat(handoff.trigger().reason()).isEqualTo(HandoffReason.NEGATIVE_SENTIMENT);
        assertThat(handoff.trigger().details()).containsEntry("threshold", "-0.60");
        assertThat(handoff.priority())
                .isEqualTo(Priority.URGENT); // the fixture's urgency 0.5 reaches queue.urgentAbove
    }

    @Test
    void should_hand_off_a_shopper_the_store_s_profile_tags_vip_diamond_though_the_message_carries_no_tag() {
        profiles = id -> id.equals("s-7") ? Set.of("vip_diamond", "mother_baby") : Set.of();
        InboundMessage message = new InboundMessage(
                "c-7", "where is my parcel?", new ShopperContext("s-7", Set.of("newcomer")), null, NOW);

        PipelineResult.Decided decided = (PipelineResult.Decided) pipeline().handle(message);

        Decision.Handoff handoff = (Decision.Handoff) decided.decision();
        assertThat(handoff.trigger().reason()).isEqualTo(HandoffReason.SHOPPER_TAG);
        assertThat(handoff.trigger().details()).containsEntry("tag", "vip_diamond");
        assertThat(store.find("c-7").orElseThrow().shopper().tags())
                .containsExactlyInAnyOrder("newcomer", "vip_diamond", "mother_baby");

        InboundMessage anonymous =
                new InboundMessage("c-8", "where is my parcel?", ShopperContext.anonymous(), null, NOW);
        assertThat(((PipelineResult.Decided) pipeline().handle(anonymous)).decision())
                .isInstanceOf(Decision.Reply.class);
    }

    @Test
    void should_queue_vip_shoppers_first_and_tell_the_expected_wait() {
        InboundMessage vip = new InboundMessage(
                "c-vip", "talk to a human please", new ShopperContext("s-9", Set.of("vip_gold")), null, NOW);

        PipelineResult.Decided decided = (PipelineResult.Decided) pipeline().handle(vip);

        Decision.Handoff handoff = (Decision.Handoff) decided.decision();
        assertThat(handoff.ticket().priority()).isEqualTo(Priority.VIP);
        assertThat(handoff.ticket().dueAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(handoff.notice().text()).contains("within about 5 minutes");
    }

    @Test
    void should_still_reply_without_slots_when_slot_planner_throws() {
        slots = request -> {
            throw new IllegalStateException("scripts broken");
        };

        PipelineResult.Decided decided =
                (PipelineResult.Decided) pipeline().handle(message("How long does delivery take?"));

        Decision.Reply reply = (Decision.Reply) decided.decision();
        assertThat(reply.slots()).isEmpty();
        assertThat(reply.answer().kind()).isEqualTo(AnswerKind.GROUNDED);
    }

    @Test
    void should_hand_off_with_repeated_fallback_when_nothing_answers_twice() {
        classifier = (text, language) -> intent("product_question", 0.8);
        ConversationPipeline pipeline = pipeline();

        PipelineResult.Decided first = (PipelineResult.Decided) pipeline.handle(message("does the zeta9 float"));
        PipelineResult.Decided second = (PipelineResult.Decided) pipeline.handle(message("does the zeta9 sink"));

        assertThat(((Decision.Reply) first.decision()).answer().kind()).isEqualTo(AnswerKind.FALLBACK);
        assertThat(((Decision.Handoff) second.decision()).trigger().reason())
                .isEqualTo(HandoffReason.REPEATED_FALLBACK);
    }

    @Test
    void should_hand_off_with_shopper_tag_when_shopper_is_vip() {
        InboundMessage vip = new InboundMessage(
                "c-vip", "How long does delivery take?", new ShopperContext("s-9", Set.of("vip_diamond")), null, NOW);

        PipelineResult.Decided decided = (PipelineResult.Decided) pipeline().handle(vip);

        assertThat(((Decision.Handoff) decided.decision()).trigger().reason()).isEqualTo(HandoffReason.SHOPPER_TAG);
    }

    @Test
    void should_report_every_missing_stage_when_building_incomplete_pipeline() {
        assertThatThrownBy(() -> ConversationPipeline.builder().maxPassages(0).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("retriever is required")
                .hasMessageContaining("intentClassifier is required")
                .hasMessageContaining("maxPassages must be >= 1");
    }

    @Test
    void should_keep_replies_in_order_when_one_conversation_gets_concurrent_messages() throws Exception {
        ConversationPipeline pipeline = pipeline();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Thread thread = new Thread(() -> pipeline.handle(message("How long does delivery take?")));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(store.find("c-1").orElseThrow().messages())
                .hasSize(16)
                .extracting(m -> m.from())
                .containsSequence(Speaker.SHOPPER, Speaker.BOT, Speaker.SHOPPER, Speaker.BOT);
    }

    @Test
    void should_take_a_known_product_page_as_the_subject_and_ignore_an_unknown_one() {
        List<KnowledgeQuery> queries = new ArrayList<>();
        retriever = query -> {
            queries.add(query);
            return List.of(SHIPPING);
        };
        classifier = (text, language) -> intent("product_question", 0.9);
        ConversationPipeline pipeline = pipeline();
        pipeline.handle(new InboundMessage("c-1", "这个防水吗", ShopperContext.anonymous(), null, NOW, "product-x200"));
        pipeline.handle(new InboundMessage("c-2", "这个防水吗", ShopperContext.anonymous(), null, NOW, "no-such-page"));

        assertThat(queries)
                .extracting(KnowledgeQuery::subject, KnowledgeQuery::aboutSubject)
                .containsExactly(tuple("product-x200", true), tuple(null, false));
        assertThat(store.find("c-1").orElseThrow().subject()).isEqualTo(new Subject("product-x200", 1));
        assertThat(store.find("c-2").orElseThrow().subject()).isNull();
    }

    @Test
    void should_make_the_product_the_bot_answered_with_the_subject_of_the_next_question() {
        Passage stroller = new Passage("product-stroller", "product", "Stroller", "The stroller weighs 6.8 kg.", 9.0);
        List<KnowledgeQuery> queries = new ArrayList<>();
        retriever = query -> {
            queries.add(query);
            return List.of(stroller);
        };
        classifier = (text, language) -> intent("product_question", 0.9);
        ConversationPipeline pipeline = pipeline();
        pipeline.handle(message("looking at a light pram"));
        pipeline.handle(message("how heavy?"));

        assertThat(queries).extracting(KnowledgeQuery::subject).containsExactly(null, "product-stroller");
        assertThat(queries.get(1).at()).isEqualTo(NOW);
    }

    @Test
    void should_search_a_broad_question_even_when_the_router_finds_it_out_of_scope() {
        List<KnowledgeQuery> queries = new ArrayList<>();
        retriever = query -> {
            queries.add(query);
            return List.of();
        };
        classifier = (text, language) -> intent("oos", 0.9);
        pipeline().handle(message("what's new"));
        assertThat(queries).extracting(KnowledgeQuery::asksWhatsOn).containsExactly(true);
    }
}
