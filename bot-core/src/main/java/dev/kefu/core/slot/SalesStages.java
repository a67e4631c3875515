package dev.kefu.core.slot;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.intent.Understanding;
import java.util.List;
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

    private SalesStages() {}

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
