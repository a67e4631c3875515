package dev.kefu.core.pipeline;

import dev.kefu.core.compose.Answer;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.conversation.Subject;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.knowledge.Passage;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage ②'s reading of what a message is about: the product it names, or, when it refers back
 * ("is it in stock?", "这个可以退吗", "那款有黑色的吗"), the product the conversation is about
 * ({@link Conversation#subject()}, the one the shopper named last); and whether it asks what goes
 * with that product. The only place these words are detected: stage ③ takes the results.
 */
final class Subjects {
    /** A product named more than this many shopper messages ago is no longer what "it" means. */
    static final int LOOK_BACK = 10;

    /** Words that refer back to something named before, in English and Chinese. */
    static final Pattern REFERS_BACK =
            Pattern.compile("(?iu)\\b(it|its|it's|this|this one|that one|these|those|them|they)\\b"
                    + "|[这那](?:一)?(?:个|款|件|种|双|条|台|套|支|瓶|只|部|把|顶|副|辆|张|本)|(?<!其)它");

    /**
     * A question about what goes with the product being discussed ("what goes with it?", "any
     * accessories?", "有什么配件", "搭配什么"): answered from the graph, not by search.
     */
    static final Pattern ASKS_WHAT_GOES_WITH = Pattern.compile(
            "(?iu)\\bgo(es)? (well )?with\\b|accessor|\\badd-?ons?\\b|compatible|what else (do|should|can) i"
                    + "|配件|搭配|配套|配什么|一起买|还需要买");

    /** The entity type of products, whose value is the product's entry id. */
    static final String PRODUCT = "product";

    private Subjects() {}

    /** The first product this message names, if any. */
    static Optional<String> named(List<Entity> entities) {
        return entities.stream()
                .filter(entity -> entity.type().equals(PRODUCT))
                .map(Entity::value)
                .findFirst();
    }

    /**
     * An ordinal that picks one of the products the bot's last reply listed ("the second one",
     * "第二个", "最后那款"); group 1 (English) or 2 (Chinese) holds the ordinal word or digit.
     */
    static final Pattern CHOOSES = Pattern.compile("(?iu)\\b(?:the )?(first|second|third|fourth|fifth|last|1st|2nd|3rd"
            + "|4th|5th)(?: one| item| product)\\b|第\\s*([一二三四五12345])\\s*(?:个|款|种|件|双|条|台|项|样)"
            + "|(最后)(?:一|那|这)?(?:个|款|种|件|双|条|台|项|样)");

    /**
     * Service topics: what the store does rather than what a product is (returns, delivery,
     * payment, coupons, promotions, invoices, accounts, opening hours, gift wrapping, warranty
     * repairs, and problems reported: "没声音", "stopped working"). A question about one of them
     * that names no product is a general question ("怎么退货",
     * "how long does delivery take?"), and one that refers back ("can I return it?") is answered
     * from the product's policies and FAQs rather than its own description.
     */
    static final Pattern SERVICE = Pattern.compile("(?iu)退货|退款|退换|换货|退钱|[能可]以?[退换]|[退换]吗|包退|包换|运费|包邮|邮费"
            + "|快递|物流|发货|配送|送货|送到|到货|签收|驿站|订单|下单|付款|支付|分期|花呗|优惠券|领券|用券|积分|会员|发票|开票"
            + "|客服|人工|营业|上班|活动|促销|优惠|满减|折扣|打折|降价|保价|价保|差价|密码|账号|账户|登录|地址|售后|保修|维修|质保|投诉"
            + "|不行|坏了|故障|失灵|没反应|没声音|没有声音|不亮|不工作|不能用|用不了|礼品|赠品|赠送|包装|取消|预售|定金|尾款|正品|假货|\\b(?:return|returns|returning|refund|refunds|exchange|exchanges|ship"
            + "|shipping|shipped|deliver|delivery|delivered|parcel|package|track|tracking|order|orders|pay|paying|payment"
            + "|coupon|coupons|voucher|vouchers|points|member|membership|invoice|receipt|fapiao|promo|promos|promotion"
            + "|promotions|sale|sales|discount|discounts|deal|deals|account|password|login|address|warranty|guarantee"
            + "|repair|repaired|fix|gift|free|wrap|wrapping|cancel|cancelled|pre-?sale|deposit|installments?|customer service"
            + "|support|hours|genuine|authentic|fake|complain|complaint|broken|faulty|defective|stopped working"
            + "|(?:doesn't|does not|won't|isn't|not) (?:work|working|charge|charging|turn on)|no sound)\\b");

    /**
     * A question: a question mark, a Chinese question word or particle, or an English question
     * opening. Only a question with no product of its own is taken to be about the subject ("多少钱",
     * "续航呢", "battery life?"): "ok" and "好的" are not.
     */
    static final Pattern QUESTION = Pattern.compile("(?iu)[?？]|[吗呢么嘛]|多少|多[大长重久高宽厚小少]|几|怎么|怎样|如何|哪|什么|啥"
            + "|是否|能不能|可不可以|有没有|是不是|会不会|还是(?![不没])|(\\p{IsHan})不\\1|[能会可要][^，。！？,.!?]*不$|^(?:how|what|what's|which|does|do|is|are"
            + "|can|could|will|would|should|any|where|when|why|did|has|have)\\b");

    /**
     * A broad question about what is on now: promotions ("有什么活动", "最近有啥优惠", "any deals going
     * on?", "what promotions do you have") or what is new ("what's new", "新品").
     */
    static final Pattern WHATS_ON = Pattern.compile("(?iu)(?:有什么|有啥|有没有|有哪些|哪些|最近|现在|目前|近期|这周|本周|这个月"
            + "|本月|\\bany\\b|\\bwhat\\b|\\bwhat's\\b|\\bwhich\\b|\\bcurrent\\b)[^。！？?!]{0,8}(?:活动|优惠|促销|折扣"
            + "|特价|福利|\\bdeals?\\b|\\bpromotions?\\b|\\bpromos?\\b|\\boffers?\\b|\\bsales?\\b|\\bdiscounts?\\b"
            + "|\\bspecials?\\b)|\\bwhat'?s new\\b|\\bwhat is new\\b|\\bnew arrivals?\\b|新品|上新|有什么新");

    /** Whether the message asks broadly what is on now (promotions, what is new). */
    static boolean asksWhatsOn(String normalizedText) {
        return WHATS_ON.matcher(normalizedText).find();
    }

    /** The most words of an out-of-scope English question still read as about the subject. */
    static final int SHORT_QUESTION_WORDS = 4;

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    private static int words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    /** Where a message's subject came from, and whether it asks about the subject itself. */
    record Resolution(String subject, boolean aboutSubject) {
        static final Resolution NONE = new Resolution(null, false);
    }

    /**
     * @param entities this message's entities
     * @param normalizedText this message, normalised
     * @param conversation the conversation with this message as its last shopper message, its
     *     subject as before this message
     * @return the subject's entry id, or {@code null}
     */
    static String resolve(List<Entity> entities, String normalizedText, Conversation conversation) {
        return resolution(entities, normalizedText, conversation).subject();
    }

    /**
     * What the message is about, by these rules in order: the product it names; the product it
     * picks from the bot's last list ("the second one", "第二个"); else the conversation's subject
     * (named in the last {@value #LOOK_BACK} shopper messages, or the product page the chat was
     * opened on) when the message refers back to it ("it", "这个", "这款") or is a question with no
     * subject at all ("防水吗", "battery life?"), except that such a subject-less question about a
     * service topic ("怎么退货") stays general. The message is about the subject itself when it is a
     * question and not about a service topic ("X200多少钱", "它防水吗", but not "X200能退吗").
     */
    static Resolution resolution(List<Entity> entities, String normalizedText, Conversation conversation) {
        return resolution(entities, normalizedText, conversation, false);
    }

    /**
     * As {@link #resolution(List, String, Conversation)}, for a message the router may have found
     * out of scope: then only a Chinese question, or an English one of at most {@value
     * #SHORT_QUESTION_WORDS} words ("battery life?"), is taken to be about the subject without
     * referring to it, so "what is the capital of france" stays out of scope after the X200.
     */
    static Resolution resolution(
            List<Entity> entities, String normalizedText, Conversation conversation, boolean outOfScope) {
        Optional<String> named = named(entities);
        if (named.isPresent()) {
            return new Resolution(
                    named.get(),
                    !SERVICE.matcher(normalizedText).find()
                            && QUESTION.matcher(normalizedText.strip()).find());
        }
        Optional<String> chosen = chosen(normalizedText, conversation);
        if (chosen.isPresent()) {
            return new Resolution(chosen.get(), !SERVICE.matcher(normalizedText).find());
        }
        Subject before = conversation.subject();
        if (before == null || !recent(before, conversation)) {
            return Resolution.NONE;
        }
        boolean service = SERVICE.matcher(normalizedText).find();
        boolean question = QUESTION.matcher(normalizedText.strip()).find();
        if (REFERS_BACK.matcher(normalizedText).find()) {
            return new Resolution(before.entryId(), !service && question);
        }
        if (!service
                && question
                && (!outOfScope
                        || HAN.matcher(normalizedText).find()
                        || words(normalizedText) <= SHORT_QUESTION_WORDS)) {
            return new Resolution(before.entryId(), true);
        }
        return Resolution.NONE;
    }

    /** Whether the subject was named fewer than {@value #LOOK_BACK} shopper messages before this one. */
    private static boolean recent(Subject before, Conversation conversation) {
        List<ConversationMessage> messages = conversation.messages();
        int since = 0; // shopper messages after the one that named it, before this one
        boolean skippedCurrent = false;
        for (int i = messages.size() - 1; i >= 0 && messages.get(i).seq() > before.seq(); i--) {
            if (messages.get(i).from() == Speaker.SHOPPER) {
                if (skippedCurrent) {
                    since++;
                }
                skippedCurrent = true;
            }
        }
        return since < LOOK_BACK;
    }

    /**
     * The entry the message picks by its position among those the bot's last reply cited, when
     * that reply cited two or more ("These go well with it: A; B." then "the second one").
     */
    static Optional<String> chosen(String normalizedText, Conversation conversation) {
        Matcher m = CHOOSES.matcher(normalizedText);
        if (!m.find()) {
            return Optional.empty();
        }
        List<ConversationMessage> messages = conversation.messages();
        List<Citation> listed = List.of();
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).from() == Speaker.BOT) {
                listed = messages.get(i).citations();
                break;
            }
        }
        if (listed.size() < 2) {
            return Optional.empty();
        }
        String word =
                m.group(1) != null ? m.group(1).toLowerCase(Locale.ROOT) : m.group(2) != null ? m.group(2) : "last";
        int index =
                switch (word) {
                    case "first", "1st", "一", "1" -> 0;
                    case "second", "2nd", "二", "2" -> 1;
                    case "third", "3rd", "三", "3" -> 2;
                    case "fourth", "4th", "四", "4" -> 3;
                    case "fifth", "5th", "五", "5" -> 4;
                    default -> listed.size() - 1;
                };
        return index < listed.size() ? Optional.of(listed.get(index).entryId()) : Optional.empty();
    }

    /**
     * The conversation's subject after the bot answered a message that was about no product it
     * knew of: the product the answer is about, when the best passage is a product's and the answer
     * cites it ("想看看小白鞋" answered with the Court Classic makes "这个是真皮的吗" about it), so "it"
     * means what the shopper was just shown; otherwise as before.
     */
    static Subject shown(
            Conversation conversation, Understanding nlu, List<Passage> passages, Answer answer, long shopperSeq) {
        if (nlu.subject() != null
                || passages.isEmpty()
                || !PRODUCT.equals(passages.get(0).type())) {
            return conversation.subject();
        }
        String shown = passages.get(0).entryId();
        boolean cited = answer.citations().stream().anyMatch(c -> c.entryId().equals(shown));
        return cited ? new Subject(shown, shopperSeq) : conversation.subject();
    }

    /** Whether the message asks what goes with the product it is about. */
    static boolean asksWhatGoesWith(String normalizedText) {
        return ASKS_WHAT_GOES_WITH.matcher(normalizedText).find();
    }

    /** The conversation's subject after a shopper message: the product it names, else as before. */
    static Subject next(Conversation conversation, List<Entity> entities, long shopperSeq) {
        return named(entities).map(id -> new Subject(id, shopperSeq)).orElse(conversation.subject());
    }

    /**
     * The conversation's subject after a shopper message: the product it names or picks from the
     * bot's last list, else as before.
     */
    static Subject next(Conversation conversation, List<Entity> entities, String normalizedText, long shopperSeq) {
        return named(entities)
                .or(() -> chosen(normalizedText, conversation))
                .map(id -> new Subject(id, shopperSeq))
                .orElse(conversation.subject());
    }
}
