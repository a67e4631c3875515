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
    /** Told when the conversation goes to the queue; {@code %d} is the expected wait in minutes. */
    HANDOFF(
            "I'm connecting you to a human agent; one will be with you within about %d minutes."
                    + " They will see our conversation so far.",
            "正在为您转接人工客服，预计%d分钟内为您接入，客服会看到我们之前的对话内容。"),
    /** Told when a stage of the bot failed; {@code %d} is the expected wait in minutes. */
    BOT_FAILURE(
            "Sorry, something went wrong on our side. I'm connecting you to a human agent; one will be with you"
                    + " within about %d minutes.",
            "抱歉，系统出了点问题，正在为您转接人工客服，预计%d分钟内为您接入。"),
    /** Asked under an answer when the shopper seems unhappy; a quick reply lets them accept. */
    OFFER_PERSON("Would you like a person to help?", "需要为您转人工客服吗？"),
    /** The label of the quick reply that accepts {@link #OFFER_PERSON}. */
    OFFER_PERSON_ACCEPT("Yes, talk to a person", "转人工客服"),
    /** The label of the quick reply that confirms a proposed after-sales action. */
    CONFIRM_ACTION("Yes, go ahead", "确认"),
    /** The label of the quick reply that declines a proposed after-sales action. */
    DECLINE_ACTION("No, leave it", "不用了"),
    /** Introduces a list of accessories or bundle items of the product being discussed. */
    GOES_WITH("These go well with it:", "可以搭配："),
    /** Introduces the list of promotions running now, for a broad question ("有什么活动"). */
    RUNNING_NOW("These promotions are running now:", "目前正在进行的活动有："),
    /** Nobody claimed the conversation in time; {@code %d} is the new expected wait in minutes. */
    QUEUE_OVERDUE(
            "Sorry for the wait: all our agents are busy right now. One will be with you within about %d minutes.",
            "抱歉让您久等了，客服正忙，预计%d分钟内为您接入。"),
    QUEUE_OFFER_MESSAGE(
            "If you'd rather not wait, leave your message or a phone number here and we'll get back to you.",
            "如果您不方便等待，可以在这里留言或留下电话号码，我们会尽快联系您。"),
    /** {@code %s} is the agent's name. */
    AGENT_JOINED("%s from customer service has joined the conversation.", "人工客服 %s 已接入，为您服务。"),
    AGENT_RELEASED(
            "The agent has handed you back to the assistant. Ask me anything, or ask for a person again.",
            "人工客服已结束接待，接下来由智能助手为您服务。如需人工，请随时输入“转人工”。"),
    CLOSED(
            "This conversation has ended. How satisfied were you with our service? Please rate it from 1 to 5.",
            "本次会话已结束。您对我们的服务满意吗？请给本次服务打分（1-5分）。"),
    /** The shopper declined a proposed after-sales action; {@code %s} is the order number. */
    ACTION_DECLINED("All right, I've left order %s as it is.", "好的，订单 %s 保持不变。"),
    /** The store's service cancelled the order; {@code %s} is the order number. */
    ACTION_CANCELLED("Done: order %s is cancelled.", "已为您取消订单 %s。"),
    ACTION_RETURN_STARTED("Done: a return of order %s is started.", "已为订单 %s 发起退货申请。"),
    ACTION_EXCHANGE_STARTED("Done: an exchange for order %s is started.", "已为订单 %s 发起换货申请。"),
    ACTION_ADDRESS_CHANGED("Done: the delivery address of order %s is changed.", "订单 %s 的收货地址已修改。"),
    /** Follows a done action when the store's service gave a reference; {@code %s} is it. */
    ACTION_REFERENCE(" Reference: %s.", "编号：%s。"),
    /** A confirmed action goes to a person (no store service takes actions). */
    ACTION_FOR_AGENTS(
            "I've passed your request about order %s to our team: a person will carry it out and confirm it here.",
            "已将您关于订单 %s 的申请转交人工客服，办理后会在这里告诉您。"),
    /** The order's status changed between the proposal and the confirmation. */
    ACTION_NO_LONGER(
            "Order %s has changed since: this can no longer be done. Ask me about the order to see where it stands.",
            "订单 %s 的状态已变化，无法再办理此操作。您可以再问一下订单的最新状态。"),
    /** The store's service failed; the proposal stays open and a person is offered. */
    ACTION_FAILED(
            "I couldn't get the store's system to confirm this for order %s. You can press the confirm button"
                    + " above again later, or I can connect you to a person.",
            "暂时无法从订单系统得到订单 %s 的办理确认。您可以稍后再次点击上方的确认，或由人工客服为您处理。"),
    // The orders stage (OrderAnswers): looking orders up and proposing after-sales actions.
    ASK_NUMBER("What is your order number? You'll find it in your order confirmation.", "请问您的订单号是多少？可以在订单确认信息里找到。"),
    NONE_ON_ACCOUNT("I can't find any orders on your account. What is the order number?", "您的账户下没有查到订单。请问订单号是多少？"),
    WHICH_ORDER("Which order do you mean? Your latest orders:", "请问是哪一笔订单？您最近的订单："),
    ORDER_CHOICE("• %s (placed %s): %s", "• %s（%s 下单）：%s"),
    ORDER_UNKNOWN("I can't find order %s on your account. Please check the number.", "没有查到您账户下的订单 %s，请核对订单号。"),
    ASK_DIGITS(
            "To show you order %s, please tell me the last four digits of the phone number on the order.",
            "为保护您的隐私，请告诉我订单 %s 收货手机号的后四位。"),
    WRONG_DIGITS(
            "I couldn't find order %s with a phone ending in those digits. %d tries left.",
            "没有找到手机尾号与之匹配的订单 %s。还可以再试 %d 次。"),
    NO_MORE_TRIES(
            "I can't check more order details in this conversation. A person can help you: shall I connect you?",
            "本次对话中无法再查询订单详情。需要为您转接人工客服吗？"),
    ORDERS_UNAVAILABLE(
            "I can't reach the store's order system right now. Shall I connect you to a person?",
            "暂时无法连接订单系统。需要为您转接人工客服吗？"),
    STATUS("Order %s: %s.", "订单 %s：%s。"),
    SPLIT("It ships in %d parcels.", "分 %d 个包裹发出。"),
    PARCEL("Parcel %d: ", "包裹 %d："),
    TRACKING("%s, tracking number %s.", "%s，运单号 %s。"),
    ORDER_LATEST(" Latest: %s %s.", "最新：%s %s。"),
    ORDER_EXPECTED(" Expected delivery: %s.", "预计送达：%s。"),
    ORDER_LATE(
            "I'm sorry, it is later than expected. Would you like a person to look into it?",
            "非常抱歉，包裹比预计的晚了。需要为您转接人工客服跟进吗？"),
    ASK_ADDRESS("What is the new delivery address for order %s?", "请告诉我订单 %s 的新收货地址。"),
    PROPOSE_CANCEL(
            "I'll cancel order %s (%s). A cancelled order can't be restored. Shall I go ahead?",
            "将为您取消订单 %s（%s）。取消后无法恢复，确认取消吗？"),
    PROPOSE_RETURN("I'll start a return of order %s (%s) for a refund. Shall I go ahead?", "将为订单 %s（%s）发起退货退款申请，确认吗？"),
    PROPOSE_EXCHANGE("I'll start an exchange for order %s (%s). Shall I go ahead?", "将为订单 %s（%s）发起换货申请，确认吗？"),
    PROPOSE_ADDRESS(
            "I'll change the delivery address of order %s (%s) to: %s. Shall I go ahead?",
            "将把订单 %s（%s）的收货地址改为：%s。确认修改吗？"),
    SHIPPED_NO_CHANGE(
            "Order %s has already shipped, so it can no longer be cancelled or sent to another address. Once it"
                    + " is delivered you can ask for a return or an exchange.",
            "订单 %s 已经发货，无法再取消或修改地址。签收后可以申请退货或换货。"),
    DELIVERED_NO_CHANGE(
            "Order %s has been delivered, so it can no longer be cancelled or sent elsewhere; you can ask for a"
                    + " return or an exchange.",
            "订单 %s 已签收，无法取消或修改地址，可以申请退货或换货。"),
    NOT_DELIVERED_YET(
            "Order %s hasn't been delivered yet: a return or an exchange is possible once it is. Until it ships"
                    + " you can cancel it or change its address.",
            "订单 %s 尚未签收：签收后才能申请退货或换货。发货前可以取消订单或修改地址。"),
    IN_TRANSIT(
            "Order %s is on its way: a return or an exchange is possible once it is delivered.",
            "订单 %s 正在运输途中，签收后才能申请退货或换货。"),
    ORDER_CLOSED(
            "Order %s is %s, so nothing more can be done to it here. Shall I connect you to a person?",
            "订单 %s %s，这里无法再办理。需要为您转接人工客服吗？");

    private final String english;
    private final String chinese;

    ReplyTexts(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    public String in(Language language) {
        return language == Language.EN ? english : chinese;
    }

    /** The text in {@code language} with its placeholders filled. */
    public String format(Language language, Object... args) {
        return String.format(java.util.Locale.ROOT, in(language), args);
    }
}
