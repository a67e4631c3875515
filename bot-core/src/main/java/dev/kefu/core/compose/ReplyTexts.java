package dev.kefu.core.compose;

import dev.kefu.core.intent.Language;

/**
 * The bot's fixed sentences in both reply languages. Kept in one place so that trainers and
 * translators find them, and so that hand-off and fallback texts stay consistent across stages.
 */
public enum ReplyTexts {
    GREETING(
            "Hello! I'm the store assistant. Ask me about orders, delivery, returns, warranty or products.",
            "您好！我是商城智能客服，可以为您解答订单、配送、退换货、保修和商品相关的问题。"),
    THANKS("You're welcome! Is there anything else I can help with?", "不客气！还有什么可以帮您的吗？"),
    GOODBYE("Thank you for visiting. Goodbye!", "感谢您的光临，再见！"),
    FALLBACK(
            "Sorry, I couldn't find an answer to that. Could you rephrase it, or ask to talk to a human agent?",
            "抱歉，我没有找到相关的答案。您可以换个说法，或者输入“转人工”联系人工客服。"),
    OUT_OF_SCOPE(
            "Sorry, I can only help with questions about this store: orders, delivery, returns, products and promotions.",
            "抱歉，我只能解答本店相关的问题，例如订单、配送、退换货、商品和优惠活动。"),
    HANDOFF(
            "I'm connecting you to a human agent now. Please wait a moment; they will see our conversation so far.",
            "正在为您转接人工客服，请稍候，客服会看到我们之前的对话内容。"),
    BOT_FAILURE(
            "Sorry, something went wrong on our side. I'm connecting you to a human agent.", "抱歉，系统出了点问题，正在为您转接人工客服。"),
    /** Introduces a list of accessories or bundle items of the product being discussed. */
    GOES_WITH("These go well with it:", "可以搭配："),
    AGENT_BUSY("You're in the queue for a human agent; please stay in this chat.", "您已在人工客服队列中，请不要离开对话。");

    private final String english;
    private final String chinese;

    ReplyTexts(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    public String in(Language language) {
        return language == Language.EN ? english : chinese;
    }
}
