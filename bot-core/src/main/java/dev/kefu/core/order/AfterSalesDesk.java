package dev.kefu.core.order;

import dev.kefu.core.Checks;
import dev.kefu.core.conversation.ActionOutcome;
import dev.kefu.core.conversation.ActionProposal;
import dev.kefu.core.conversation.ActionRequest;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationLocks;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.conversation.OrderAction;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.HandoffQueue;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.intent.Language;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The after-sales actions over the store's orders: proposes what the shopper may have done and, on
 * their confirmation, sends it to the store's service ({@code orders.actionsUrl}) with the
 * proposal's idempotency key, or, without one, hands the conversation to a person (reason {@link
 * HandoffReason#ORDER_ACTION}, the action in the ticket's trigger) who carries it out.
 *
 * <p>A proposal is answered once: confirming or declining closes it, so a double click or a
 * replayed request is refused ({@link NotOpen}). Only a failure of the store's service leaves it
 * open, so the shopper may confirm again, sending the same key (the store acts once). Every answer
 * is made under the conversation's lock and saved with its events. Thread-safe.
 */
public final class AfterSalesDesk implements OrderActions {
    private final OrderSource orders;
    private final Optional<AfterSalesService> service;
    private final ConversationStore store;
    private final ConversationLocks locks;
    private final HandoffQueue queue;
    private final Clock clock;

    /**
     * @param service the store's service, or empty: every confirmed action goes to a person
     */
    public AfterSalesDesk(
            OrderSource orders,
            Optional<AfterSalesService> service,
            ConversationStore store,
            ConversationLocks locks,
            HandoffQueue queue,
            Clock clock) {
        this.orders = Checks.requireNonNull("orders", orders);
        this.service = Checks.requireNonNull("service", service);
        this.store = Checks.requireNonNull("store", store);
        this.locks = Checks.requireNonNull("locks", locks);
        this.queue = Checks.requireNonNull("queue", queue);
        this.clock = Checks.requireNonNull("clock", clock);
    }

    @Override
    public Proposal propose(Conversation conversation, ActionRequest request) {
        Checks.requireText("request.orderNo", request.orderNo());
        Optional<Order> order = orders.find(request.orderNo());
        if (order.isEmpty() || !order.get().visibleIn(conversation)) {
            return new Refused(Refusal.NOT_SHOWN, null);
        }
        if (!OrderActions.allowed(request.action(), order.get().status())) {
            return new Refused(Refusal.NOT_ALLOWED, order.get());
        }
        if (request.action() == OrderAction.ADDRESS && request.newAddress() == null) {
            return new Refused(Refusal.NEEDS_ADDRESS, order.get());
        }
        return new Proposed(new ActionProposal(conversation.nextSeq(), request), order.get());
    }

    @Override
    public Answered answer(String conversationId, long seq, boolean confirmed) {
        return locks.withLock(conversationId, () -> {
            Conversation c = store.find(conversationId)
                    .orElseThrow(() -> new NotOpen("conversation " + conversationId + " does not exist"));
            ActionProposal proposal = c.orderThread().pending();
            if (proposal == null || proposal.seq() != seq) {
                throw new NotOpen("message " + seq + " of conversation " + conversationId + " proposes nothing open");
            }
            if (c.state() != ConversationState.BOT) {
                throw new NotOpen("a person serves conversation " + conversationId);
            }
            return confirmed ? confirmed(c, proposal) : declined(c, proposal);
        });
    }

    private Answered declined(Conversation c, ActionProposal proposal) {
        Instant now = clock.instant();
        ActionRequest request = proposal.request();
        Conversation next = c.withOrderThread(c.orderThread().answered())
                .append(Speaker.BOT, Text.DECLINED.in(c.language(), request.orderNo()), List.of(), now);
        store.save(next, List.of(new ConversationEvent.ActionDeclined(c.id(), now, proposal.seq(), request)));
        return new Answered(next, next.messages().size(), null);
    }

    private Answered confirmed(Conversation c, ActionProposal proposal) {
        Instant now = clock.instant();
        ActionRequest request = proposal.request();
        String key = proposal.idempotencyKey(c.id());
        List<ConversationEvent> events = new ArrayList<>();
        events.add(new ConversationEvent.ActionConfirmed(c.id(), now, proposal.seq(), request, key));
        Language language = c.language();
        Optional<Order> order;
        try {
            order = orders.find(request.orderNo());
        } catch (OrderSource.Unavailable e) {
            return failed(c, proposal, events, "orders unavailable: " + e.getMessage());
        }
        if (order.isEmpty()
                || !order.get().visibleIn(c)
                || !OrderActions.allowed(request.action(), order.get().status())) {
            // its status changed since the proposal (it shipped meanwhile): nothing is sent
            String status = order.map(o -> o.status().code()).orElse("unknown");
            events.add(result(c, now, proposal, ActionOutcome.NOT_ALLOWED, null, "status " + status));
            Conversation next = c.withOrderThread(c.orderThread().answered())
                    .append(Speaker.BOT, Text.NO_LONGER.in(language, request.orderNo()), List.of(), now);
            store.save(next, events);
            return new Answered(next, next.messages().size(), ActionOutcome.NOT_ALLOWED);
        }
        if (service.isEmpty()) {
            return forAgents(c, proposal, events);
        }
        String reference;
        try {
            reference = service.get().submit(request, order.get().shopperId(), key);
        } catch (OrderSource.Unavailable e) {
            return failed(c, proposal, events, e.getMessage());
        }
        events.add(result(c, now, proposal, ActionOutcome.DONE, reference, null));
        String done = Text.done(request.action()).in(language, request.orderNo())
                + (reference == null ? "" : Text.REFERENCE.in(language, reference));
        Conversation next = c.withOrderThread(c.orderThread().answered()).append(Speaker.BOT, done, List.of(), now);
        store.save(next, events);
        return new Answered(next, next.messages().size(), ActionOutcome.DONE);
    }

    /**
     * No service takes actions: the conversation goes to the queue with the action in its ticket
     * ({@code trigger.orderNo}, {@code trigger.action}, ...), which agents see first.
     */
    private Answered forAgents(Conversation c, ActionProposal proposal, List<ConversationEvent> events) {
        Instant now = clock.instant();
        ActionRequest request = proposal.request();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("orderNo", request.orderNo());
        details.put("action", request.action().code());
        details.put("proposalSeq", Long.toString(proposal.seq()));
        if (request.newAddress() != null) {
            details.put("newAddress", request.newAddress());
        }
        HandoffTrigger trigger = new HandoffTrigger(HandoffReason.ORDER_ACTION, details);
        HandoffTicket ticket = queue.ticket(trigger, c.shopper(), 0.0, c.language(), now);
        Conversation told = c.withOrderThread(c.orderThread().answered())
                .append(Speaker.BOT, Text.FOR_AGENTS.in(c.language(), request.orderNo()), List.of(), now);
        long replySeq = told.messages().size();
        Conversation next = told.append(Speaker.SYSTEM, queue.notice(ticket, false), List.of(), now)
                .queued(ticket, now);
        events.add(result(c, now, proposal, ActionOutcome.FOR_AGENTS, null, null));
        events.add(new ConversationEvent.HandedOff(c.id(), now, trigger, ticket.priority(), null));
        store.save(next, events);
        return new Answered(next, replySeq, ActionOutcome.FOR_AGENTS);
    }

    /** The store's service failed: the shopper is told and offered a person; the proposal stays open. */
    private Answered failed(Conversation c, ActionProposal proposal, List<ConversationEvent> events, String why) {
        Instant now = clock.instant();
        events.add(result(c, now, proposal, ActionOutcome.FAILED, null, why));
        Conversation next = c.append(
                Speaker.BOT, Text.FAILED.in(c.language(), proposal.request().orderNo()), List.of(), now);
        store.save(next, events);
        return new Answered(next, next.messages().size(), ActionOutcome.FAILED);
    }

    private static ConversationEvent.ActionResult result(
            Conversation c, Instant now, ActionProposal proposal, ActionOutcome outcome, String reference, String why) {
        return new ConversationEvent.ActionResult(
                c.id(), now, proposal.seq(), proposal.request(), outcome, reference, why);
    }

    /** What the shopper is told of their answer, in English and Chinese. */
    private enum Text {
        DECLINED("All right, I've left order %s as it is.", "好的，订单 %s 保持不变。"),
        CANCELLED("Done: order %s is cancelled.", "已为您取消订单 %s。"),
        RETURN_STARTED("Done: a return of order %s is started.", "已为订单 %s 发起退货申请。"),
        EXCHANGE_STARTED("Done: an exchange for order %s is started.", "已为订单 %s 发起换货申请。"),
        ADDRESS_CHANGED("Done: the delivery address of order %s is changed.", "订单 %s 的收货地址已修改。"),
        REFERENCE(" Reference: %s.", "编号：%s。"),
        FOR_AGENTS(
                "I've passed your request about order %s to our team: a person will carry it out and confirm it"
                        + " here.",
                "已将您关于订单 %s 的申请转交人工客服，办理后会在这里告诉您。"),
        NO_LONGER(
                "Order %s has changed since: this can no longer be done. Ask me about the order to see where it"
                        + " stands.",
                "订单 %s 的状态已变化，无法再办理此操作。您可以再问一下订单的最新状态。"),
        FAILED(
                "I couldn't get the store's system to confirm this for order %s. You can press the confirm button"
                        + " above again later, or I can connect you to a person.",
                "暂时无法从订单系统得到订单 %s 的办理确认。您可以稍后再次点击上方的确认，或由人工客服为您处理。");

        private final String en;
        private final String zh;

        Text(String en, String zh) {
            this.en = en;
            this.zh = zh;
        }

        String in(Language language, Object... args) {
            return String.format(Locale.ROOT, language == Language.EN ? en : zh, args);
        }

        static Text done(OrderAction action) {
            return switch (action) {
                case CANCEL -> CANCELLED;
                case RETURN -> RETURN_STARTED;
                case EXCHANGE -> EXCHANGE_STARTED;
                case ADDRESS -> ADDRESS_CHANGED;
            };
        }
    }
}
