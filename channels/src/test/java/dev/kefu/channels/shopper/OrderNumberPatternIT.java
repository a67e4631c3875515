package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.channels.app.RunningServer;
import dev.kefu.intents.llm.FakeLlmServer;
import dev.kefu.intents.llm.FakeLlmServer.Call;
import dev.kefu.intents.llm.FakeLlmServer.Reply;
import dev.kefu.intents.llm.FakeLlmServer.ToolCall;
import java.util.List;
import java.util.Map;
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
 * A store whose order numbers have their own shape ({@code orders.numberPattern: KF-\d{6}}, which
 * the text library's default rules do not read): the orders stage finds the order, the prompt the
 * model gets has it masked, and the model's tool call by the placeholder finds it again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrderNumberPatternIT {
    private static final String ORDER_NO = "KF-123456";
    private static final String TRACKING = "YT0000000042";
    private static final Pattern PLACEHOLDER = Pattern.compile("<ORDER_\\d+>");

    static final FakeLlmServer llm = FakeLlmServer.start();

    @RegisterExtension
    static final RunningServer server = new RunningServer(RunningServer.withModel(
            llm.openAiBaseUrl(),
            Map.of("orders.numberPattern", "KF-\\d{6}", "llm.budgetMs", "3000", "llm.circuitFailures", "1")));

    @BeforeAll
    static void pushOrder() throws Exception {
        String body = "{\"shopperId\": \"ann\", \"status\": \"shipped\", \"placedAt\": \"2026-12-01T08:30:00Z\","
                + " \"items\": [{\"name\": \"X200 Earbuds\", \"quantity\": 1, \"price\": 499}],"
                + " \"shipments\": [{\"carrier\": \"YTO Express\", \"trackingNumber\": \"" + TRACKING + "\","
                + " \"events\": []}]}";
        server.putOrder(ORDER_NO, body);
    }

    @AfterAll
    static void stopModel() {
        llm.close();
    }

    private static String ask(String text) throws Exception {
        return server.postJson(
                        "/api/v1/chat",
                        Map.of("text", text, "shopper", Map.of("token", RunningServer.shopperToken("ann"))))
                .path("replies")
                .get(0)
                .path("text")
                .asText();
    }

    @Test
    @Order(1)
    void should_mask_the_store_s_order_number_and_find_it_again_by_its_placeholder() throws Exception {
        llm.clearCalls();
        llm.respond(call -> {
            if (call.toolResults().isEmpty()) {
                Matcher placeholder = PLACEHOLDER.matcher(call.lastUserText());
                return Reply.toolCalls(new ToolCall(
                        "lookupOrder",
                        "{\"orderNo\": \"" + (placeholder.find() ? placeholder.group() : "none") + "\"}"));
            }
            Matcher tracking = Pattern.compile("tracking number (\\S+)")
                    .matcher(call.toolResults().get(0));
            return Reply.text("您的订单已由 YTO Express 发出，运单号 " + (tracking.find() ? tracking.group(1) : "none") + "。");
        });

        String reply = ask("我的订单 KF-123456 到哪了？");

        List<Call> calls = llm.calls();
        assertThat(calls.get(0).allText()).doesNotContainIgnoringCase(ORDER_NO).contains("<ORDER_1>");
        assertThat(calls.get(1).toolResults().get(0)).startsWith("order <ORDER_1>: shipped");
        assertThat(reply).isEqualTo("您的订单已由 YTO Express 发出，运单号 " + TRACKING + "。");
    }

    @Test
    @Order(2)
    void should_answer_the_store_s_order_number_by_the_rules_when_the_model_is_down() throws Exception {
        llm.respond(call -> Reply.serverError());

        assertThat(ask("Where is my order kf-123456?")).contains("KF123456", "YTO Express", TRACKING);
        assertThat(ask("Where is my order KF-654321?")).contains("can't find order KF654321");
    }
}
