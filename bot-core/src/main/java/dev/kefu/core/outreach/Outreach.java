package dev.kefu.core.outreach;

import dev.kefu.core.Checks;
import dev.kefu.core.config.ProactiveConfig;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeFacts;
import dev.kefu.core.order.Order;
import dev.kefu.core.order.OrderItem;
import dev.kefu.core.order.OrderStatus;
import dev.kefu.core.order.Shipment;
import dev.kefu.core.order.TrackingEvent;
import dev.kefu.core.slot.experiment.Assigner;
import dev.kefu.core.slot.experiment.Experiment;
import dev.kefu.core.slot.experiment.ExperimentLog;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kefu speaking first. {@link #tick} is the whole timer: it finds the candidates of every rule
 * (a cart left, a product page dwelt on, an order delivered days ago, a tagged shopper in the
 * quiet hours), decides each once (its key is recorded), and either delivers the rule's line or
 * records why it was held back. The guard rails, in order: opted out, an open hand-off, a
 * complaint or negative sentiment in the last {@code proactive.guardDays}, the quiet hours, the
 * rule already sent, the daily cap, a paused experiment, no channel; then the experiment's holdout.
 * {@link #preview} runs the same decision for a trainer without sending or recording anything.
 *
 * <p>Non-quiet-hour rules are not decided during the quiet hours (their candidates wait for the
 * morning, within the look-back); a rule written for them runs only then. One {@code tick} at a
 * time (it is synchronized).
 *
 * <p>Under a cluster every node ticks, since a widget is open on one node only: each decides the
 * candidates whose shopper has a widget open on it, and the node holding the timers' lease also
 * the others (to the webhook, or held back), but only once they have been candidates for {@link
 * #handover} (so the node holding the shopper's widget, if any, decides first). A candidate is
 * decided once across the nodes: its key is recorded before anything is sent ({@link Scope}).
 */
public final class Outreach {
    private static final Logger LOG = LoggerFactory.getLogger(Outreach.class);
    /** How far back a tick looks for a trigger that fired while no tick ran. */
    static final Duration LOOK_BACK = Duration.ofDays(1);

    static final int MAX_TAGGED = 500;
    /**
     * How often the rules whose candidates change slowly (days after delivery, tags) read the
     * store's orders and profiles: not on every tick.
     */
    static final Duration SLOW_EVERY = Duration.ofMinutes(1);
    /** The notice every outreach message ends with: how to get no more of them. */
    public static final Map<String, String> STOP_NOTICE = Map.of(
            "en", "Don't want these messages? Tap \u201cStop these messages\u201d.",
            "zh",
                    "\u4e0d\u60f3\u6536\u5230\u6b64\u7c7b\u6d88\u606f\uff1f\u70b9\u201c\u4e0d\u518d\u63a5\u6536\u201d\u5373\u53ef\u9000\u8ba2\u3002");

    private final Supplier<OutreachRules> rules;
    private final OutreachLog log;
    private final OutreachSources sources;
    private final ConversationStore conversations;
    private final ExperimentLog experiments;
    private final Assigner assigner;
    private final OutreachDelivery delivery;
    private final ProactiveConfig config;
    private final Set<String> forbiddenIntents;
    private final Set<String> optOutTags;
    private final KnowledgeFacts products;
    /** When the slow rules last ran; guarded by this. */
    private Instant slowRan;
    /**
     * Candidates without a widget on this node, by key, and when this lease holder first saw them;
     * guarded by this.
     */
    private final Map<String, Instant> waiting = new HashMap<>();
    /**
     * Keys this node knows were decided (here, or found in the log), and when each was last a
     * candidate: a candidate stays one for up to {@link #LOOK_BACK} (a widget on a product page, a
     * left cart), and without this every tick asked the log about each again, one query per open
     * widget a second. A key not a candidate for {@link #handover} (a slow rule's period and two
     * ticks) is forgotten, so this holds about the candidates of the last minute; guarded by this.
     */
    private final Map<String, Instant> decided = new HashMap<>();
    /** Per cart rule, the end of the window of carts its last run read; guarded by this. */
    private final Map<String, Instant> cartsReadTo = new HashMap<>();

    /** Which candidates a tick decides. */
    public enum Scope {
        /** A node alone: every candidate. */
        ALL,
        /**
         * The cluster's timer node: those whose shopper has a widget open here at once, the others
         * after {@link Outreach#handover}.
         */
        LEASE_HOLDER,
        /** Another node of a cluster: only those whose shopper has a widget open here. */
        OWN_WIDGETS
    }

    /**
     * @param forbiddenIntents intents that count as a complaint ({@code slots.forbiddenIntents})
     * @param optOutTags tags that mean no marketing ({@code slots.optOutTags})
     * @param products the knowledge graph, for {@code {product.name}}
     */
    public Outreach(
            Supplier<OutreachRules> rules,
            OutreachLog log,
            OutreachSources sources,
            ConversationStore conversations,
            ExperimentLog experiments,
            Assigner assigner,
            OutreachDelivery delivery,
            ProactiveConfig config,
            Set<String> forbiddenIntents,
            Set<String> optOutTags,
            KnowledgeFacts products) {
        this.rules = Checks.requireNonNull("rules", rules);
        this.log = Checks.requireNonNull("log", log);
        this.sources = Checks.requireNonNull("sources", sources);
        this.conversations = Checks.requireNonNull("conversations", conversations);
        this.experiments = Checks.requireNonNull("experiments", experiments);
        this.assigner = Checks.requireNonNull("assigner", assigner);
        this.delivery = Checks.requireNonNull("delivery", delivery);
        this.config = Checks.requireNonNull("config", config);
        this.forbiddenIntents = Set.copyOf(forbiddenIntents);
        this.optOutTags = Set.copyOf(optOutTags);
        this.products = Checks.requireNonNull("products", products);
    }

    /** A shopper a rule fired for. */
    record Candidate(String key, OutreachRule rule, String shopperKey, String productId, String productName) {}

    /**
     * What the rules would do for a shopper: send (the text, the channel, the arm) or hold back
     * (the reason).
     */
    public record Verdict(String ruleId, boolean send, HoldReason reason, Channel channel, String arm, String text) {}

    /** Runs every rule once at {@code now} on a node alone; returns how many messages were sent. */
    public int tick(Instant now) {
        return tick(now, Scope.ALL);
    }

    /** Runs every rule once at {@code now} for the candidates of {@code scope}; returns how many messages were sent. */
    public synchronized int tick(Instant now, Scope scope) {
        if (!config.enabled()) {
            return 0;
        }
        Widgets widgets = Widgets.of(delivery.openWidgets());
        if (scope == Scope.OWN_WIDGETS && widgets.all().isEmpty()) {
            return 0; // nothing this node could decide
        }
        boolean quiet = quiet(now);
        boolean slow = slowRan == null || !now.isBefore(slowRan.plus(SLOW_EVERY));
        if (slow) {
            slowRan = now;
        }
        int sent = 0;
        for (OutreachRule rule : rules.get().rules()) {
            if (rule.quietHours() != quiet) {
                continue; // a rule runs only in its hours; its candidates wait
            }
            if (!slow && (rule.trigger() == Trigger.DELIVERED || rule.trigger() == Trigger.TAG)) {
                continue;
            }
            try {
                for (Candidate candidate : candidates(rule, now, widgets.all(), slow)) {
                    boolean here = scope == Scope.ALL || widgets.of(candidate.shopperKey()) != null;
                    if (!here && scope == Scope.OWN_WIDGETS) {
                        continue; // another node's, or the lease holder's
                    }
                    if (decided.replace(candidate.key(), now) != null) {
                        continue; // known to be decided, and still a candidate
                    }
                    if (log.decided(candidate.key())) {
                        waiting.remove(candidate.key()); // by another node, or an earlier tick
                        decided.put(candidate.key(), now);
                    } else if (here || handedOver(candidate, now)) {
                        waiting.remove(candidate.key());
                        boolean sentNow = decide(candidate, now, widgets.of(candidate.shopperKey()));
                        decided.put(candidate.key(), now); // recorded, sent or held back
                        if (sentNow) {
                            sent++;
                        }
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("outreach: rule {} failed this tick", rule.id(), e);
            }
        }
        Instant forgotten = now.minus(LOOK_BACK).minus(handover());
        waiting.values().removeIf(since -> since.isBefore(forgotten)); // no longer a candidate
        Instant unseen = now.minus(handover());
        decided.values().removeIf(seen -> seen.isBefore(unseen)); // should it come back, the log answers
        return sent;
    }

    /** How many decided keys this node remembers (for tests: they must not pile up). */
    synchronized int rememberedDecisions() {
        return decided.size();
    }

    /**
     * How long the lease holder leaves a candidate whose shopper has no widget open on it to the
     * other nodes: a slow rule's period and two ticks, so every node has looked for a widget of the
     * shopper at least once.
     */
    public Duration handover() {
        return SLOW_EVERY.plusSeconds(2L * config.tickSeconds());
    }

    /**
     * Whether the lease holder decides a candidate without a widget here now: once it has been one
     * for {@link #handover}, counted from the first tick that saw it.
     */
    private boolean handedOver(Candidate candidate, Instant now) {
        Instant first = waiting.computeIfAbsent(candidate.key(), key -> now);
        return !now.isBefore(first.plus(handover()));
    }

    /**
     * What {@code ruleId} would do for {@code shopperKey} now, on {@code productId} (or none):
     * nothing is sent or recorded.
     */
    public Verdict preview(String ruleId, String shopperKey, String productId, Instant now) {
        OutreachRule rule =
                rules.get().rule(ruleId).orElseThrow(() -> new IllegalArgumentException("no outreach rule " + ruleId));
        Candidate candidate = new Candidate("preview", rule, shopperKey, productId, null);
        return verdict(candidate, now, Widgets.of(delivery.openWidgets()).of(shopperKey));
    }

    /** Decides a candidate, {@code widget} being its shopper's open widget here or null. */
    private boolean decide(Candidate candidate, Instant now, OpenWidget widget) {
        Verdict verdict = verdict(candidate, now, widget);
        OutreachRule rule = candidate.rule();
        String conversationId = widget == null ? null : widget.conversationId();
        if (verdict.arm() != null) {
            experiments.exposed(new ExperimentLog.Exposure(
                    rule.experiment(),
                    verdict.arm(),
                    rule.id(),
                    candidate.shopperKey(),
                    conversationId != null ? conversationId : exposureKey(candidate.shopperKey()),
                    now));
        }
        if (!verdict.send()) {
            log.record(record(candidate, conversationId, verdict.reason(), null, verdict, now));
            return false;
        }
        // Recorded before it goes: a second server or tick never sends the same candidate again.
        if (!log.record(record(candidate, conversationId, null, verdict.channel(), verdict, now))) {
            return false;
        }
        OutreachMessage message = new OutreachMessage(
                candidate.key(),
                rule.id(),
                rule.trigger(),
                candidate.shopperKey(),
                conversationId,
                candidate.productId(),
                language(widget, rule),
                verdict.text(),
                now);
        if (verdict.channel() == Channel.WIDGET) {
            if (!delivery.toWidget(widget, message)) {
                LOG.info("outreach: the widget of {} closed before rule {} reached it", conversationId, rule.id());
            }
        } else {
            delivery.toWebhook(message);
        }
        return true;
    }

    private static OutreachRecord record(
            Candidate c, String conversationId, HoldReason reason, Channel channel, Verdict verdict, Instant now) {
        return new OutreachRecord(
                c.key(),
                c.rule().id(),
                c.rule().trigger(),
                c.shopperKey(),
                conversationId,
                c.productId(),
                reason,
                channel,
                verdict.arm(),
                verdict.text(),
                now);
    }

    private Verdict verdict(Candidate c, Instant now, OpenWidget widget) {
        OutreachRule rule = c.rule();
        String language = language(widget, rule);
        String text = text(rule, language, name(c, language));
        Optional<HoldReason> held = guard(c, now, widget);
        if (held.isPresent()) {
            return new Verdict(rule.id(), false, held.get(), null, null, text);
        }
        Channel channel = channel(rule, widget);
        if (channel == null) {
            return new Verdict(rule.id(), false, HoldReason.NO_CHANNEL, null, null, text);
        }
        String arm = assigner.assign(rule.experimentOf(Experiment.Status.RUNNING), c.shopperKey());
        if (Experiment.HOLDOUT.equals(arm)) {
            return new Verdict(rule.id(), false, HoldReason.HOLDOUT, null, arm, text);
        }
        return new Verdict(rule.id(), true, null, channel, arm, text);
    }

    /** The first guard rail that holds the candidate back, if any. */
    Optional<HoldReason> guard(Candidate c, Instant now, OpenWidget widget) {
        OutreachRule rule = c.rule();
        String shopper = c.shopperKey();
        Instant since = now.minus(Duration.ofDays(config.guardDays()));
        List<Conversation> history = history(shopper, since, widget);
        Set<String> tags = new HashSet<>(sources.tagsOf(shopper));
        history.forEach(conversation -> tags.addAll(conversation.shopper().tags()));
        if (widget != null) {
            tags.addAll(widget.shopper().tags());
        }
        if (log.optedOut(shopper) || tags.stream().anyMatch(optOutTags::contains)) {
            return Optional.of(HoldReason.OPTED_OUT);
        }
        if (history.stream()
                .anyMatch(h -> h.state() == ConversationState.QUEUED || h.state() == ConversationState.AGENT)) {
            return Optional.of(HoldReason.OPEN_HANDOFF);
        }
        List<ConversationMessage> recent = history.stream()
                .flatMap(h -> h.messages().stream())
                .filter(m -> m.signals() != null && !m.at().isBefore(since))
                .toList();
        if (recent.stream().anyMatch(m -> forbiddenIntents.contains(m.signals().intent()))) {
            return Optional.of(HoldReason.COMPLAINT);
        }
        if (recent.stream().anyMatch(m -> m.signals().sentiment() < config.negativeBelow())) {
            return Optional.of(HoldReason.NEGATIVE_SENTIMENT);
        }
        if (quiet(now) != rule.quietHours()) {
            return Optional.of(HoldReason.QUIET_HOURS);
        }
        if (log.sentTo(shopper, now.minus(Duration.ofDays(config.repeatAfterDays()))).stream()
                .anyMatch(r -> r.ruleId().equals(rule.id()))) {
            return Optional.of(HoldReason.ALREADY_SENT);
        }
        if (log.sentTo(shopper, now.minus(Duration.ofDays(1))).size() >= config.maxPerDay()) {
            return Optional.of(HoldReason.DAILY_CAP);
        }
        if (experiments.statusOf(rule.experiment()) != Experiment.Status.RUNNING) {
            return Optional.of(HoldReason.EXPERIMENT_PAUSED);
        }
        return Optional.empty();
    }

    private List<Conversation> history(String shopper, Instant since, OpenWidget widget) {
        Map<String, Conversation> found = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>(sources.conversationsOf(shopper, since));
        if (widget != null) {
            ids.add(widget.conversationId());
        }
        for (String id : ids) {
            if (!found.containsKey(id)) {
                conversations.find(id).ifPresent(c -> found.put(id, c));
            }
        }
        return List.copyOf(found.values());
    }

    private Channel channel(OutreachRule rule, OpenWidget widget) {
        for (Channel channel : rule.channels()) {
            if (channel == Channel.WIDGET && widget != null) {
                return channel;
            }
            if (channel == Channel.WEBHOOK && delivery.hasWebhook()) {
                return channel;
            }
        }
        return null;
    }

    /**
     * The candidates of one rule at {@code now}. A cart rule reads the carts of the whole {@link
     * #LOOK_BACK} on the slow ticks (and its first), and on the others only those left since its
     * last window, less two handovers (so the lease holder still sees a candidate it waits on):
     * the carts of a day, read every second, were a scan of every cart event of the day per tick.
     */
    List<Candidate> candidates(OutreachRule rule, Instant now, List<OpenWidget> widgets, boolean slow) {
        List<Candidate> found = new ArrayList<>();
        String prefix = rule.id() + ":";
        switch (rule.trigger()) {
            case CART_ABANDONED -> {
                Duration after = rule.after() != null
                        ? rule.after()
                        : Duration.ofSeconds(config.cartAbandonment().afterSeconds());
                Instant to = now.minus(after);
                Instant from = to.minus(LOOK_BACK);
                Instant readTo = cartsReadTo.get(rule.id());
                if (!slow && readTo != null) {
                    Instant sinceLastRead = readTo.minus(handover().multipliedBy(2));
                    from = sinceLastRead.isAfter(from) ? sinceLastRead : from;
                }
                Map<String, OutreachSources.CartLeft> latest = new LinkedHashMap<>();
                for (OutreachSources.CartLeft cart : sources.cartsLeft(from, to.plusMillis(1))) {
                    latest.put(cart.shopperId(), cart); // oldest first: the last one stays
                }
                latest.values()
                        .forEach(cart -> found.add(new Candidate(
                                prefix + "cart:" + cart.eventId(), rule, cart.shopperId(), cart.productId(), null)));
                cartsReadTo.put(rule.id(), to);
            }
            case PRODUCT_PAGE -> {
                for (OpenWidget widget : widgets) {
                    if (widget.productId() != null
                            && !widget.pageSince().plus(rule.after()).isAfter(now)) {
                        found.add(new Candidate(
                                prefix + "page:" + widget.conversationId() + ":" + widget.productId() + ":"
                                        + widget.pageSince().toEpochMilli(),
                                rule,
                                widget.shopperKey(),
                                widget.productId(),
                                null));
                    }
                }
            }
            case DELIVERED -> {
                Instant latestDelivery = now.minus(rule.after());
                for (Order order : sources.ordersChangedSince(latestDelivery.minus(LOOK_BACK))) {
                    Optional<Instant> delivered = deliveredAt(order);
                    if (delivered.isPresent()
                            && !delivered.get().isAfter(latestDelivery)
                            && delivered.get().isAfter(latestDelivery.minus(LOOK_BACK))) {
                        OrderItem item =
                                order.items().isEmpty() ? null : order.items().get(0);
                        found.add(new Candidate(
                                prefix + "order:" + order.orderNo(),
                                rule,
                                order.shopperId(),
                                item == null ? null : item.productId(),
                                item == null ? null : item.name()));
                    }
                }
            }
            case TAG -> {
                Set<String> shoppers = new java.util.LinkedHashSet<>(sources.tagged(rule.tag(), MAX_TAGGED));
                widgets.stream()
                        .filter(w -> w.shopper().tags().contains(rule.tag()))
                        .forEach(w -> shoppers.add(w.shopperKey()));
                String day = now.atZone(config.zoneId()).toLocalDate().toString();
                shoppers.forEach(shopper ->
                        found.add(new Candidate(prefix + "tag:" + shopper + ":" + day, rule, shopper, null, null)));
            }
        }
        return found;
    }

    /** When the order's shipments were delivered (its latest tracking event), if it is delivered. */
    static Optional<Instant> deliveredAt(Order order) {
        if (order.status() != OrderStatus.DELIVERED) {
            return Optional.empty();
        }
        return order.shipments().stream()
                .map(Shipment::latest)
                .flatMap(Optional::stream)
                .map(TrackingEvent::at)
                .max(Comparator.naturalOrder());
    }

    /** Whether {@code now} is in the store's quiet hours (which may span midnight). */
    boolean quiet(Instant now) {
        LocalTime from = config.quietFrom();
        LocalTime to = config.quietTo();
        LocalTime time = now.atZone(config.zoneId()).toLocalTime();
        if (from.equals(to)) {
            return false;
        }
        return from.isBefore(to)
                ? !time.isBefore(from) && time.isBefore(to)
                : !time.isBefore(from) || time.isBefore(to);
    }

    /**
     * The widgets open on this node at one tick, and each shopper's latest (the page they came to
     * last): looked up once per candidate, so by key (with 10,000 open widgets a scan per candidate
     * was 10^8 comparisons a tick).
     */
    record Widgets(List<OpenWidget> all, Map<String, OpenWidget> byShopper) {
        static Widgets of(List<OpenWidget> open) {
            Map<String, OpenWidget> latest = new HashMap<>();
            for (OpenWidget widget : open) {
                latest.merge(
                        widget.shopperKey(), widget, (a, b) -> b.pageSince().isAfter(a.pageSince()) ? b : a);
            }
            return new Widgets(List.copyOf(open), latest);
        }

        /** The shopper's latest widget here, or null. */
        OpenWidget of(String shopperKey) {
            return byShopper.get(shopperKey);
        }
    }

    private static String language(OpenWidget widget, OutreachRule rule) {
        if (widget != null) {
            return widget.language();
        }
        return rule.lines().containsKey("zh") ? "zh" : "en";
    }

    /** The product's title in {@code language} from the graph, else the name the trigger gave, else its id. */
    private String name(Candidate c, String language) {
        if (c.productId() == null) {
            return c.productName();
        }
        return products.entry(c.productId(), Language.fromLocale(language))
                .map(KnowledgeFacts.Fact::title)
                .orElse(c.productName() != null ? c.productName() : c.productId());
    }

    /** The rule's line in {@code language}, its product filled in, then the stop notice. */
    static String text(OutreachRule rule, String language, String productName) {
        String line = rule.line(language);
        String used = rule.lines().containsKey(language) ? language : (language.equals("zh") ? "en" : "zh");
        line = line.replace(
                "{product.name}", productName != null ? productName : used.equals("zh") ? "您选的商品" : "your item");
        return line + "\n" + STOP_NOTICE.get(used);
    }

    /** The exposure's conversation column for a shopper reached outside a widget. */
    private static String exposureKey(String shopperKey) {
        String key = "outreach:" + shopperKey;
        return key.length() <= 64 ? key : key.substring(0, 64);
    }
}
