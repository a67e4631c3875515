package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.intents.llm.FakeLlmServer;
import dev.kefu.intents.llm.FakeLlmServer.Call;
import dev.kefu.intents.llm.FakeLlmServer.Reply;
import dev.kefu.intents.llm.FakeLlmServer.ToolCall;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Orders with {@code llm.provider: openai} pointed at an OpenAI-compatible server on loopback
 * ({@link FakeLlmServer}, real HTTP, LangChain4j's real streaming client, real {@code tool_calls}):
 * the model looks orders up with the tools, and who sees what is still decided in Kefu's code. The
 * owner gets the order through the tool; another shopper's order is refused by the tool even when
 * the model asks for it, and an answer that states what no tool returned is replaced by the rules'
 * answer; an action the model asks for is only proposed, in Kefu's words, for the shopper to
 * confirm, and only on the shopper's own order; with the model down, the rules answer (last).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LlmOrdersIT {
    private static final String ORDER_NO = "SO20261201001";
    private static final String TRACKING = "SF1234567890";
    private static final String PAID_NO = "SO20261201002";
    private static final Pattern PLACEHOLDER = Pattern.compile("<ORDER_\\d+>");
    private static final Pattern TRACKING_IN_RESULT = Pattern.compile("tracking number (\\S+?),");

    static final FakeLlmServer llm = FakeLlmServer.start();

    @RegisterExtension
    static final RunningServer server = new RunningServer(
            RunningServer.withModel(llm.openAiBaseUrl(), Map.of("llm.budgetMs", "3000", "llm.circuitFailures", "1")));

    @BeforeAll
    static void pushOrder() throws Exception {
        String future = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        String body = "{\"shopperId\": \"ann\", \"phoneLast4\": \"1234\", \"status\": \"shipped\","
                + " \"placedAt\": \"2026-12-01T08:30:00Z\","
                + " \"items\": [{\"name\": \"X200 Earbuds\", \"quantity\": 1, \"price\": 499}],"
                + " \"shipments\": [{\"carrier\": \"SF Express\", \"trackingNumber\": \"" + TRACKING + "\","
                + " \"estimatedDelivery\": \"" + future + "\", \"events\": [{\"at\": \"2026-12-02T09:00:00Z\","
                + " \"status\": \"in_transit\", \"description\": \"Arrived at the Shanghai hub\"}]}]}";
        server.putOrder(ORDER_NO, body);
        server.putOrder(
                PAID_NO,
                "{\"shopperId\": \"ann\", \"status\": \"paid\", \"placedAt\": \"2026-12-03T08:30:00Z\","
                        + " \"items\": [{\"name\": \"X200 Earbuds\", \"quantity\": 1, \"price\": 499}],"
                        + " \"shipments\": []}");
    }

    @AfterAll
    static void stopModel() {
        llm.close();
    }

    /**
     * A model that looks up the order the shopper wrote (by its placeholder: the prompt is masked),
     * then answers with {@code answer} applied to the tool's result.
     */
    private static Function<Call, Reply> looksUpThenSays(Function<String, String> answer) {
        return call -> {
            if (!call.offeredTools().contains("lookupOrder")) {
                return Reply.text("ok");
            }
            if (call.toolResults().isEmpty()) {
                Matcher placeholder = PLACEHOLDER.matcher(call.lastUserText());
                String orderNo = placeholder.find() ? placeholder.group() : ORDER_NO;
                return Reply.toolCalls(new ToolCall("lookupOrder", "{\"orderNo\": \"" + orderNo + "\"}"));
            }
            return Reply.text(
                    answer.apply(call.toolResults().get(call.toolResults().size() - 1)));
        };
    }

    /** The tracking number as the tool result gave it to the model (a placeholder). */
    private static String trackingIn(String toolResult) {
        Matcher m = TRACKING_IN_RESULT.matcher(toolResult);
        return m.find() ? m.group(1) : "none";
    }

    private static JsonNode ask(String shopperId, String text) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("text", text);
        if (shopperId != null) {
            body.put("shopper", Map.of("token", RunningServer.shopperToken(shopperId)));
        }
        return server.postJson("/api/v1/chat", body);
    }

    private static String replyOf(JsonNode answer) {
        return answer.path("replies").get(0).path("text").asText();
    }

    /** The recorded decision of a conversation's last answer. */
    private static JsonNode lastDecision(JsonNode answer) throws Exception {
        return server.lastDecision(answer.path("conversationId").asText());
    }

    @Test
    @Order(1)
    void should_answer_the_owner_from_the_order_the_tool_looked_up() throws Exception {
        llm.clearCalls();
        llm.respond(looksUpThenSays(result -> "Your order has shipped with SF Express, tracking number "
                + trackingIn(result) + ". It arrived at the Shanghai hub."));

        JsonNode answer = ask("ann", "Where is my order " + ORDER_NO + "?");

        assertThat(replyOf(answer))
                .isEqualTo("Your order has shipped with SF Express, tracking number " + TRACKING
                        + ". It arrived at the Shanghai hub.");
        List<Call> calls = llm.calls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).offeredTools()).containsExactly("lookupOrder", "proposeAction", "recentOrders");
        assertThat(calls.get(0).allText()).doesNotContain(ORDER_NO).contains("<ORDER_1>");
        String toolResult = calls.get(1).toolResults().get(0);
        assertThat(toolResult)
                .as("the model reads the order masked, and only what an answer needs")
                .contains("shipped", "SF Express", "Arrived at the Shanghai hub", "X200 Earbuds")
                .doesNotContain(TRACKING, ORDER_NO, "ann", "1234", "499");
        JsonNode decision = lastDecision(answer);
        assertThat(decision.path("composer").asText()).isEqualTo("llm");
        assertThat(decision.path("llmPrompt").asText()).isEqualTo("orders-v1");
    }

    @Test
    @Order(2)
    void should_refuse_another_shopper_s_order_in_code_even_when_the_model_asks_for_it() throws Exception {
        llm.clearCalls();
        // The model asks for the order, then "knows" the tracking number anyway: a leak or a guess.
        llm.respond(
                looksUpThenSays(result -> "Your order has shipped with SF Express, tracking number " + TRACKING + "."));

        JsonNode answer = ask("bob", "Where is my order " + ORDER_NO + "?");

        String toolResult = llm.lastCall().toolResults().get(0);
        assertThat(toolResult)
                .startsWith("There is no order")
                .doesNotContain("shipped", "SF Express", TRACKING, "Shanghai");
        assertThat(replyOf(answer))
                .isEqualTo("I can't find order " + ORDER_NO + " on your account. Please check the number.");
        JsonNode decision = lastDecision(answer);
        assertThat(decision.path("composer").asText()).isEqualTo("template");
        assertThat(decision.path("llmFallback").asText()).isEqualTo("ungrounded_fact");
    }

    @Test
    @Order(3)
    void should_list_no_orders_to_an_anonymous_shopper_and_ask_for_the_phone_digits() throws Exception {
        llm.respond(call -> {
            if (!call.offeredTools().contains("lookupOrder")) {
                return Reply.text("ok");
            }
            return call.toolResults().isEmpty()
                    ? Reply.toolCalls(
                            new ToolCall("recentOrders", "{}"),
                            new ToolCall("lookupOrder", "{\"orderNo\": \"" + ORDER_NO + "\"}"))
                    : Reply.text("Please tell me the last four digits of the phone number on the order.");
        });

        JsonNode answer = ask(null, "Where is my order " + ORDER_NO + "?");

        assertThat(llm.lastCall().toolResults())
                .containsExactly(
                        "The shopper is not signed in, so there is no account to list: ask for the order number.",
                        "To show order <ORDER_1>, ask the shopper for the last four digits of the phone number on"
                                + " the order.");
        assertThat(replyOf(answer)).isEqualTo("Please tell me the last four digits of the phone number on the order.");
    }

    @Test
    @Order(4)
    void should_send_the_rules_answer_when_the_model_invents_a_tracking_number() throws Exception {
        llm.respond(looksUpThenSays(result -> "It has shipped, tracking number SF9999999999."));

        JsonNode answer = ask("ann", "Where is my order " + ORDER_NO + "?");

        assertThat(replyOf(answer)).contains(TRACKING, "SF Express").doesNotContain("SF9999999999");
        JsonNode decision = lastDecision(answer);
        assertThat(decision.path("composer").asText()).isEqualTo("template");
        assertThat(decision.path("llmFallback").asText()).isEqualTo("ungrounded_fact");
        assertThat(decision.path("llmDetail").asText()).contains("SF9999999999");
    }

    /** A model that proposes {@code action} on the order the shopper wrote, then claims it is done. */
    private static Function<Call, Reply> proposes(String action) {
        return call -> {
            if (!call.offeredTools().contains("proposeAction")) {
                return Reply.text("ok");
            }
            if (call.toolResults().isEmpty()) {
                Matcher placeholder = PLACEHOLDER.matcher(call.lastUserText());
                String orderNo = placeholder.find() ? placeholder.group() : PAID_NO;
                return Reply.toolCalls(new ToolCall(
                        "proposeAction", "{\"orderNo\": \"" + orderNo + "\", \"action\": \"" + action + "\"}"));
            }
            return Reply.text("Done: order " + PAID_NO + " has been cancelled.");
        };
    }

    private static List<String> eventTypes(JsonNode answer) throws Exception {
        return server.agent(
                        "GET",
                        "/api/v1/agent/conversations/"
                                + answer.path("conversationId").asText(),
                        null)
                .path("events")
                .findValuesAsText("type");
    }

    @Test
    @Order(5)
    void should_only_propose_the_action_the_model_asks_for_in_kefu_s_words() throws Exception {
        llm.respond(proposes("cancel"));

        JsonNode answer = ask("ann", "I changed my mind about order " + PAID_NO + ", please stop it before it ships.");

        JsonNode reply = answer.path("replies").get(0);
        assertThat(reply.path("text").asText())
                .isEqualTo("I'll cancel order " + PAID_NO
                        + " (1× X200 Earbuds). A cancelled order can't be restored. Shall I go ahead?");
        assertThat(reply.path("quickReplies").findValuesAsText("action")).containsExactly("confirm", "decline");
        assertThat(llm.lastCall().toolResults().get(0)).startsWith("Proposed to the shopper, not done: cancel");
        assertThat(eventTypes(answer)).contains("action_proposed").doesNotContain("action_confirmed");
        assertThat(lastDecision(answer).path("composer").asText()).isEqualTo("llm");
    }

    @Test
    @Order(6)
    void should_refuse_an_action_on_another_shopper_s_order_in_code_even_when_the_model_asks_for_it() throws Exception {
        llm.respond(proposes("cancel"));

        JsonNode answer = ask("bob", "I changed my mind about order " + PAID_NO + ", please stop it before it ships.");

        assertThat(llm.lastCall().toolResults().get(0)).startsWith("There is no order");
        assertThat(replyOf(answer))
                .isEqualTo("I can't find order " + PAID_NO + " on your account. Please check the number.");
        assertThat(answer.path("replies").get(0).path("quickReplies").findValuesAsText("action"))
                .doesNotContain("confirm");
        assertThat(eventTypes(answer)).doesNotContain("action_proposed");
        assertThat(lastDecision(answer).path("llmFallback").asText()).isEqualTo("ungrounded_status");
    }

    @Test
    @Order(7)
    void should_answer_by_the_rules_when_the_model_is_down() throws Exception {
        llm.respond(call -> Reply.serverError());

        JsonNode failed = ask("ann", "我的订单" + ORDER_NO + "到哪了");
        llm.close();
        JsonNode gone = ask("ann", "Where is my order " + ORDER_NO + "?");

        assertThat(replyOf(failed)).contains(ORDER_NO, "已发货", TRACKING);
        assertThat(lastDecision(failed).path("llmFallback").asText()).isEqualTo("error");
        assertThat(replyOf(gone)).contains(ORDER_NO, "shipped", "SF Express", TRACKING);
        assertThat(lastDecision(gone).path("llmFallback").asText()).isEqualTo("circuit_open");
    }
}
