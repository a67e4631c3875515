package dev.kefu.core.slot;

import dev.kefu.core.config.SentimentConfig;
import dev.kefu.core.config.SlotsConfig;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.sentiment.SentimentLabel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stage ⑥ guard rails for marketing: marketing never makes service worse. Applied after the
 * hand-off decision, to replies only; each suppression has a {@link SuppressionReason} that is
 * recorded.
 */
public final class SlotGuard {
    /** At most this many slots go out with one reply. */
    public static final int MAX_SLOTS_PER_REPLY = 1;

    private final Set<String> forbiddenIntents;
    private final Set<String> optOutTags;
    private final int maxPerConversation;
    private final double runningBelow;

    /**
     * The built-in rules: no marketing during complaints or refunds, {@code no_marketing} opts out,
     * at most 3 lines per conversation.
     */
    public SlotGuard() {
        this(Set.of("complaint", "refund"), Set.of("no_marketing"), 3);
    }

    /**
     * @param forbiddenIntents intents during which no line is shown (complaints, refunds)
     * @param optOutTags shopper tags that mean "no marketing"
     * @param maxPerConversation most lines one conversation is shown
     */
    public SlotGuard(Set<String> forbiddenIntents, Set<String> optOutTags, int maxPerConversation) {
        this(forbiddenIntents, optOutTags, maxPerConversation, -0.25);
    }

    /**
     * @param runningBelow the conversation counts as negative when its running sentiment is below
     *     this (minus the neutral band: a slightly negative mean of neutral questions is not upset)
     */
    public SlotGuard(
            Set<String> forbiddenIntents, Set<String> optOutTags, int maxPerConversation, double runningBelow) {
        if (maxPerConversation < 0) {
            throw new IllegalArgumentException("maxPerConversation must be >= 0, was " + maxPerConversation);
        }
        this.forbiddenIntents = Set.copyOf(forbiddenIntents);
        this.optOutTags = Set.copyOf(optOutTags);
        this.maxPerConversation = maxPerConversation;
        this.runningBelow = runningBelow;
    }

    /**
     * The configured guard rails: {@code slots.*}, and a conversation is negative below {@code
     * sentiment.neutralBand} (as a message is).
     */
    public static SlotGuard configured(SlotsConfig slots, SentimentConfig sentiment) {
        return new SlotGuard(
                Set.copyOf(slots.forbiddenIntents()),
                Set.copyOf(slots.optOutTags()),
                slots.maxPerConversation(),
                -sentiment.neutralBand());
    }

    /**
     * What the guard rails let through, and what they dropped by reason (the reasons of {@link
     * #suppression}, and {@link SuppressionReason#REPEATED_LINE}, {@link
     * SuppressionReason#CONVERSATION_CAP}, {@link SuppressionReason#ONE_PER_REPLY}).
     */
    public record Verdict(List<Slot> allowed, Map<SuppressionReason, List<Slot>> suppressed) {
        public Verdict {
            allowed = List.copyOf(allowed);
            suppressed = Map.copyOf(suppressed);
        }
    }

    /**
     * Applies every guard rail to the proposed slots; the lines the conversation was already shown
     * are its {@link Conversation#linesShown()}.
     */
    public Verdict check(Understanding understanding, Conversation conversation, List<Slot> proposed) {
        if (proposed.isEmpty()) {
            return new Verdict(List.of(), Map.of());
        }
        Optional<SuppressionReason> reason = suppression(understanding, conversation);
        if (reason.isPresent()) {
            return new Verdict(List.of(), Map.of(reason.get(), proposed));
        }
        List<String> shown = conversation.linesShown();
        Map<SuppressionReason, List<Slot>> suppressed = new LinkedHashMap<>();
        List<Slot> fresh = new ArrayList<>();
        for (Slot slot : proposed) {
            if (!slot.isHoldout() && shown.contains(key(slot))) {
                suppressed
                        .computeIfAbsent(SuppressionReason.REPEATED_LINE, r -> new ArrayList<>())
                        .add(slot);
            } else if (!slot.isHoldout() && shown.size() >= maxPerConversation) {
                suppressed
                        .computeIfAbsent(SuppressionReason.CONVERSATION_CAP, r -> new ArrayList<>())
                        .add(slot);
            } else {
                fresh.add(slot);
            }
        }
        if (fresh.size() > MAX_SLOTS_PER_REPLY) {
            suppressed.put(SuppressionReason.ONE_PER_REPLY, fresh.subList(MAX_SLOTS_PER_REPLY, fresh.size()));
        }
        return new Verdict(fresh.stream().limit(MAX_SLOTS_PER_REPLY).toList(), suppressed);
    }

    /**
     * A line's identity for "at most once per conversation": its script, variant and stage, so a
     * staged script can open, answer an objection and close in one conversation (each once, within
     * the conversation's cap); a line without a stage keeps the script and variant alone.
     */
    public static String key(Slot slot) {
        String line = slot.scriptId() + ":" + (slot.variant() == null ? "-" : slot.variant());
        return slot.stage() == null ? line : line + ":" + slot.stage().code();
    }

    /**
     * Why slots must be dropped for this message, or empty when they may go out. A {@link
     * SalesStages#calmObjection calm price objection} is neither negative nor, when the intent
     * model calls it one, a complaint.
     *
     * @return {@link SuppressionReason#NEGATIVE_SENTIMENT}, {@link
     *     SuppressionReason#CONVERSATION_SENTIMENT}, {@link SuppressionReason#HANDOFF_PENDING}, {@link
     *     SuppressionReason#FORBIDDEN_INTENT} or {@link SuppressionReason#OPTED_OUT}
     */
    public Optional<SuppressionReason> suppression(Understanding understanding, Conversation conversation) {
        // A calm price objection ("太贵了") is negative about a price, not an upset shopper: it
        // gets the objection line unless another rail (the running tone, a refund) holds it back.
        boolean objection = SalesStages.calmObjection(understanding);
        if (understanding.sentiment().label() == SentimentLabel.NEGATIVE && !objection) {
            return Optional.of(SuppressionReason.NEGATIVE_SENTIMENT);
        }
        if (understanding.trend().running() < runningBelow) {
            return Optional.of(SuppressionReason.CONVERSATION_SENTIMENT);
        }
        if (conversation.state() != ConversationState.BOT) {
            return Optional.of(SuppressionReason.HANDOFF_PENDING);
        }
        if (forbiddenIntents.contains(understanding.intent().name())
                && !SalesStages.objectionReadAsComplaint(understanding)) {
            return Optional.of(SuppressionReason.FORBIDDEN_INTENT);
        }
        if (optOutTags.stream().anyMatch(conversation.shopper()::hasTag)) {
            return Optional.of(SuppressionReason.OPTED_OUT);
        }
        return Optional.empty();
    }

    /** The slots that may go out: none when suppressed, otherwise at most {@link #MAX_SLOTS_PER_REPLY}. */
    public List<Slot> apply(List<Slot> proposed, Optional<SuppressionReason> suppression) {
        if (suppression.isPresent()) {
            return List.of();
        }
        return proposed.stream().limit(MAX_SLOTS_PER_REPLY).toList();
    }
}
