package dev.kefu.core.order;

import dev.kefu.core.Checks;
import dev.kefu.core.compose.ReplyTexts;
import dev.kefu.core.conversation.ActionRequest;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.OrderAction;
import dev.kefu.core.conversation.OrderThread;
import dev.kefu.core.conversation.OrderThread.Awaiting;
import dev.kefu.core.intent.Language;
import dev.kefu.core.text.Identifier;
import dev.kefu.core.text.Identifiers;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The orders stage by rules, in Chinese and English: finds the order a message asks about (its
 * number by the text library, "my last order", or the number the bot asked for in the turn before),
 * shows it only to its owner, and says the rest plainly.
 *
 * <p>Who sees an order: its verified owner (the shopper token's {@code sub} is the order's {@code
 * shopperId}), or a shopper who gives the last four digits of the order's phone in the same
 * conversation, with {@code phoneTries} wrong answers per conversation. Anybody else gets the reply
 * an unknown number gets, so nobody learns whether someone else's order exists. Thread-safe.
 */
public final class OrderAnswers implements OrderDesk {
    /** "Where is my order", "order status", "我的订单", "订单到哪了": an order question without a number. */
    private static final Pattern ASKS = Pattern.compile(
            "(?i)(?:where(?:'s|\\s+is)\\s+my\\s+(?:\\w+\\s+)?order|status\\s+of\\s+my\\s+(?:\\w+\\s+)?order"
                    + "|my\\s+order'?s?\\s+status|(?:track|check)\\s+my\\s+(?:\\w+\\s+)?order"
                    + "|我的订单|订单(?:到哪|在哪|状态|怎么样|呢)|查(?:一下|下)?(?:我的)?订单)");
    /** "My last order", "最近的订单". */
    private static final Pattern LAST = Pattern.compile(
            "(?i)(?:my\\s+(?:last|latest|most\\s+recent|recent)\\s+order|最近(?:的|一个|一笔)?订单|上一(?:个|笔)订单|最新的?订单)");
    /** A whole message that is only a number, when the bot asked for one. */
    private static final Pattern ONLY_NUMBER =
            Pattern.compile("^\\W*(?:(?:order|订单号?)\\W*)?([A-Za-z]{0,4}-?\\d[\\d-]{3,30})\\W*$");
    /** A message of a number and punctuation only, which says nothing of its language. */
    private static final Pattern NUMBER_ONLY =
            Pattern.compile("[\\s\\p{Punct}#]*[A-Za-z]{0,4}[\\d\\s-]{4,34}[\\s\\p{Punct}]*");
    /** An address change ("change the delivery address", "改地址", "修改收货地址"); checked first. */
    private static final Pattern ADDRESS =
            Pattern.compile("(?i)(?:change|update|correct)\\s+(?:the\\s+|my\\s+)?(?:delivery\\s+|shipping\\s+)?address"
                    + "|(?:改|修改|更改|更换|换)(?:一下)?(?:收货|配送|送货)?地址|地址(?:改|换)(?:为|成)");
    /** An exchange ("exchange", "换货", "换一件", "换个尺码"). */
    private static final Pattern EXCHANGE = Pattern.compile("(?i)\\bexchange|换货|换一(?:个|件|双|条)|换(?:个|成)?(?:尺码|颜色|大小|码)");
    /** A return ("return", "send it back", "退货", "退掉"). */
    private static final Pattern RETURN =
            Pattern.compile("(?i)\\breturn\\b|\\bsend\\s+(?:it|them|this)\\s+back|退货|退回|退掉");
    /** A cancellation ("cancel", "取消", "不要了"). */
    private static final Pattern CANCEL = Pattern.compile("(?i)\\bcancel|取消|不要了|退单");
    /** A mention of an order besides its number ("my order", "这单", "订单"). */
    private static final Pattern ORDER_WORD = Pattern.compile("(?i)\\border\\b|订单|这单|这个单|那单");
    /**
     * A question about the rules rather than a request ("how do I return", "能退吗", "运费谁出"):
     * without an order number it is the knowledge's ("我想退货" alone is too).
     */
    private static final Pattern QUESTION =
            Pattern.compile("(?i)[?？吗]|\\b(?:how|when|what|why|who|which|policy|can\\s+i|could\\s+i)\\b"
                    + "|怎么|如何|怎样|能不能|可不可以|多久|几天|运费|谁出|为什么|什么时候|规定|政策");
    /** What looks like an address: a digit, or a part of a Chinese address. */
    private static final Pattern ADDRESS_LIKE = Pattern.compile("\\d|[省市区县路街道号楼室弄巷村镇]");
    /** What precedes the address in "改地址为 ...", "change the address to ...". */
    private static final Pattern ADDRESS_LEAD =
            Pattern.compile("(?i)^[\\s:：,，]*(?:(?:of\\s+)?(?:my\\s+|the\\s+)?order\\s*|订单号?|的)?[\\s:：,，]*"
                    + "(?:to|为|成|改为|改成|到)?[\\s:：,，]*");

    /** Exactly one group of four digits (尾号1234, "1234", "it's 1234"). */
    private static final Pattern FOUR_DIGITS = Pattern.compile("(?<!\\d)(\\d{4})(?!\\d)");

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OrderAnswers.class);

    private final OrderSource source;
    private final OrderActions actions;
    private final Identifiers identifiers;
    private final int recentOrders;
    private final int phoneTries;
    private final Clock clock;
    private final ZoneId zone;

    /**
     * @param actions the after-sales actions a shopper may ask for (cancel, return, ...)
     * @param identifiers how order numbers are read (the text library's, or with the store's pattern)
     * @param recentOrders how many latest orders a verified shopper is offered to pick from
     * @param phoneTries wrong last-four-digit answers allowed per conversation
     * @param zone the store's time zone, for event times and "late"
     */
    public OrderAnswers(
            OrderSource source,
            OrderActions actions,
            Identifiers identifiers,
            int recentOrders,
            int phoneTries,
            Clock clock,
            ZoneId zone) {
        Checks.requireAllNonNull(
                "orders", "source actions identifiers clock zone", source, actions, identifiers, clock, zone);
        this.source = source;
        this.actions = actions;
        this.identifiers = identifiers;
        this.recentOrders = (int) Checks.requirePositive("recentOrders", recentOrders);
        this.phoneTries = (int) Checks.requirePositive("phoneTries", phoneTries);
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public Optional<Turn> answer(Question question) {
        String text = question.text();
        OrderThread thread = question.conversation().orderThread();
        Optional<String> number = number(text, thread);
        String digits = number.isEmpty() && thread.awaiting() == Awaiting.PHONE_DIGITS ? fourDigits(text) : null;
        Optional<ActionRequest> request = digits == null ? request(text, thread, number) : Optional.empty();
        boolean last = LAST.matcher(text).find();
        if (number.isEmpty()
                && digits == null
                && request.isEmpty()
                && !last
                && !ASKS.matcher(text).find()) {
            return Optional.empty();
        }
        Reply reply = new Reply(replyLanguage(question));
        String owner = question.conversation().shopper().verifiedId();
        try {
            if (request.isPresent()) {
                return Optional.of(act(request.get(), question.conversation(), thread, owner, reply));
            }
            if (digits != null) {
                return Optional.of(checkDigits(question.conversation(), thread, digits, reply));
            }
            if (number.isEmpty()) {
                return Optional.of(withoutNumber(thread, owner, last, reply));
            }
            return Optional.of(about(number.get(), thread, owner, reply));
        } catch (RuntimeException e) {
            // The store's system is down, slow or answers nonsense: say so, offer a person.
            LOG.warn(
                    "orders cannot be read for conversation {}",
                    question.conversation().id(),
                    e);
            return Optional.of(new Turn(
                    reply.say(ReplyTexts.ORDERS_UNAVAILABLE),
                    thread.about(number.orElse(thread.orderNo()), Awaiting.NOTHING),
                    true,
                    List.of()));
        }
    }

    /**
     * The reply language: the message's, unless it is only a number or digits (no language of its
     * own), then the language the conversation spoke before it.
     */
    public static Language replyLanguage(Question question) {
        if (!onlyNumber(question.text())) {
            return question.nlu().replyLanguage();
        }
        List<ConversationMessage> messages = question.conversation().messages();
        for (int i = messages.size() - 2; i >= 0; i--) {
            ConversationMessage earlier = messages.get(i);
            if (earlier.signals() != null && !onlyNumber(earlier.text())) {
                return earlier.signals().language().replyLanguage();
            }
        }
        return question.nlu().replyLanguage();
    }

    /** Whether {@code text} is only a number (an order number, four digits) and punctuation: no words. */
    private static boolean onlyNumber(String text) {
        return NUMBER_ONLY.matcher(text.strip()).matches();
    }

    /** The order number the message gives: one the text library reads, or the whole message when the bot asked. */
    private Optional<String> number(String text, OrderThread thread) {
        Optional<String> found = orderNumber(text);
        if (found.isPresent()) {
            return found;
        }
        if (thread.awaiting() == Awaiting.ORDER_NUMBER) {
            Matcher only = ONLY_NUMBER.matcher(text.strip());
            if (only.matches()) {
                return OrderJson.canonicalNumber(only.group(1));
            }
        }
        return Optional.empty();
    }

    private static String fourDigits(String text) {
        Matcher m = FOUR_DIGITS.matcher(text);
        if (!m.find()) {
            return null;
        }
        String digits = m.group(1);
        return m.find() ? null : digits;
    }

    private Turn withoutNumber(OrderThread thread, String owner, boolean last, Reply reply) {
        if (owner == null) {
            return new Turn(
                    reply.say(ReplyTexts.ASK_NUMBER), thread.about(null, Awaiting.ORDER_NUMBER), false, List.of());
        }
        List<Order> recent = recent(owner);
        if (recent.isEmpty()) {
            return new Turn(
                    reply.say(ReplyTexts.NONE_ON_ACCOUNT), thread.about(null, Awaiting.ORDER_NUMBER), false, List.of());
        }
        if (last || recent.size() == 1) {
            return show(recent.get(0), thread.about(recent.get(0).orderNo(), Awaiting.NOTHING), reply);
        }
        return new Turn(
                reply.say(ReplyTexts.WHICH_ORDER) + "\n" + choices(recent, reply),
                thread.about(null, Awaiting.ORDER_NUMBER),
                false,
                recent);
    }

    /** One line per order to pick from: number, day placed, status. */
    private String choices(List<Order> orders, Reply reply) {
        return orders.stream()
                .map(order -> reply.say(
                        ReplyTexts.ORDER_CHOICE,
                        order.orderNo(),
                        order.placedAt().atZone(zone).toLocalDate(),
                        reply.status(order.status())))
                .collect(Collectors.joining("\n"));
    }

    private Turn about(String orderNo, OrderThread thread, String owner, Reply reply) {
        Lookup lookup = lookup(orderNo, thread, owner);
        if (lookup instanceof Lookup.Shown shown) {
            return show(shown.order(), thread.about(orderNo, Awaiting.NOTHING), reply);
        }
        if (lookup instanceof Lookup.NoMoreTries) {
            return new Turn(
                    reply.say(ReplyTexts.NO_MORE_TRIES), thread.about(orderNo, Awaiting.NOTHING), true, List.of());
        }
        if (lookup instanceof Lookup.NotFound) {
            return new Turn(
                    reply.say(ReplyTexts.ORDER_UNKNOWN, orderNo),
                    thread.about(orderNo, Awaiting.NOTHING),
                    false,
                    List.of());
        }
        return new Turn(
                reply.say(ReplyTexts.ASK_DIGITS, orderNo),
                thread.about(orderNo, Awaiting.PHONE_DIGITS),
                false,
                List.of());
    }

    /**
     * What this shopper may learn of order {@code orderNo} (canonical) in a conversation at {@code
     * thread}: the one rule the answers here and a language model's tools both follow.
     *
     * @param owner the verified shopper's id, or null for an anonymous one
     * @throws OrderSource.Unavailable when the store's system cannot be asked now
     */
    public Lookup lookup(String orderNo, OrderThread thread, String owner) {
        Checks.requireText("orderNo", orderNo);
        Checks.requireNonNull("thread", thread);
        boolean proven = thread.proven().contains(orderNo);
        if (owner == null && !proven && thread.wrongDigits() >= phoneTries) {
            return new Lookup.NoMoreTries();
        }
        Optional<Order> order = source.find(orderNo);
        if (order.isPresent() && (proven || order.get().shopperId().equals(owner))) {
            return new Lookup.Shown(order.get());
        }
        // Unknown, or someone else's: the same outcome, so nobody learns which.
        return owner != null ? new Lookup.NotFound() : new Lookup.NeedsDigits();
    }

    /**
     * A verified shopper's latest orders (at most {@code recentOrders}, newest first); none for an
     * anonymous shopper ({@code owner} null), who has no account to list.
     *
     * @throws OrderSource.Unavailable when the store's system cannot be asked now
     */
    public List<Order> recent(String owner) {
        return owner == null ? List.of() : source.recent(owner, recentOrders);
    }

    /**
     * Proposes {@code request} in {@code conversation} by the rules' ownership and status checks
     * ({@link OrderActions#propose}): for a language model's tool, which may only propose.
     *
     * @throws OrderSource.Unavailable when the orders cannot be read now
     */
    public OrderActions.Proposal propose(Conversation conversation, ActionRequest request) {
        return actions.propose(conversation, request);
    }

    /** The words that state {@code proposed} to the shopper: what the confirm quick reply confirms. */
    public static String statement(OrderActions.Proposed proposed, Language language) {
        return new Reply(language).proposal(proposed);
    }

    /** The canonical order number in {@code text} as the text library reads it, if any. */
    public Optional<String> orderNumber(String text) {
        return identifiers.find(text).stream()
                .filter(found -> found.kind() == Identifier.Kind.ORDER_NUMBER)
                .map(Identifier::value)
                .findFirst();
    }

    /** What a shopper may learn of one order; see {@link #lookup}. */
    public sealed interface Lookup {
        /** The shopper's own order (verified owner, or proven by the phone's last four digits). */
        record Shown(Order order) implements Lookup {
            public Shown {
                Checks.requireNonNull("order", order);
            }
        }

        /** No such order on the verified shopper's account: unknown or someone else's, alike. */
        record NotFound() implements Lookup {}

        /** An anonymous shopper must first give the last four digits of the order's phone. */
        record NeedsDigits() implements Lookup {}

        /** An anonymous shopper gave wrong digits too often in this conversation: a person is offered. */
        record NoMoreTries() implements Lookup {}
    }

    private Turn checkDigits(Conversation conversation, OrderThread thread, String digits, Reply reply) {
        String orderNo = thread.orderNo();
        Optional<Order> order = source.find(orderNo);
        if (order.isPresent() && order.get().phoneEndsWith(digits)) {
            OrderThread proven = thread.provenOwner(orderNo);
            if (proven.wanted() != null && orderNo.equals(proven.wanted().orderNo())) {
                // the action they asked for before proving the order theirs
                return act(proven.wanted(), conversation, proven, null, reply);
            }
            return show(order.get(), proven, reply);
        }
        OrderThread next = thread.wrongDigitsGiven();
        if (next.wrongDigits() >= phoneTries) {
            return new Turn(reply.say(ReplyTexts.NO_MORE_TRIES), next, true, List.of());
        }
        return new Turn(
                reply.say(ReplyTexts.WRONG_DIGITS, orderNo, phoneTries - next.wrongDigits()),
                next.about(orderNo, Awaiting.PHONE_DIGITS),
                false,
                List.of());
    }

    /**
     * The after-sales action this message asks for: one named in it ("取消订单 N", "I want to return
     * my order") about an order (its number, "my order", or the order the conversation is about),
     * unless it only asks about the rules; or the one asked for before, now that the shopper gave
     * the order's number or the new address.
     */
    private Optional<ActionRequest> request(String text, OrderThread thread, Optional<String> number) {
        Optional<OrderAction> action = action(text);
        boolean aboutOrder = number.isPresent()
                || thread.orderNo() != null
                || ORDER_WORD.matcher(text).find();
        if (action.isPresent()
                && aboutOrder
                && (number.isPresent() || !QUESTION.matcher(text).find())) {
            String address = action.get() == OrderAction.ADDRESS ? address(text, number) : null;
            return Optional.of(new ActionRequest(number.orElse(thread.orderNo()), action.get(), address));
        }
        ActionRequest wanted = thread.wanted();
        if (wanted == null) {
            return Optional.empty();
        }
        if (thread.awaiting() == Awaiting.ORDER_NUMBER && number.isPresent()) {
            return Optional.of(wanted.forOrder(number.get()));
        }
        if (thread.awaiting() == Awaiting.NEW_ADDRESS
                && number.isEmpty()
                && ADDRESS_LIKE.matcher(text).find()) {
            return Optional.of(wanted.withAddress(text.strip()));
        }
        return Optional.empty();
    }

    private static Optional<OrderAction> action(String text) {
        if (ADDRESS.matcher(text).find()) {
            return Optional.of(OrderAction.ADDRESS);
        }
        if (EXCHANGE.matcher(text).find()) {
            return Optional.of(OrderAction.EXCHANGE);
        }
        if (RETURN.matcher(text).find()) {
            return Optional.of(OrderAction.RETURN);
        }
        return CANCEL.matcher(text).find() ? Optional.of(OrderAction.CANCEL) : Optional.empty();
    }

    /** The new address written after "改地址" / "change the address to", without the order number. */
    private String address(String text, Optional<String> number) {
        Matcher m = ADDRESS.matcher(text);
        if (!m.find()) {
            return null;
        }
        char[] blanked = text.toCharArray();
        for (Identifier found : identifiers.find(text)) {
            if (found.kind() == Identifier.Kind.ORDER_NUMBER) {
                java.util.Arrays.fill(blanked, found.start(), found.end(), ' ');
            }
        }
        String rest = new String(blanked).substring(m.end());
        if (number.isPresent()) {
            rest = rest.replace(number.get(), " ");
        }
        rest = ADDRESS_LEAD.matcher(rest).replaceFirst("").strip();
        return rest.length() >= 4 && ADDRESS_LIKE.matcher(rest).find() ? rest : null;
    }

    /**
     * Proposes {@code request} when the shopper may have it done ({@link OrderActions#propose}), or
     * asks for what is missing (which order, the phone's digits, the new address), or says why not.
     */
    private Turn act(ActionRequest request, Conversation conversation, OrderThread thread, String owner, Reply reply) {
        if (request.orderNo() == null) {
            return whichOrder(request, conversation, thread, owner, reply);
        }
        String orderNo = request.orderNo();
        if (owner == null && !thread.proven().contains(orderNo) && thread.wrongDigits() >= phoneTries) {
            return new Turn(
                    reply.say(ReplyTexts.NO_MORE_TRIES), thread.about(orderNo, Awaiting.NOTHING), true, List.of());
        }
        OrderActions.Proposal proposal = actions.propose(conversation.withOrderThread(thread), request);
        if (proposal instanceof OrderActions.Proposed proposed) {
            return new Turn(
                    reply.proposal(proposed),
                    thread.proposing(proposed.proposal()),
                    false,
                    List.of(proposed.order()),
                    proposed.proposal());
        }
        OrderActions.Refused refused = (OrderActions.Refused) proposal;
        return switch (refused.refusal()) {
            case NOT_SHOWN -> owner == null
                    ? new Turn(
                            reply.say(ReplyTexts.ASK_DIGITS, orderNo),
                            thread.wanting(request, Awaiting.PHONE_DIGITS),
                            false,
                            List.of())
                    // unknown, or someone else's: the words of an unknown number
                    : new Turn(
                            reply.say(ReplyTexts.ORDER_UNKNOWN, orderNo),
                            thread.about(orderNo, Awaiting.NOTHING),
                            false,
                            List.of());
            case NEEDS_ADDRESS -> new Turn(
                    reply.say(ReplyTexts.ASK_ADDRESS, orderNo),
                    thread.wanting(request, Awaiting.NEW_ADDRESS),
                    false,
                    List.of(refused.order()));
            case NOT_ALLOWED -> notAllowed(refused.order(), request.action(), thread, reply);
        };
    }

    /**
     * An action without an order number: a verified shopper's only order that allows it is taken,
     * else their latest are listed to pick from; an anonymous shopper is asked for the number.
     */
    private Turn whichOrder(
            ActionRequest request, Conversation conversation, OrderThread thread, String owner, Reply reply) {
        OrderThread waiting = thread.about(null, Awaiting.NOTHING).wanting(request, Awaiting.ORDER_NUMBER);
        if (owner == null) {
            return new Turn(reply.say(ReplyTexts.ASK_NUMBER), waiting, false, List.of());
        }
        List<Order> recent = source.recent(owner, recentOrders);
        List<Order> possible = recent.stream()
                .filter(order -> OrderActions.allowed(request.action(), order.status()))
                .toList();
        if (possible.size() == 1) {
            return act(request.forOrder(possible.get(0).orderNo()), conversation, thread, owner, reply);
        }
        if (recent.isEmpty()) {
            return new Turn(reply.say(ReplyTexts.NONE_ON_ACCOUNT), waiting, false, List.of());
        }
        return new Turn(reply.say(ReplyTexts.WHICH_ORDER) + "\n" + choices(recent, reply), waiting, false, recent);
    }

    /** Why the order's status does not allow the action, and what it does allow. */
    private static Turn notAllowed(Order order, OrderAction action, OrderThread thread, Reply reply) {
        boolean change = action == OrderAction.CANCEL || action == OrderAction.ADDRESS;
        ReplyTexts why =
                switch (order.status()) {
                    case SHIPPED -> change ? ReplyTexts.SHIPPED_NO_CHANGE : ReplyTexts.IN_TRANSIT;
                    case DELIVERED -> ReplyTexts.DELIVERED_NO_CHANGE;
                    case PENDING_PAYMENT, PAID -> ReplyTexts.NOT_DELIVERED_YET;
                    case CANCELLED, REFUNDING, REFUNDED -> ReplyTexts.ORDER_CLOSED;
                };
        boolean closed = why == ReplyTexts.ORDER_CLOSED;
        String text = closed
                ? reply.say(why, order.orderNo(), reply.status(order.status()))
                : reply.say(why, order.orderNo());
        return new Turn(text, thread.about(order.orderNo(), Awaiting.NOTHING), closed, List.of(order));
    }

    /** The order in plain words: status, each parcel's carrier, tracking number, latest event and expected day. */
    private Turn show(Order order, OrderThread thread, Reply reply) {
        StringBuilder text =
                new StringBuilder(reply.say(ReplyTexts.STATUS, order.orderNo(), reply.status(order.status())));
        List<Shipment> shipments = order.shipments();
        if (shipments.size() > 1) {
            text.append(' ').append(reply.say(ReplyTexts.SPLIT, shipments.size()));
        }
        for (int i = 0; i < shipments.size(); i++) {
            Shipment shipment = shipments.get(i);
            text.append('\n');
            if (shipments.size() > 1) {
                text.append(reply.say(ReplyTexts.PARCEL, i + 1));
            }
            text.append(reply.say(ReplyTexts.TRACKING, shipment.carrier(), shipment.trackingNumber()));
            shipment.latest()
                    .ifPresent(event -> text.append(reply.say(
                            ReplyTexts.ORDER_LATEST, AT.format(event.at().atZone(zone)), event.description())));
            if (shipment.estimatedDelivery() != null && !order.status().equals(OrderStatus.DELIVERED)) {
                text.append(reply.say(ReplyTexts.ORDER_EXPECTED, shipment.estimatedDelivery()));
            }
        }
        boolean late = order.delayed(LocalDate.now(clock.withZone(zone)));
        if (late) {
            text.append('\n').append(reply.say(ReplyTexts.ORDER_LATE));
        }
        return new Turn(text.toString(), thread, late, List.of(order));
    }

    /** Sentences in one reply language. */
    private record Reply(Language language) {
        String say(ReplyTexts text, Object... args) {
            return text.format(language, args);
        }

        /** What the proposal will do: which order (its items) and what exactly. */
        String proposal(OrderActions.Proposed proposed) {
            Order order = proposed.order();
            ActionRequest request = proposed.proposal().request();
            String items = order.items().stream()
                    .map(item -> item.quantity() + "× " + item.name())
                    .collect(Collectors.joining(language == Language.EN ? ", " : "，"));
            return switch (request.action()) {
                case CANCEL -> say(ReplyTexts.PROPOSE_CANCEL, order.orderNo(), items);
                case RETURN -> say(ReplyTexts.PROPOSE_RETURN, order.orderNo(), items);
                case EXCHANGE -> say(ReplyTexts.PROPOSE_EXCHANGE, order.orderNo(), items);
                case ADDRESS -> say(ReplyTexts.PROPOSE_ADDRESS, order.orderNo(), items, request.newAddress());
            };
        }

        String status(OrderStatus status) {
            return status.words(language);
        }
    }
}
