package dev.kefu.core.slot;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.sentiment.Sentiment;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a conversation is in the sale, for staged scripts: the one place that decides it, from
 * the message's intent, what it is about and a short bilingual cue list (matched as the tag rules
 * match their phrases). In order: a price objection ("太贵了", "can you do cheaper"), a shopper who
 * has decided ("就要这个", "how do I order"), a product named or viewed (recommendation), a
 * question about what to choose or about a category (need discovery), the first message (opener);
 * otherwise no stage, and staged scripts stay quiet.
 */
public final class SalesStages {
    /** A price objection. */
    static final List<String> OBJECTION = List.of(
            "太贵",
            "有点贵",
            "好贵",
            "贵了",
            "便宜点",
            "便宜一点",
            "能便宜",
            "再便宜",
            "少点",
            "优惠点",
            "打个折",
            "too expensive",
            "too pricey",
            "pricey",
            "overpriced",
            "expensive",
            "cheaper",
            "lower price",
            "better price",
            "a discount",
            "price match");

    /** A shopper who has decided. */
    static final List<String> CLOSING = List.of(
            "就要这个",
            "就要它",
            "就它了",
            "我要了",
            "就买这个",
            "我买了",
            "怎么下单",
            "如何下单",
            "怎么购买",
            "怎么买",
            "怎么拍",
            "拍下",
            "加购物车",
            "i'll take it",
            "i will take it",
            "i'll buy",
            "i will buy",
            "i'll order",
            "how do i order",
            "how can i order",
            "how do i buy",
            "how can i buy",
            "place an order",
            "add it to my cart",
            "add to cart");

    /** A question about what to choose. */
    static final List<String> CHOOSING = List.of(
            "哪个好",
            "哪款",
            "选哪",
            "怎么选",
            "推荐",
            "适合",
            "有没有",
            "有什么",
            "which one",
            "which ",
            "recommend",
            "suggest",
            "should i buy",
            "should i get",
            "should i choose",
            "what's good for",
            "best for",
            "looking for",
            "do you sell",
            "do you have");

    /** The intent the intent model often gives a plain price objection ("太贵了" reads like one). */
    static final String COMPLAINT_INTENT = "complaint";

    private SalesStages() {}

    /**
     * Whether the message is a calm price objection ("太贵了", "有点贵", "too expensive"): a price
     * objection with no emotion, no complaint (投诉, "formal complaint") and no bad news but the
     * price (every sentiment cue is part of a price phrase). Its negative score is the valence of a
     * price, not an upset shopper, so the guard rails and the hand-off policy read it as a sales
     * stage; "太贵了，简直是抢钱！垃圾" or "too expensive and it broke" stay what they are.
     */
    public static boolean calmObjection(Understanding nlu) {
        Sentiment sentiment = nlu.sentiment();
        if (sentiment.emotion() > 0.0 || sentiment.complaint()) {
            return false;
        }
        String text = nlu.normalizedText().toLowerCase(Locale.ROOT);
        List<String> phrases = OBJECTION.stream().filter(text::contains).toList();
        return !phrases.isEmpty()
                && sentiment.cues().stream()
                        .map(cue -> cue.toLowerCase(Locale.ROOT))
                        .allMatch(cue -> phrases.stream().anyMatch(p -> p.contains(cue) || cue.contains(p)));
    }

    /**
     * Whether the intent model called a calm price objection a complaint: the one case where the
     * complaint intent neither suppresses a line nor hands off.
     */
    public static boolean objectionReadAsComplaint(Understanding nlu) {
        return COMPLAINT_INTENT.equals(nlu.intent().name()) && calmObjection(nlu);
    }

    /**
     * The stage of this message, or empty when none fits.
     *
     * @param categoryAsked whether the message is about a category rather than a product (its
     *     answer is based on a category, or a promotion for one)
     */
    public static Optional<Script.Stage> of(Understanding nlu, Conversation conversation, boolean categoryAsked) {
        String text = nlu.normalizedText();
        if (TagRules.firstPhrase(text, OBJECTION).isPresent()) {
            return Optional.of(Script.Stage.OBJECTION_HANDLING);
        }
        if (TagRules.firstPhrase(text, CLOSING).isPresent()) {
            return Optional.of(Script.Stage.CLOSING);
        }
        if (nlu.subject() != null) {
            return Optional.of(Script.Stage.RECOMMENDATION);
        }
        if (categoryAsked || TagRules.firstPhrase(text, CHOOSING).isPresent()) {
            return Optional.of(Script.Stage.NEED_DISCOVERY);
        }
        long shopperMessages = conversation.messages().stream()
                .filter(m -> m.from() == Speaker.SHOPPER)
                .count();
        return shopperMessages <= 1 ? Optional.of(Script.Stage.OPENER) : Optional.empty();
    }
}
