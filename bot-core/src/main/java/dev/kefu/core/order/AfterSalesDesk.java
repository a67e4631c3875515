package dev.kefu.core.order;

import dev.kefu.core.Checks;
import dev.kefu.core.compose.ReplyTexts;
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
 *
 * @param service the store's service, or empty: every confirmed action goes to a person
 */
public record AfterSalesDesk(
        OrderSource orders,
        Optional<AfterSalesService> service,
        ConversationStore store,
        ConversationLocks locks,
        HandoffQueue queue,
        Clock clock)
        implements OrderActions {
    public AfterSalesDesk {
        Checks.requireAllNonNull(
                "afterSales", "orders service store locks queue clock", orders, service, store, locks, queue, clock);
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
                .append(
                        Speaker.BOT,
                        ReplyTexts.ACTION_DECLINED.format(c.language(), request.orderNo()),
                        List.of(),
                        now);
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
                    .append(
                            Speaker.BOT,
                            ReplyTexts.ACTION_NO_LONGER.format(language, request.orderNo()),
                            List.of(),
                            now);
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
        String done = done(request.action()).format(language, request.orderNo())
                + (reference == null ? "" : ReplyTexts.ACTION_REFERENCE.format(language, reference));
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
                .append(
                        Speaker.BOT,
                        ReplyTexts.ACTION_FOR_AGENTS.format(c.language(), request.orderNo()),
                        List.of(),
                        now);
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
                Speaker.BOT,
                ReplyTexts.ACTION_FAILED.format(c.language(), proposal.request().orderNo()),
                List.of(),
                now);
        store.save(next, events);
        return new Answered(next, next.messages().size(), ActionOutcome.FAILED);
    }

    private static ConversationEvent.ActionResult result(
            Conversation c, Instant now, ActionProposal proposal, ActionOutcome outcome, String reference, String why) {
        return new ConversationEvent.ActionResult(
                c.id(), now, proposal.seq(), proposal.request(), outcome, reference, why);
    }

    /** What the shopper is told when the store's service did the action. */
    private static ReplyTexts done(OrderAction action) {
        return switch (action) {
            case CANCEL -> ReplyTexts.ACTION_CANCELLED;
            case RETURN -> ReplyTexts.ACTION_RETURN_STARTED;
            case EXCHANGE -> ReplyTexts.ACTION_EXCHANGE_STARTED;
            case ADDRESS -> ReplyTexts.ACTION_ADDRESS_CHANGED;
        };
    }
}
