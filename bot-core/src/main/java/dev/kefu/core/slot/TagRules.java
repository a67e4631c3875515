package dev.kefu.core.slot;

import dev.kefu.core.Checks;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.slot.experiment.ExperimentLog.StorefrontEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tags inferred from what the shopper writes ({@code 宝宝}, "my baby" -> {@code mother_baby}) and
 * from what they do on the storefront ("viewed 3 or more products in a day" -> {@code
 * browsing_multi}), written by trainers in the script file. Nothing is stored: the tags are
 * recomputed from the conversation and the recent events each time, so each carries its source and
 * expires by itself when its evidence ages out of the rule's window.
 */
public final class TagRules {
    private final List<KeywordRule> keywords;
    private final List<BehaviourRule> behaviours;

    public TagRules(List<KeywordRule> keywords, List<BehaviourRule> behaviours) {
        this.keywords = List.copyOf(keywords);
        this.behaviours = List.copyOf(behaviours);
    }

    public static TagRules none() {
        return new TagRules(List.of(), List.of());
    }

    public List<KeywordRule> keywords() {
        return keywords;
    }

    public List<BehaviourRule> behaviours() {
        return behaviours;
    }

    /** The longest window of the behaviour rules: how far back events are needed. */
    public Duration lookback() {
        return behaviours.stream()
                .map(BehaviourRule::within)
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    /**
     * A shopper message containing one of {@code phrases} (case-insensitive) gives {@code tag} for
     * {@code ttl} after the message.
     */
    public record KeywordRule(String tag, List<String> phrases, Duration ttl) {
        public KeywordRule {
            Checks.requireText("rule.tag", tag);
            phrases = phrases.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
            Checks.requireNonNull("rule.ttl", ttl);
        }
    }

    /** At least {@code atLeast} storefront events of {@code event} type within {@code within} give {@code tag}. */
    public record BehaviourRule(String tag, String event, int atLeast, Duration within) {
        public BehaviourRule {
            Checks.requireText("rule.tag", tag);
            Checks.requireText("rule.event", event);
            if (atLeast < 1) {
                throw new IllegalArgumentException("rule.atLeast must be >= 1, was " + atLeast);
            }
            Checks.requireNonNull("rule.within", within);
        }
    }

    /**
     * A tag the bot inferred.
     *
     * @param source what gave it: {@code keyword:宝宝}, {@code behaviour:product_viewed x3}
     * @param expiresAt when the evidence stops counting
     */
    public record InferredTag(String tag, String source, Instant expiresAt) {}

    /**
     * The tags the conversation's shopper messages and the shopper's recent storefront events give
     * now, one per tag (the latest-expiring evidence).
     */
    public List<InferredTag> infer(Conversation conversation, List<StorefrontEvent> events, Instant now) {
        Map<String, InferredTag> found = new LinkedHashMap<>();
        for (ConversationMessage message : conversation.messages()) {
            if (message.from() != Speaker.SHOPPER) {
                continue;
            }
            for (KeywordRule rule : keywords) {
                Instant expires = message.at().plus(rule.ttl());
                if (expires.isAfter(now)) {
                    firstPhrase(message.text(), rule.phrases())
                            .ifPresent(
                                    phrase -> keep(found, new InferredTag(rule.tag(), "keyword:" + phrase, expires)));
                }
            }
        }
        for (BehaviourRule rule : behaviours) {
            List<Instant> times = new ArrayList<>();
            for (StorefrontEvent event : events) {
                if (event.type().equals(rule.event()) && event.at().isAfter(now.minus(rule.within()))) {
                    times.add(event.at());
                }
            }
            if (times.size() >= rule.atLeast()) {
                times.sort(null);
                // Valid until the oldest event that makes up the count leaves the window.
                Instant expires = times.get(times.size() - rule.atLeast()).plus(rule.within());
                keep(found, new InferredTag(rule.tag(), "behaviour:" + rule.event() + " x" + times.size(), expires));
            }
        }
        return List.copyOf(found.values());
    }

    /**
     * The first of {@code phrases} (lower case) that {@code text} contains, case-insensitively: the
     * one phrase rule of the tag rules and the sales stages' cues.
     */
    static java.util.Optional<String> firstPhrase(String text, List<String> phrases) {
        String lower = text.toLowerCase(Locale.ROOT);
        return phrases.stream().filter(lower::contains).findFirst();
    }

    private static void keep(Map<String, InferredTag> found, InferredTag tag) {
        found.merge(tag.tag(), tag, (a, b) -> b.expiresAt().isAfter(a.expiresAt()) ? b : a);
    }
}
