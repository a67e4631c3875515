package dev.kefu.core.compose.llm;

import dev.kefu.core.Checks;
import dev.kefu.core.Texts;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.intent.Language;
import dev.kefu.core.order.Order;
import dev.kefu.core.order.OrderActions;
import dev.kefu.core.order.OrderAnswers;
import dev.kefu.core.order.OrderDesk;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders stage with a language model: the rules ({@link OrderAnswers}) decide whether a message
 * is about orders and what the conversation knows afterwards (the order asked about, the digits
 * awaited or proven), and write the answer the shopper gets whenever the model's is not used; the
 * model writes the words, from what it asks {@link OrderTools} ({@code lookupOrder}, {@code
 * recentOrders}, {@code proposeAction}), which answer by the rules' ownership and status decisions,
 * in code.
 *
 * <ol>
 *   <li>a message the rules do not take is not about orders: the knowledge answers it;
 *   <li>an after-sales action the rules proposed or ask details of: the rules' answer, so the
 *       shopper confirms Kefu's own words;
 *   <li>circuit open: the rules' answer at once ({@code circuit_open});
 *   <li>the model is asked with the orders prompt (personal data masked) and may call the tools,
 *       in at most {@value #MAX_ROUNDS} rounds, all within the budget; the tools' results are masked
 *       through the same vault;
 *   <li>no answer within the budget, an error, a rate limit, or still calling tools after the last
 *       round: the rules' answer ({@code timeout}, {@code error}, {@code rate_limited}, {@code
 *       tool_rounds});
 *   <li>the model proposed an action ({@code proposeAction}, by the rules' checks): Kefu's own
 *       statement of it, with the confirm and decline quick replies; nothing is done until the
 *       shopper confirms;
 *   <li>an answer written without calling any tool has nothing to stand on: the rules' answer
 *       ({@code no_tool_call});
 *   <li>the answer, personal data restored, fails {@link GroundingCheck#checkToolAnswer} (a fact in
 *       neither the tool results nor the conversation, the wrong language, ...), or says a status
 *       ("shipped", "已取消") no tool result gives ({@code ungrounded_status}): the rules' answer;
 *   <li>otherwise the model's answer, with the orders the rules and the tools showed.
 * </ol>
 *
 * <p>Thread-safe.
 */
public final class LlmOrderDesk implements OrderDesk {
    private static final Logger LOG = LoggerFactory.getLogger(LlmOrderDesk.class);

    /** Rounds of tool calls one answer may take before the model must write. */
    static final int MAX_ROUNDS = 3;

    private final OrderAnswers rules;
    private final StreamingChatModel model;
    private final PersonalDataMasker masker;
    private final CircuitBreaker breaker;
    private final Duration budget;
    private final int maxTurns;
    private final Clock clock;
    private final ZoneId zone;
    private final GroundingCheck check = new GroundingCheck();

    /**
     * @param breaker shared with nothing else, or with the composer when the model's outages should
     *     count once
     * @param budget the time one answer may take, tool calls included
     * @param maxTurns most earlier turns of the conversation in the prompt
     * @param zone the store's time zone (event times, "late")
     */
    public LlmOrderDesk(
            OrderAnswers rules,
            StreamingChatModel model,
            PersonalDataMasker masker,
            CircuitBreaker breaker,
            Duration budget,
            int maxTurns,
            Clock clock,
            ZoneId zone) {
        this.rules = Checks.requireNonNull("rules", rules);
        this.model = Checks.requireNonNull("model", model);
        this.masker = Checks.requireNonNull("masker", masker);
        this.breaker = Checks.requireNonNull("breaker", breaker);
        this.budget = Checks.requireNonNull("budget", budget);
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive, was " + budget);
        }
        this.maxTurns = (int) Checks.requireNonNegative("maxTurns", maxTurns);
        this.clock = Checks.requireNonNull("clock", clock);
        this.zone = Checks.requireNonNull("zone", zone);
    }

    @Override
    public Optional<Turn> answer(Question question) {
        Optional<Turn> ruled = rules.answer(question);
        if (ruled.isEmpty()) {
            return ruled;
        }
        Turn turn = ruled.get();
        if (turn.proposal() != null || turn.thread().wanted() != null) {
            // An action the rules proposed, or are asking details of: the shopper confirms Kefu's words.
            return ruled;
        }
        if (!breaker.tryAcquire()) {
            return Optional.of(
                    fallBack(turn, "circuit_open", "the model failed repeatedly; it is not asked for now", -1));
        }
        Conversation conversation = question.conversation();
        Language language = OrderAnswers.replyLanguage(question);
        List<ConversationMessage> all = conversation.messages();
        List<ConversationMessage> turns = all.subList(Math.max(0, all.size() - 1 - maxTurns), all.size() - 1);
        MaskingVault vault = masker.newVault();
        OrderTools tools = new OrderTools(
                rules, conversation.withOrderThread(turn.thread()), vault, zone, LocalDate.now(clock.withZone(zone)));
        List<ChatMessage> messages =
                new ArrayList<>(GroundedPrompt.orderMessages(turns, question.text(), language, vault));

        long started = System.nanoTime();
        String raw = null;
        try {
            for (int round = 0; raw == null; round++) {
                Duration left = budget.minusNanos(System.nanoTime() - started);
                AiMessage reply = BudgetedCall.respond(
                        model,
                        ChatRequest.builder()
                                .messages(messages)
                                .toolSpecifications(OrderTools.SPECIFICATIONS)
                                .build(),
                        left,
                        written -> {});
                if (!reply.hasToolExecutionRequests()) {
                    raw = reply.text() == null ? "" : reply.text();
                } else if (round + 1 >= MAX_ROUNDS) {
                    breaker.success();
                    return Optional.of(fallBack(
                            turn,
                            "tool_rounds",
                            "still calling tools after " + MAX_ROUNDS + " rounds",
                            millis(started)));
                } else {
                    messages.add(reply);
                    for (ToolExecutionRequest call : reply.toolExecutionRequests()) {
                        messages.add(ToolExecutionResultMessage.from(call, tools.execute(call)));
                    }
                }
            }
        } catch (BudgetedCall.Failure e) {
            breaker.failure();
            LOG.warn("the model gave no answer about orders ({}): {}", e.reason(), e.getMessage());
            return Optional.of(fallBack(turn, e.reason(), e.getMessage(), millis(started)));
        }
        breaker.success();
        long took = millis(started);
        if (tools.proposed().isPresent()) {
            // The model chose the action; what it will do is said in Kefu's words, which the
            // shopper confirms with Kefu's quick reply.
            OrderActions.Proposed proposed = tools.proposed().get();
            return Optional.of(new Turn(
                    OrderAnswers.statement(proposed, language),
                    turn.thread().proposing(proposed.proposal()),
                    false,
                    List.of(proposed.order()),
                    proposed.proposal(),
                    AnswerTrace.llm(took, GroundedPrompt.ORDER_VERSION)));
        }
        if (!tools.called()) {
            return Optional.of(fallBack(turn, "no_tool_call", "answered about orders without asking the tools", took));
        }
        List<String> conversationTexts = new ArrayList<>();
        turns.forEach(earlier -> conversationTexts.add(earlier.text()));
        conversationTexts.add(question.text());
        GroundingVerdict verdict = check.checkToolAnswer(
                vault.restore(raw), tools.results(), conversationTexts, language, GroundedPrompt.orderSystem(language));
        if (!verdict.accepted()) {
            return Optional.of(fallBack(turn, verdict.reason().code(), verdict.detail(), took));
        }
        String status = ungroundedStatus(verdict.text(), tools.results());
        if (status != null) {
            return Optional.of(
                    fallBack(turn, "ungrounded_status", "says \"" + status + "\", which no tool result says", took));
        }
        Map<String, Order> shown = new LinkedHashMap<>();
        turn.shown().forEach(order -> shown.put(order.orderNo(), order));
        tools.shown().forEach(order -> shown.put(order.orderNo(), order));
        return Optional.of(new Turn(
                verdict.text(),
                turn.thread(),
                turn.offerPerson(),
                List.copyOf(shown.values()),
                null,
                AnswerTrace.llm(took, GroundedPrompt.ORDER_VERSION)));
    }

    /**
     * Where an order stands, said in words ("shipped", "已取消"): each needs that status in a tool
     * result, so a model cannot report a cancellation or a delivery no tool returned. Negations
     * ("not shipped yet") count too: the rules' answer is the safe side.
     */
    private static final Map<Pattern, List<String>> STATUS_WORDS = Map.of(
            Pattern.compile("(?i)\\bshipped\\b|已发货|发货了|在途"), List.of("shipped", "delivered"),
            Pattern.compile("(?i)\\bdelivered\\b|已签收|已送达"), List.of("delivered"),
            Pattern.compile("(?i)\\b(?:is|was|been|got)\\s+cancell?ed\\b|已取消|已经取消"), List.of("cancelled"),
            Pattern.compile("(?i)\\b(?:is|was|been|got)\\s+refunded\\b|已退款|已经退款"), List.of("refunded"));

    /** The first status word of {@code answer} that no tool result backs, or null. */
    static String ungroundedStatus(String answer, List<String> toolResults) {
        String results = String.join("\n", toolResults).toLowerCase(java.util.Locale.ROOT);
        for (Map.Entry<Pattern, List<String>> words : STATUS_WORDS.entrySet()) {
            Matcher m = words.getKey().matcher(answer);
            if (m.find() && words.getValue().stream().noneMatch(code -> results.contains(": " + code))) {
                return m.group();
            }
        }
        return null;
    }

    /** The rules' turn, traced with why the model's answer was not used. */
    private static Turn fallBack(Turn ruled, String reason, String detail, long took) {
        LOG.info("the rules answer about orders ({}): {}", reason, detail);
        return ruled.withTrace(AnswerTrace.fallback(
                reason, Texts.shorten(detail, 300), GroundedPrompt.ORDER_VERSION, took >= 0 ? took : null, false));
    }

    private static long millis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
