package dev.kefu.eval.run;

import dev.kefu.channels.jdbc.JdbcConversationStore.Finished;
import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.intent.Language;
import dev.kefu.core.message.ShopperContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A store-shaped conversation history for the analytics benchmark: starts spread over the days by
 * a store's hours (quiet nights, peaks late morning and evening in Asia/Shanghai, busier
 * weekends), 70% Chinese, 20% English, 10% mixed; 40% of shoppers known by id (some come back);
 * bot answers with feedback, ratings, small talk, unanswered questions, marketing lines, and
 * hand-offs with their queue wait, overdue, claim, agent reply, close or release and rating.
 * Deterministic for a seed; conversations come in the order they started.
 */
final class SyntheticHistory {
    private static final ZoneId STORE = ZoneId.of("Asia/Shanghai");
    /** Relative traffic by local hour of the day. */
    private static final double[] HOURS = {
        2, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 4, 6, 8, 9, 7, 6, 7, 7, 6, 6, 7, 9, 10, 10, 8, 4
    };

    private static final List<String> INTENTS = List.of(
            "shipping",
            "returns",
            "order_status",
            "size_guide",
            "payment",
            "invoice",
            "warranty",
            "promotion",
            "product_info",
            "stock",
            "address_change",
            "cancel_order");
    private static final List<HandoffReason> REASONS = List.of(
            HandoffReason.EXPLICIT_REQUEST,
            HandoffReason.EXPLICIT_REQUEST,
            HandoffReason.EXPLICIT_REQUEST,
            HandoffReason.NEGATIVE_SENTIMENT,
            HandoffReason.CONVERSATION_SENTIMENT,
            HandoffReason.REPEATED_FALLBACK,
            HandoffReason.INTENT,
            HandoffReason.SHOPPER_TAG);
    private static final List<String> AGENTS = List.of("li.na", "wang.fang", "zhang.wei", "chen.jing", "liu.yang");

    private final Random random;
    private final Instant from;
    private final long spanHours;
    private final double totalWeight;

    SyntheticHistory(long seed, Instant from, Instant to) {
        this.random = new Random(seed);
        this.from = from;
        this.spanHours = Duration.between(from, to).toHours();
        double total = 0;
        for (long h = 0; h < spanHours; h++) {
            total += weight(h);
        }
        this.totalWeight = total;
    }

    /** The traffic weight of hour {@code h} of the span. */
    private double weight(long h) {
        var local = from.plus(Duration.ofHours(h)).atZone(STORE);
        double weekend = local.getDayOfWeek().getValue() >= 6 ? 1.3 : 1.0;
        return HOURS[local.getHour()] * weekend;
    }

    /** Generates {@code count} conversations, handing them to {@code sink} in batches of {@code batch}, oldest first. */
    void generate(int count, int batch, Consumer<List<Finished>> sink) {
        List<Finished> pending = new ArrayList<>(batch);
        int made = 0;
        for (long h = 0; h < spanHours && made < count; h++) {
            double expected = count * weight(h) / totalWeight;
            int inHour = (int) Math.floor(expected) + (random.nextDouble() < expected - Math.floor(expected) ? 1 : 0);
            if (h == spanHours - 1) {
                inHour = count - made;
            }
            inHour = Math.min(inHour, count - made);
            long[] offsets = new long[inHour];
            for (int i = 0; i < inHour; i++) {
                offsets[i] = random.nextInt(3_600_000);
            }
            java.util.Arrays.sort(offsets);
            Instant hourStart = from.plus(Duration.ofHours(h));
            for (long offset : offsets) {
                pending.add(conversation("b-" + made, hourStart.plusMillis(offset)));
                made++;
                if (pending.size() == batch) {
                    sink.accept(pending);
                    pending = new ArrayList<>(batch);
                }
            }
        }
        if (!pending.isEmpty()) {
            sink.accept(pending);
        }
    }

    /** One conversation: what happens in it is drawn from the store-like shares below. */
    private Finished conversation(String id, Instant start) {
        double l = random.nextDouble();
        Language language = l < 0.7 ? Language.ZH : l < 0.9 ? Language.EN : Language.MIXED;
        String shopper = random.nextDouble() < 0.4 ? "shopper-" + random.nextInt(50_000) : null;
        Builder b = new Builder(id, new ShopperContext(shopper, Set.of()), start, language);
        double kind = random.nextDouble();
        String intent = INTENTS.get(random.nextInt(INTENTS.size()));
        if (kind < 0.55) { // answered, perhaps twice, with a verdict or a rating
            b.turn(intent, sentiment(), AnswerKind.GROUNDED);
            if (random.nextDouble() < 0.35) {
                b.turn(INTENTS.get(random.nextInt(INTENTS.size())), sentiment(), AnswerKind.GROUNDED);
            }
            double verdict = random.nextDouble();
            if (verdict < 0.30) {
                b.feedback(true);
            } else if (verdict < 0.36) {
                b.feedback(false);
            }
            if (random.nextDouble() < 0.08) {
                b.rate(random.nextDouble() < 0.8 ? 4 + random.nextInt(2) : 1 + random.nextInt(3), null);
            }
        } else if (kind < 0.65) { // the bot finds nothing
            b.turn(intent, sentiment(), AnswerKind.FALLBACK);
        } else if (kind < 0.75) { // small talk only
            b.turn("greeting", 0.3, AnswerKind.SMALL_TALK);
        } else if (kind < 0.85) { // a turn upset, then better
            b.turn(intent, -0.7, AnswerKind.GROUNDED);
            b.turn(intent, random.nextDouble() < 0.6 ? 0.2 : -0.5, AnswerKind.GROUNDED);
        } else { // a person
            b.turn(intent, sentiment(), AnswerKind.GROUNDED);
            b.handoff(REASONS.get(random.nextInt(REASONS.size())));
        }
        return b.finish();
    }

    private double sentiment() {
        return Math.max(-1, Math.min(1, random.nextGaussian() * 0.3));
    }

    /** Writes one conversation's messages and events as they would have happened. */
    private final class Builder {
        private Conversation c;
        private final List<ConversationEvent> events = new ArrayList<>();
        private final Language language;
        private Instant now;

        Builder(String id, ShopperContext shopper, Instant start, Language language) {
            this.c = Conversation.start(id, shopper, start);
            this.language = language;
            this.now = start;
        }

        void turn(String intent, double sentiment, AnswerKind kind) {
            c = c.append(Speaker.SHOPPER, "question", List.of(), now);
            long seq = c.messages().size();
            MessageSignals signals = new MessageSignals(intent, 0.8, sentiment, sentiment, 0.0, language);
            now = now.plusMillis(80 + (long) Math.abs(random.nextGaussian() * 150));
            c = c.withSignals(seq, signals).append(Speaker.BOT, "answer", List.of(), now);
            List<String> slots = kind == AnswerKind.GROUNDED && random.nextDouble() < 0.25
                    ? List.of("promo-" + random.nextInt(5) + ":" + (random.nextBoolean() ? "a" : "b"))
                    : List.of();
            events.add(new ConversationEvent.Replied(
                    c.id(),
                    now,
                    new ConversationEvent.Turn(seq + 1, signals, AnswerTrace.template(), Set.of()),
                    kind,
                    List.of(),
                    slots));
            now = now.plusSeconds(20 + random.nextInt(60));
        }

        void feedback(boolean helpful) {
            events.add(new ConversationEvent.FeedbackGiven(
                    c.id(), now, c.messages().size(), helpful));
        }

        void rate(int score, String agent) {
            events.add(new ConversationEvent.Rated(c.id(), now, score, null, agent));
        }

        void handoff(HandoffReason reason) {
            Priority priority = reason == HandoffReason.SHOPPER_TAG ? Priority.VIP : Priority.NORMAL;
            Instant queued = now;
            HandoffTrigger trigger = new HandoffTrigger(reason, Map.of());
            c = c.append(Speaker.SHOPPER, "a person please", List.of(), now);
            now = now.plusMillis(120);
            c = c.append(Speaker.BOT, "handing over", List.of(), now);
            events.add(new ConversationEvent.HandedOff(c.id(), now, trigger, priority, null));
            long target = priority == Priority.VIP ? 60 : 300;
            HandoffTicket ticket =
                    HandoffTicket.queued(trigger, priority, language, queued, queued.plusSeconds(target));
            if (random.nextDouble() < 0.1) { // the shopper gave up; closed unclaimed
                now = now.plusSeconds(target + 120);
                c = c.withState(ConversationState.CLOSED, ticket, now);
                events.add(new ConversationEvent.WentOverdue(
                        c.id(), queued.plusSeconds(target), List.of("notify"), target, priority, Priority.URGENT));
                events.add(new ConversationEvent.Closed(c.id(), now, "system.sweeper", ConversationState.QUEUED));
                return;
            }
            long wait = (long) (-Math.log(1 - random.nextDouble()) * target * 0.7);
            if (wait > target) {
                events.add(new ConversationEvent.WentOverdue(
                        c.id(), queued.plusSeconds(target), List.of("notify"), target, priority, Priority.URGENT));
            }
            now = queued.plusSeconds(wait);
            String agent = AGENTS.get(random.nextInt(AGENTS.size()));
            events.add(new ConversationEvent.Claimed(c.id(), now, agent, wait, priority));
            now = now.plusSeconds(5 + random.nextInt(60));
            c = c.appendFromAgent(agent, "hello", now);
            now = now.plusSeconds(60 + random.nextInt(600));
            boolean close = random.nextDouble() < 0.8;
            c = c.withState(
                    close ? ConversationState.CLOSED : ConversationState.BOT,
                    ticket.claimedBy(agent, queued.plusSeconds(wait)),
                    now);
            events.add(
                    close
                            ? new ConversationEvent.Closed(c.id(), now, agent, ConversationState.AGENT)
                            : new ConversationEvent.Released(c.id(), now, agent));
            if (random.nextDouble() < 0.45) {
                double s = random.nextDouble();
                rate(s < 0.6 ? 5 : s < 0.8 ? 4 : 1 + random.nextInt(3), agent);
            }
        }

        Finished finish() {
            return new Finished(c, events);
        }
    }
}
