package dev.kefu.channels.app;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.trainer.ScriptsApi;
import dev.kefu.channels.trainer.TrainerApi;
import dev.kefu.core.config.ServerConfig;
import dev.kefu.core.config.SlotsConfig;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.intent.Language;
import dev.kefu.core.slot.SlotPosition;
import dev.kefu.core.slot.SuppressionReason;
import dev.kefu.core.slot.experiment.Experiment;
import dev.kefu.kb.curation.EntryView;
import dev.kefu.kb.curation.KnowledgeCuration;
import dev.kefu.kb.curation.UnansweredQuestion;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.RelationType;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * {@code GET /api/v1/ui} (public, no token): what the pages must know of this server to check input
 * and label what they show — its limits, and the codes of its states, types and reasons with their
 * labels in English and Chinese — so that none of it is copied into the JavaScript. Built once
 * from the server's enums and configuration; it holds nothing secret.
 *
 * <p>Every enum's labels come from an exhaustive {@code switch}: a new constant does not compile
 * until it has a label here.
 */
final class UiMetaApi {
    /** The longest entry id, as {@link KnowledgeEntry#ID_PATTERN} allows. */
    public static final int MAX_ENTRY_ID_CHARS = 128;

    /** A label or description in the two languages the pages are written in. */
    public record Text(String en, String zh) {}

    /** One code with its label and, where a page explains it, a description. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String code, Text label, Text description) {
        static Item of(String code, String en, String zh) {
            return new Item(code, new Text(en, zh), null);
        }

        /** This item with a description, where a page explains the code. */
        Item described(String en, String zh) {
            return new Item(code, label, new Text(en, zh));
        }
    }

    /** The limits the server enforces; the pages check the same before sending. */
    public record Limits(
            int maxMessageChars,
            int maxRatingCommentChars,
            int maxSearchChars,
            int maxPageSize,
            int maxScriptBytes,
            String entryIdPattern,
            int maxEntryIdChars,
            int maxTitleChars,
            int maxBodyChars,
            int maxQuestions,
            int maxQuestionChars) {}

    /** The answer of {@code GET /api/v1/ui}; every list is in the order a page shows it. */
    public record UiMeta(
            Limits limits,
            List<Item> conversationStates,
            List<Item> speakers,
            List<Item> priorities,
            List<Item> handoffReasons,
            List<Item> languages,
            List<Item> entryTypes,
            List<Item> entryStatuses,
            List<Item> relationTypes,
            List<Item> unansweredReasons,
            List<Item> slotPositions,
            List<Item> suppressionReasons,
            List<Item> experimentStatuses) {}

    private final UiMeta meta;

    public UiMetaApi(ServerConfig server, SlotsConfig slots) {
        this.meta = new UiMeta(
                new Limits(
                        server.maxMessageChars(),
                        RequestReader.MAX_RATING_COMMENT_CHARS,
                        TrainerApi.MAX_SEARCH_CHARS,
                        KnowledgeCuration.MAX_PAGE,
                        ScriptsApi.MAX_BYTES,
                        KnowledgeEntry.ID_PATTERN.pattern(),
                        MAX_ENTRY_ID_CHARS,
                        KnowledgeEntry.MAX_TITLE_LENGTH,
                        KnowledgeEntry.MAX_BODY_LENGTH,
                        KnowledgeEntry.MAX_QUESTIONS,
                        KnowledgeEntry.MAX_QUESTION_LENGTH),
                items(ConversationState.values(), UiMetaApi::item),
                items(Speaker.values(), UiMetaApi::item),
                items(Priority.values(), UiMetaApi::item),
                items(HandoffReason.values(), UiMetaApi::item),
                Arrays.stream(Language.values())
                        .filter(language -> language.replyLanguage() == language)
                        .map(UiMetaApi::item)
                        .toList(),
                items(EntryType.values(), UiMetaApi::item),
                items(EntryView.Status.values(), UiMetaApi::item),
                items(RelationType.values(), UiMetaApi::item),
                items(UnansweredQuestion.Reason.values(), UiMetaApi::item),
                items(SlotPosition.values(), UiMetaApi::item),
                suppressionReasons(slots),
                items(Experiment.Status.values(), UiMetaApi::item));
    }

    /** {@code GET /api/v1/ui}. */
    public void get(Context ctx) {
        ctx.header("Cache-Control", "no-cache").json(meta);
    }

    public UiMeta meta() {
        return meta;
    }

    private static <E> List<Item> items(E[] values, Function<E, Item> item) {
        return Arrays.stream(values).map(item).toList();
    }

    private static Item item(ConversationState state) {
        return switch (state) {
            case BOT -> Item.of(state.code(), "with the bot", "机器人接待中");
            case QUEUED -> Item.of(state.code(), "waiting", "排队等待中");
            case AGENT -> Item.of(state.code(), "with an agent", "人工接待中");
            case CLOSED -> Item.of(state.code(), "closed", "已结束");
        };
    }

    private static Item item(Speaker speaker) {
        return switch (speaker) {
            case SHOPPER -> Item.of(speaker.code(), "Shopper", "顾客");
            case BOT -> Item.of(speaker.code(), "Bot", "机器人");
            case AGENT -> Item.of(speaker.code(), "Agent", "客服");
            case SYSTEM -> Item.of(speaker.code(), "System", "系统");
        };
    }

    private static Item item(Priority priority) {
        return switch (priority) {
            case VIP -> Item.of(priority.code(), "VIP", "VIP");
            case URGENT -> Item.of(priority.code(), "urgent", "紧急");
            case NORMAL -> Item.of(priority.code(), "normal", "普通");
        };
    }

    private static Item item(HandoffReason reason) {
        return switch (reason) {
            case EXPLICIT_REQUEST -> Item.of(reason.code(), "Asked for a person", "顾客要求转人工");
            case NEGATIVE_SENTIMENT -> Item.of(reason.code(), "Angry or upset shopper", "顾客情绪激动");
            case COMPLAINT -> Item.of(reason.code(), "Complaint", "顾客投诉");
            case CONVERSATION_SENTIMENT -> Item.of(reason.code(), "Conversation turned negative", "对话整体转为负面");
            case SENTIMENT_FALLING -> Item.of(reason.code(), "Sentiment kept falling", "情绪持续下降");
            case REPEATED_FALLBACK -> Item.of(reason.code(), "The bot found no answer, repeatedly", "机器人多次未找到答案");
            case INTENT -> Item.of(reason.code(), "A topic people handle", "需由人工处理的话题");
            case SHOPPER_TAG -> Item.of(reason.code(), "Shopper tag goes to a person", "顾客标签要求人工接待");
            case BOT_FAILURE -> Item.of(reason.code(), "The bot failed", "机器人出错");
            case SHOPPER_ACCEPTED_OFFER -> Item.of(reason.code(), "Accepted the offer of a person", "顾客接受转人工建议");
            case ORDER_ACTION -> Item.of(reason.code(), "An after-sales action to carry out", "待人工办理的售后操作");
        };
    }

    private static Item item(Language language) {
        return switch (language) {
            case ZH -> Item.of(language.code(), "Chinese", "中文");
            case EN -> Item.of(language.code(), "English", "English");
            case MIXED -> Item.of(language.code(), "Chinese and English", "中英混合");
        };
    }

    private static Item item(EntryType type) {
        return switch (type) {
            case PRODUCT -> Item.of(type.code(), "product", "商品");
            case CATEGORY -> Item.of(type.code(), "category", "类目");
            case BRAND -> Item.of(type.code(), "brand", "品牌");
            case POLICY -> Item.of(type.code(), "policy", "政策");
            case FAQ -> Item.of(type.code(), "faq", "常见问题");
            case PROMOTION -> Item.of(type.code(), "promotion", "促销");
        };
    }

    private static Item item(EntryView.Status status) {
        return switch (status) {
            case PUBLISHED -> Item.of(status.code(), "published", "已发布")
                    .described("Shoppers see exactly this.", "顾客看到的正是这一版。");
            case DRAFT -> Item.of(status.code(), "draft", "草稿")
                    .described(
                            "Changed since the last publish; shoppers still see the published revision.",
                            "上次发布后有改动；顾客看到的仍是已发布的版本。");
            case NEW -> Item.of(status.code(), "new", "新建")
                    .described("Created since the last publish; shoppers do not see it yet.", "上次发布后新建；顾客还看不到。");
            case DELETED -> Item.of(status.code(), "deleted", "已删除")
                    .described(
                            "Deleted since the last publish; shoppers see it until the next publish.",
                            "上次发布后已删除；下次发布前顾客仍能看到。");
        };
    }

    private static Item item(RelationType type) {
        return switch (type) {
            case BELONGS_TO -> Item.of(type.code(), "belongs to", "属于");
            case MADE_BY -> Item.of(type.code(), "made by", "品牌为");
            case GOVERNED_BY -> Item.of(type.code(), "governed by", "适用政策");
            case ACCESSORY_OF -> Item.of(type.code(), "accessory of", "配件适用于");
            case BUNDLE_WITH -> Item.of(type.code(), "bundle with", "搭配购买");
            case REPLACES -> Item.of(type.code(), "replaces", "替代");
            case RELATED -> Item.of(type.code(), "related", "相关");
        };
    }

    private static Item item(UnansweredQuestion.Reason reason) {
        return switch (reason) {
            case NO_ANSWER -> Item.of(reason.code(), "no answer found", "未找到答案");
            case OUT_OF_SCOPE -> Item.of(reason.code(), "out of scope", "超出服务范围");
            case NOT_HELPFUL -> Item.of(reason.code(), "answer marked unhelpful", "回答被标为没有帮助");
            case HANDOFF_NO_ANSWER -> Item.of(reason.code(), "handed to a person after no answers", "多次无答案后转人工");
        };
    }

    private static Item item(SlotPosition position) {
        return switch (position) {
            case BEFORE -> Item.of(position.code(), "before the answer", "回答之前");
            case AFTER -> Item.of(position.code(), "after the answer", "回答之后");
            case QUICK_REPLY -> Item.of(position.code(), "as a quick reply", "作为快捷回复");
        };
    }

    private static Item item(Experiment.Status status) {
        return switch (status) {
            case RUNNING -> Item.of(status.code(), "running", "进行中")
                    .described("Shoppers see its lines and exposures are counted.", "顾客会看到其话术，曝光会被计数。");
            case PAUSED -> Item.of(status.code(), "paused", "已暂停")
                    .described("No lines are shown and no exposures counted until it is resumed.", "恢复之前不展示话术，也不计曝光。");
            case ENDED -> Item.of(status.code(), "ended", "已结束")
                    .described("Over for good: no lines are shown; its results stay readable.", "永久结束：不再展示话术；结果仍可查看。");
        };
    }

    /**
     * The guard rails' reasons ({@link SuppressionReason}), each described with the settings it follows
     * as configured.
     */
    private static List<Item> suppressionReasons(SlotsConfig slots) {
        return Arrays.stream(SuppressionReason.values())
                .map(reason -> suppressionReason(reason, slots))
                .toList();
    }

    private static Item suppressionReason(SuppressionReason reason, SlotsConfig slots) {
        String intents = String.join(", ", slots.forbiddenIntents());
        String tags = String.join(", ", slots.optOutTags());
        int most = slots.maxPerConversation();
        return switch (reason) {
            case NEGATIVE_SENTIMENT -> Item.of(reason.code(), "Negative message", "消息情绪负面")
                    .described("The shopper\u2019s message was negative.", "顾客的这条消息情绪负面。");
            case CONVERSATION_SENTIMENT -> Item.of(reason.code(), "Negative conversation", "对话情绪负面")
                    .described("The conversation\u2019s running sentiment was below neutral.", "对话的累计情绪低于中性。");
            case HANDOFF_PENDING -> Item.of(reason.code(), "Hand-off pending", "正在转人工")
                    .described("The conversation was going to a person, or was with one.", "对话正转交人工，或已由人工接待。");
            case FORBIDDEN_INTENT -> Item.of(reason.code(), "Intent without marketing", "不做营销的意图")
                    .described(
                            "The message\u2019s intent is one where marketing is off (slots.forbiddenIntents: "
                                    + intents + ").",
                            "这条消息的意图不做营销（slots.forbiddenIntents：" + intents + "）。");
            case OPTED_OUT -> Item.of(reason.code(), "Opted out", "已拒收营销")
                    .described(
                            "The shopper has an opt-out tag (slots.optOutTags: " + tags + ").",
                            "顾客带有拒收营销的标签（slots.optOutTags：" + tags + "）。");
            case REPEATED_LINE -> Item.of(reason.code(), "Line already shown", "话术已展示过")
                    .described("This conversation had already been shown that line.", "本次对话已展示过这句话术。");
            case CONVERSATION_CAP -> Item.of(reason.code(), "Conversation limit reached", "已达对话上限")
                    .described(
                            "The conversation had been shown its most lines (slots.maxPerConversation: " + most + ").",
                            "本次对话展示的话术已达上限（slots.maxPerConversation：" + most + "）。");
            case ONE_PER_REPLY -> Item.of(reason.code(), "One line per reply", "每条回复限一句")
                    .described("Another line went out with the same reply.", "同一条回复已附带另一句话术。");
        };
    }
}
