package dev.kefu.core.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.kefu.core.config.ProactiveConfig;
import dev.kefu.core.conversation.CaffeineConversationStore;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeFacts;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.order.Order;
import dev.kefu.core.order.OrderItem;
import dev.kefu.core.order.OrderStatus;
import dev.kefu.core.order.Shipment;
import dev.kefu.core.order.TrackingEvent;
import dev.kefu.core.slot.ScriptLibrary;
import dev.kefu.core.slot.SuppressionReason;
import dev.kefu.core.slot.experiment.ArmTally;
import dev.kefu.core.slot.experiment.Assigner;
import dev.kefu.core.slot.experiment.Experiment;
import dev.kefu.core.slot.experiment.ExperimentLog;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each trigger and each guard rail of outreach, on a fixed clock with in-memory stores. */
class OutreachTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String RULES =
            """
            outreach:
              rules:
                - id: cart
                  trigger: cart_abandoned
                  experiment: o-cart
                  holdout: 0
                  channels: [widget, webhook]
                  lines: {en: "The {product.name} is in your cart.", zh: "{product.name}还在购物车里。"}
                - id: page
                  trigger: product_page
                  afterSeconds: 90
                  experiment: o-page
                  holdout: 0
                  lines: {en: "Looking at the {product.name}?"}
                - id: tips
                  trigger: delivered
                  afterDays: 3
                  experiment: o-tips
                  holdout: 0
                  channels: [webhook]
                  lines: {en: "How is the {product.name}?"}
                - id: silent
                  trigger: tag
                  tag: silent_30d
                  quietHours: true
                  experiment: o-silent
                  holdout: 0
                  channels: [webhook]
                  lines: {en: "It's been a while!"}
            """;

    private final Fakes fakes = new Fakes();
    private final CaffeineConversationStore store =
            new CaffeineConversationStore(100, Duration.ofHours(1), Ticker.systemTicker());
    private OutreachRules rules = rules(RULES);
    private ProactiveConfig config = config(1800, 2, "00:00", "00:00");

    private static OutreachRules rules(String yaml) {
        return ScriptLibrary.parse(yaml.getBytes(StandardCharsets.UTF_8), "test")
                .outreach();
    }

    private static ProactiveConfig config(int cartSeconds, int maxPerDay, String quietStart, String quietEnd) {
        return new ProactiveConfig(
                true,
                1,
                new ProactiveConfig.CartAbandonment(cartSeconds),
                maxPerDay,
                7,
                7,
                -0.3,
                quietStart,
                quietEnd,
                "UTC",
                null);
    }

    private Outreach outreach() {
        return new Outreach(
                () -> rules,
                fakes,
                fakes,
                store,
                fakes,
                new Assigner(),
                fakes,
                config,
                Set.of("complaint"),
                Set.of("no_marketing"),
                fakes);
    }

    private OpenWidget widget(String shopper, String productId, Instant since) {
        String conversationId = "c-" + shopper;
        ShopperContext context = new ShopperContext(shopper, Set.of(), true);
        if (store.find(conversationId).isEmpty()) {
            store.save(Conversation.start(conversationId, context, since));
        }
        OpenWidget widget = new OpenWidget(conversationId, context, shopper, productId, since, "en");
        fakes.widgets.add(widget);
        return widget;
    }

    private void cart(String shopper, Instant at) {
        fakes.carts.add(new OutreachSources.CartLeft(fakes.carts.size() + 1, shopper, "p-stroller", null, at));
    }

    private List<HoldReason> holds() {
        return fakes.records.stream()
                .filter(r -> !r.sent())
                .map(OutreachRecord::reason)
                .toList();
    }

    @Test
    void should_remind_of_a_cart_in_the_open_widget_when_it_was_left_for_after_seconds() {
        widget("s1", null, T0);
        cart("s1", T0);
        Outreach outreach = outreach();

        assertThat(outreach.tick(T0.plusSeconds(1799))).isZero();
        assertThat(outreach.tick(T0.plusSeconds(1800))).isEqualTo(1);
        assertThat(outreach.tick(T0.plusSeconds(1801))).as("decided once").isZero();

        assertThat(fakes.toWidget).hasSize(1);
        OutreachMessage message = fakes.toWidget.get(0);
        assertThat(message.text())
                .startsWith("The Cloud Nest stroller is in your cart.")
                .contains(Outreach.STOP_NOTICE.get("en"));
        assertThat(fakes.exposures).extracting(ExperimentLog.Exposure::arm).containsExactly("message");
    }

    @Test
    void should_reach_a_widget_open_on_this_node_when_another_node_runs_the_timers() {
        widget("s1", null, T0);
        cart("s1", T0);
        cart("s2", T0); // s2's widget, if any, is open on another node

        assertThat(outreach().tick(T0.plusSeconds(1800), Outreach.Scope.OWN_WIDGETS))
                .isEqualTo(1);

        assertThat(fakes.toWidget).extracting(OutreachMessage::shopperKey).containsExactly("s1");
        assertThat(fakes.records)
                .as("s2 is left to the lease holder, undecided")
                .extracting(OutreachRecord::shopperKey)
                .containsExactly("s1");
    }

    @Test
    void should_do_nothing_on_a_node_without_open_widgets_that_does_not_run_the_timers() {
        fakes.webhook = true;
        cart("s2", T0);
        assertThat(outreach().tick(T0.plus(Duration.ofDays(1)), Outreach.Scope.OWN_WIDGETS))
                .isZero();
        assertThat(fakes.records).isEmpty();
        assertThat(fakes.exposures).isEmpty();
    }

    @Test
    void should_leave_a_shopper_without_a_widget_here_to_the_other_nodes_for_the_handover_then_use_the_webhook() {
        fakes.webhook = true;
        widget("s1", null, T0);
        cart("s1", T0);
        cart("s2", T0);
        cart("s3", T0);
        Outreach outreach = outreach();
        Instant due = T0.plusSeconds(1800);

        assertThat(outreach.tick(due, Outreach.Scope.LEASE_HOLDER))
                .as("s1's widget is open here: at once")
                .isEqualTo(1);
        // meanwhile the node holding s3's widget reached it
        fakes.records.add(new OutreachRecord(
                "cart:cart:3",
                "cart",
                Trigger.CART_ABANDONED,
                "s3",
                "c-s3",
                "p-stroller",
                null,
                Channel.WIDGET,
                "message",
                "hi",
                due));
        assertThat(outreach.tick(due.plus(outreach.handover()).minusMillis(1), Outreach.Scope.LEASE_HOLDER))
                .isZero();
        assertThat(outreach.tick(due.plus(outreach.handover()), Outreach.Scope.LEASE_HOLDER))
                .isEqualTo(1);

        assertThat(fakes.toWidget).extracting(OutreachMessage::shopperKey).containsExactly("s1");
        assertThat(fakes.toWebhook).extracting(OutreachMessage::shopperKey).containsExactly("s2");
        assertThat(outreach.handover()).isEqualTo(Duration.ofSeconds(62)); // a minute and two ticks of 1 s
    }

    @Test
    void should_use_a_rule_s_own_wait_and_the_configured_one_otherwise() {
        rules = rules(RULES.replace("experiment: o-cart", "experiment: o-cart\n      afterSeconds: 2"));
        widget("s1", null, T0);
        cart("s1", T0);
        assertThat(outreach().tick(T0.plusSeconds(2))).isEqualTo(1);
    }

    @Test
    void should_greet_a_shopper_who_stayed_on_a_product_page_for_the_rule_s_seconds() {
        widget("s1", "p-stroller", T0);
        Outreach outreach = outreach();
        assertThat(outreach.tick(T0.plusSeconds(89))).isZero();
        assertThat(outreach.tick(T0.plusSeconds(90))).isEqualTo(1);
        assertThat(fakes.toWidget.get(0).ruleId()).isEqualTo("page");
    }

    @Test
    void should_greet_each_shopper_once_in_their_latest_widget_and_not_ask_the_log_again_about_decided_ones() {
        for (int i = 0; i < 2_000; i++) {
            widget("s" + i, "p-stroller", T0);
        }
        // s7 opened a second tab later: the greeting goes there, and only once
        ShopperContext s7 = new ShopperContext("s7", Set.of(), true);
        store.save(Conversation.start("c-s7-tab2", s7, T0.plusSeconds(5)));
        fakes.widgets.add(new OpenWidget("c-s7-tab2", s7, "s7", "p-carrier", T0.plusSeconds(5), "en"));
        Outreach outreach = outreach();

        assertThat(outreach.tick(T0.plusSeconds(95))).isEqualTo(2_000);
        assertThat(fakes.toWidget)
                .filteredOn(m -> m.shopperKey().equals("s7"))
                .extracting(OutreachMessage::conversationId)
                .containsExactly("c-s7-tab2");
        assertThat(holds()).containsExactly(HoldReason.ALREADY_SENT); // s7's second page
        int asked = fakes.decidedAsked;

        assertThat(outreach.tick(T0.plusSeconds(96))).isZero();
        assertThat(outreach.tick(T0.plusSeconds(97))).isZero();
        assertThat(fakes.decidedAsked).isEqualTo(asked); // known here: no query per open widget a tick
        assertThat(fakes.records).hasSize(2_001);

        fakes.widgets.removeIf(w -> !w.shopperKey().equals("s7")); // the others left their pages
        outreach.tick(T0.plusSeconds(98).plus(outreach.handover()));
        assertThat(outreach.rememberedDecisions()).isEqualTo(2); // only s7's pages, still candidates
    }

    @Test
    void should_read_a_day_of_carts_once_a_minute_and_only_the_last_ones_in_between() {
        Outreach outreach = outreach();
        Duration after = Duration.ofSeconds(1800);
        Instant t = T0.plus(Duration.ofDays(2));
        cart("s1", t.minus(Duration.ofHours(5))); // left long ago, not reminded yet (say, the server was down)
        cart("s2", t.minus(after).minusSeconds(1));

        outreach.tick(t); // the first tick reads the whole day: both decided
        assertThat(holds()).containsExactly(HoldReason.NO_CHANNEL, HoldReason.NO_CHANNEL); // no widget, no webhook
        outreach.tick(t.plusSeconds(1));
        outreach.tick(t.plusSeconds(60));

        Duration twoHandovers = outreach.handover().multipliedBy(2);
        assertThat(fakes.cartWindows)
                .containsExactly(
                        List.of(
                                t.minus(after).minus(Duration.ofDays(1)),
                                t.minus(after).plusMillis(1)),
                        List.of(
                                t.minus(after).minus(twoHandovers),
                                t.plusSeconds(1).minus(after).plusMillis(1)),
                        List.of(
                                t.plusSeconds(60).minus(after).minus(Duration.ofDays(1)),
                                t.plusSeconds(60).minus(after).plusMillis(1)));
        assertThat(fakes.records).hasSize(2);
    }

    @Test
    void should_ask_the_log_once_about_a_candidate_another_node_decided() {
        widget("s1", "p-stroller", T0);
        Outreach elsewhere = outreach();
        assertThat(elsewhere.tick(T0.plusSeconds(90))).isEqualTo(1);
        int asked = fakes.decidedAsked;

        Outreach here = outreach(); // another node sharing the log
        assertThat(here.tick(T0.plusSeconds(91), Outreach.Scope.OWN_WIDGETS)).isZero();
        assertThat(here.tick(T0.plusSeconds(92), Outreach.Scope.OWN_WIDGETS)).isZero();
        assertThat(fakes.decidedAsked).isEqualTo(asked + 1);
        assertThat(fakes.toWidget).hasSize(1);
    }

    @Test
    void should_send_usage_tips_to_the_webhook_days_after_delivery() {
        fakes.webhook = true;
        Instant delivered = T0.minus(Duration.ofDays(3));
        fakes.orders.add(new Order(
                "KF1",
                "s1",
                null,
                OrderStatus.DELIVERED,
                delivered.minus(Duration.ofDays(2)),
                List.of(new OrderItem("p-stroller", "Cloud Nest stroller", 1, BigDecimal.TEN)),
                List.of(new Shipment(
                        "SF", "SF1", null, List.of(new TrackingEvent(delivered, "delivered", "signed for"))))));
        Outreach outreach = outreach();
        assertThat(outreach.tick(delivered.plus(Duration.ofDays(3)).minusSeconds(60)))
                .isZero();
        assertThat(outreach.tick(delivered.plus(Duration.ofDays(3)))).isEqualTo(1);
        assertThat(fakes.toWebhook).extracting(OutreachMessage::ruleId).containsExactly("tips");
    }

    @Test
    void should_reach_a_tagged_shopper_only_in_the_quiet_hours_when_the_rule_is_for_them() {
        config = config(1800, 2, "22:00", "08:00");
        fakes.webhook = true;
        fakes.tagged.put("silent_30d", List.of("s1"));
        Outreach outreach = outreach();
        assertThat(outreach.tick(Instant.parse("2026-03-02T12:00:00Z"))).isZero();
        assertThat(outreach.tick(Instant.parse("2026-03-02T23:00:00Z"))).isEqualTo(1);
        assertThat(fakes.toWebhook).extracting(OutreachMessage::ruleId).containsExactly("silent");
    }

    @Test
    void should_hold_back_a_cart_reminder_in_the_quiet_hours_until_they_end() {
        config = config(1800, 2, "22:00", "08:00");
        widget("s1", null, Instant.parse("2026-03-02T21:00:00Z"));
        cart("s1", Instant.parse("2026-03-02T21:50:00Z"));
        Outreach outreach = outreach();
        assertThat(outreach.tick(Instant.parse("2026-03-02T22:30:00Z"))).isZero();
        assertThat(outreach.preview("cart", "s1", null, Instant.parse("2026-03-02T22:30:00Z"))
                        .reason())
                .isEqualTo(HoldReason.QUIET_HOURS);
        assertThat(outreach.tick(Instant.parse("2026-03-03T08:00:00Z"))).isEqualTo(1);
    }

    @Test
    void should_hold_back_an_opted_out_shopper_and_log_why() {
        widget("s1", null, T0);
        cart("s1", T0);
        fakes.optOut("s1", "widget", T0);
        assertThat(outreach().tick(T0.plusSeconds(1800))).isZero();
        assertThat(fakes.toWidget).isEmpty();
        assertThat(holds()).containsExactly(HoldReason.OPTED_OUT);
    }

    @Test
    void should_hold_back_a_shopper_with_an_opt_out_tag() {
        OpenWidget widget = widget("s1", null, T0);
        store.save(store.find(widget.conversationId())
                .orElseThrow()
                .withShopper(new ShopperContext("s1", Set.of("no_marketing"), true)));
        cart("s1", T0);
        outreach().tick(T0.plusSeconds(1800));
        assertThat(holds()).containsExactly(HoldReason.OPTED_OUT);
    }

    @Test
    void should_hold_back_a_shopper_whose_conversation_is_with_a_person() {
        OpenWidget widget = widget("s1", null, T0);
        store.save(store.find(widget.conversationId())
                .orElseThrow()
                .queued(
                        HandoffTicket.queued(
                                new HandoffTrigger(HandoffReason.EXPLICIT_REQUEST, Map.of()),
                                Priority.NORMAL,
                                Language.EN,
                                T0,
                                T0.plusSeconds(300)),
                        T0));
        assertThat(store.find(widget.conversationId()).orElseThrow().state()).isEqualTo(ConversationState.QUEUED);
        cart("s1", T0);
        outreach().tick(T0.plusSeconds(1800));
        assertThat(holds()).containsExactly(HoldReason.OPEN_HANDOFF);
    }

    @Test
    void should_hold_back_a_shopper_who_complained_or_was_negative_in_the_last_days() {
        said("s1", "complaint", 0.0);
        said("s2", "product_info", -0.8);
        cart("s1", T0);
        cart("s2", T0);
        outreach().tick(T0.plusSeconds(1800));
        assertThat(holds()).containsExactlyInAnyOrder(HoldReason.COMPLAINT, HoldReason.NEGATIVE_SENTIMENT);
    }

    private void said(String shopper, String intent, double sentiment) {
        OpenWidget widget = widget(shopper, null, T0);
        Conversation conversation =
                store.find(widget.conversationId()).orElseThrow().append(Speaker.SHOPPER, "hm", List.of(), T0);
        store.save(conversation.withSignals(1, new MessageSignals(intent, 0.9, sentiment, sentiment, 0, Language.EN)));
    }

    @Test
    void should_send_one_message_per_rule_and_shopper_and_hold_the_next() {
        widget("s1", null, T0);
        cart("s1", T0);
        Outreach outreach = outreach();
        outreach.tick(T0.plusSeconds(1800));
        cart("s1", T0.plusSeconds(60));
        outreach.tick(T0.plusSeconds(1860));
        assertThat(fakes.toWidget).hasSize(1);
        assertThat(holds()).containsExactly(HoldReason.ALREADY_SENT);
    }

    @Test
    void should_hold_back_past_the_daily_cap() {
        config = config(1800, 1, "00:00", "00:00");
        widget("s1", "p-stroller", T0);
        cart("s1", T0);
        Outreach outreach = outreach();
        outreach.tick(T0.plusSeconds(90)); // the page rule
        outreach.tick(T0.plusSeconds(1800)); // the cart rule
        assertThat(fakes.toWidget).extracting(OutreachMessage::ruleId).containsExactly("page");
        assertThat(holds()).containsExactly(HoldReason.DAILY_CAP);
    }

    @Test
    void should_hold_back_while_the_rule_s_experiment_is_paused() {
        fakes.statuses.put("o-cart", Experiment.Status.PAUSED);
        widget("s1", null, T0);
        cart("s1", T0);
        outreach().tick(T0.plusSeconds(1800));
        assertThat(holds()).containsExactly(HoldReason.EXPERIMENT_PAUSED);
    }

    @Test
    void should_hold_back_when_no_widget_is_open_and_no_webhook_is_set() {
        cart("s1", T0);
        outreach().tick(T0.plusSeconds(1800));
        assertThat(holds()).containsExactly(HoldReason.NO_CHANNEL);
    }

    @Test
    void should_measure_the_holdout_without_messaging_it() {
        rules = rules(
                RULES.replace("experiment: o-cart\n      holdout: 0\n", "experiment: o-cart\n      holdout: 50\n"));
        OutreachRule cart = rules.rule("cart").orElseThrow();
        Assigner assigner = new Assigner();
        String held = null;
        for (int i = 0; held == null && i < 1000; i++) {
            if (assigner.assign(cart.experimentOf(Experiment.Status.RUNNING), "h" + i)
                    .equals(Experiment.HOLDOUT)) {
                held = "h" + i;
            }
        }
        widget(held, null, T0);
        cart(held, T0);
        outreach().tick(T0.plusSeconds(1800));
        assertThat(fakes.toWidget).isEmpty();
        assertThat(holds()).containsExactly(HoldReason.HOLDOUT);
        assertThat(fakes.exposures).extracting(ExperimentLog.Exposure::arm).containsExactly(Experiment.HOLDOUT);
    }

    @Test
    void should_preview_without_sending_or_recording() {
        widget("s1", null, T0);
        Outreach.Verdict verdict = outreach().preview("cart", "s1", "p-stroller", T0);
        assertThat(verdict.send()).isTrue();
        assertThat(verdict.channel()).isEqualTo(Channel.WIDGET);
        assertThat(verdict.text()).startsWith("The Cloud Nest stroller is in your cart.");
        assertThat(fakes.records).isEmpty();
        assertThat(fakes.toWidget).isEmpty();
    }

    @Test
    void should_list_every_problem_of_the_outreach_section() {
        String broken =
                """
                outreach:
                  rules:
                    - id: a
                      trigger: page_view
                      lines: {en: "x"}
                    - id: b
                      trigger: product_page
                      lines: {fr: "{product.price}"}
                    - id: c
                      trigger: tag
                      holdout: 100
                      lines: {en: "{product.name}"}
                """;
        try {
            ScriptLibrary.parse(broken.getBytes(StandardCharsets.UTF_8), "test");
            throw new AssertionError("accepted a broken outreach section");
        } catch (ScriptLibrary.ScriptException e) {
            assertThat(e.problems())
                    .anyMatch(p -> p.contains("rules[0] (a): trigger must be one of"))
                    .anyMatch(p -> p.contains("rules[1] (b): a product_page rule needs afterSeconds"))
                    .anyMatch(p -> p.contains("rules[1] (b): lines.fr: only en and zh"))
                    .anyMatch(p -> p.contains("unknown placeholder {product.price}"))
                    .anyMatch(p -> p.contains("rules[2] (c): a tag rule needs tag"))
                    .anyMatch(p -> p.contains("rules[2] (c): holdout must be a percentage in [0, 100)"))
                    .anyMatch(p -> p.contains("a tag rule has no product for {product.name}"));
        }
    }

    @Test
    void should_take_the_cart_wait_from_the_environment_as_the_contract_names_it() {
        ProactiveConfig proactive = new dev.kefu.core.config.ConfigLoader(
                        Map.of("KEFU_PROACTIVE_CART_ABANDONMENT_AFTER_SECONDS", "2"))
                .load(null, Map.of())
                .proactive();
        assertThat(proactive.cartAbandonment().afterSeconds()).isEqualTo(2);
    }

    @Test
    void should_load_the_demo_store_s_outreach_rules() {
        assertThat(ScriptLibrary.demo().outreach().rules())
                .extracting(r -> r.trigger())
                .contains(Trigger.CART_ABANDONED, Trigger.PRODUCT_PAGE, Trigger.DELIVERED, Trigger.TAG);
    }

    /** The log, sources, experiment log, graph and delivery, in memory. */
    static final class Fakes implements OutreachLog, OutreachSources, ExperimentLog, KnowledgeFacts, OutreachDelivery {
        final List<OutreachRecord> records = new ArrayList<>();
        final Map<String, Instant> optedOut = new HashMap<>();
        final List<CartLeft> carts = new ArrayList<>();
        final List<Order> orders = new ArrayList<>();
        final Map<String, List<String>> tagged = new HashMap<>();
        final List<OpenWidget> widgets = new ArrayList<>();
        final List<OutreachMessage> toWidget = new ArrayList<>();
        final List<OutreachMessage> toWebhook = new ArrayList<>();
        final List<Exposure> exposures = new ArrayList<>();
        final Map<String, Experiment.Status> statuses = new HashMap<>();
        boolean webhook;

        /** How often {@link #decided} was asked, as a query of the real log. */
        int decidedAsked;

        @Override
        public boolean record(OutreachRecord record) {
            if (has(record.key())) {
                return false;
            }
            return records.add(record);
        }

        @Override
        public boolean decided(String key) {
            decidedAsked++;
            return has(key);
        }

        private boolean has(String key) {
            return records.stream().anyMatch(r -> r.key().equals(key));
        }

        @Override
        public List<OutreachRecord> sentTo(String shopperKey, Instant since) {
            return records.stream()
                    .filter(r -> r.sent() && r.shopperKey().equals(shopperKey) && !r.at().isBefore(since))
                    .toList();
        }

        @Override
        public List<OutreachRecord> recent(Instant since, int limit) {
            return records.stream()
                    .filter(r -> !r.at().isBefore(since))
                    .limit(limit)
                    .toList();
        }

        @Override
        public List<OutreachRecord> ofRule(String ruleId, Instant since) {
            return records.stream().filter(r -> r.ruleId().equals(ruleId)).toList();
        }

        @Override
        public void optOut(String shopperKey, String via, Instant at) {
            optedOut.putIfAbsent(shopperKey, at);
        }

        @Override
        public boolean optedOut(String shopperKey) {
            return optedOut.containsKey(shopperKey);
        }

        /** The windows {@link #cartsLeft} was asked for, as [from, to). */
        final List<List<Instant>> cartWindows = new ArrayList<>();

        @Override
        public List<CartLeft> cartsLeft(Instant from, Instant to) {
            cartWindows.add(List.of(from, to));
            return carts.stream()
                    .filter(c -> !c.at().isBefore(from) && c.at().isBefore(to))
                    .toList();
        }

        @Override
        public List<Order> ordersChangedSince(Instant since) {
            return orders;
        }

        @Override
        public List<String> tagged(String tag, int limit) {
            return tagged.getOrDefault(tag, List.of());
        }

        @Override
        public Set<String> tagsOf(String shopperKey) {
            return new HashSet<>();
        }

        @Override
        public List<String> conversationsOf(String shopperKey, Instant since) {
            return List.of();
        }

        @Override
        public void exposed(Exposure exposure) {
            exposures.add(exposure);
        }

        @Override
        public void event(StorefrontEvent event) {}

        @Override
        public List<StorefrontEvent> events(String shopperId, Instant since) {
            return List.of();
        }

        @Override
        public Map<String, Experiment.Status> statuses() {
            return statuses;
        }

        @Override
        public void status(String experimentId, Experiment.Status status, String actor, Instant at) {
            statuses.put(experimentId, status);
        }

        @Override
        public Map<SuppressionReason, Long> suppressions(Instant since) {
            return Map.of();
        }

        @Override
        public Map<String, ArmTally> tally(String experimentId, Duration window) {
            return Map.of();
        }

        @Override
        public Optional<Fact> entry(String id, Language language) {
            return id.equals("p-stroller")
                    ? Optional.of(new Fact(id, "product", "Cloud Nest stroller", Map.of()))
                    : Optional.empty();
        }

        @Override
        public List<Fact> related(String id, String relation, boolean outgoing, Language language) {
            return List.of();
        }

        @Override
        public List<OpenWidget> openWidgets() {
            return widgets;
        }

        @Override
        public boolean toWidget(OpenWidget widget, OutreachMessage message) {
            return toWidget.add(message);
        }

        @Override
        public boolean hasWebhook() {
            return webhook;
        }

        @Override
        public void toWebhook(OutreachMessage message) {
            toWebhook.add(message);
        }
    }
}
