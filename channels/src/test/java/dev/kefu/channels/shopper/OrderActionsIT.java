package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.channels.app.WsClient;
import dev.kefu.channels.http.ErrorCodes;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After-sales actions over the public API without a store service for them ({@code
 * orders.actionsUrl} unset): each action against each order status (proposed with confirm and
 * decline only when the status allows it, else explained), who may act (the owner, another verified
 * shopper, an anonymous shopper before and after the phone's digits), and what a confirmation and a
 * second one do (a ticket for agents, then 409), in English, Chinese and mixed.
 */
class OrderActionsIT {
    private static final String PENDING = "SO20261201101";
    private static final String PAID = "SO20261201102";
    private static final String SHIPPED = "SO20261201103";
    private static final String CANCELLED = "SO20261201104";
    private static final String DELIVERED = "SO20261201105";
    private static final String NEW_ADDRESS = "88 Century Avenue, Shanghai";

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @BeforeAll
    static void pushOrders() throws Exception {
        put(PENDING, "pending_payment", "2026-11-01T08:00:00Z");
        put(PAID, "paid", "2026-11-02T08:00:00Z");
        put(SHIPPED, "shipped", "2026-11-03T08:00:00Z");
        put(CANCELLED, "cancelled", "2026-11-04T08:00:00Z");
        put(DELIVERED, "delivered", "2026-11-05T08:00:00Z"); // the newest: "my order" for a return
    }

    private static void put(String orderNo, String status, String placedAt) throws Exception {
        String body = "{\"shopperId\": \"ann\", \"phoneLast4\": \"1234\", \"status\": \"" + status + "\","
                + " \"placedAt\": \"" + placedAt + "\","
                + " \"items\": [{\"name\": \"Cloudnest Stroller\", \"quantity\": 1, \"price\": 1999}],"
                + " \"shipments\": []}";
        assertThat(server.send("PUT", "/api/v1/orders/" + orderNo, body, RunningServer.STORE_TOKEN)
                        .statusCode())
                .isEqualTo(201);
    }

    private static List<String> quickReplies(JsonNode answer) {
        return answer.path("replies").get(0).path("quickReplies").findValuesAsText("action");
    }

    private static String text(JsonNode answer) {
        return answer.path("replies").get(0).path("text").asText();
    }

    private static long seq(JsonNode answer) {
        return answer.path("replies").get(0).path("seq").asLong();
    }

    @Test
    void should_propose_an_action_only_in_a_status_that_allows_it() throws Exception {
        Map<String, String> asks = Map.of(
                "cancel", "Please cancel order %s",
                "return", "I want to return order %s",
                "exchange", "I'd like to exchange order %s",
                "address", "Please change the address of order %s to " + NEW_ADDRESS);
        Map<String, List<String>> allowedIn = Map.of(
                "cancel", List.of(PENDING, PAID),
                "address", List.of(PENDING, PAID),
                "return", List.of(DELIVERED),
                "exchange", List.of(DELIVERED));
        for (String action : asks.keySet()) {
            for (String orderNo : List.of(PENDING, PAID, SHIPPED, DELIVERED, CANCELLED)) {
                JsonNode answer =
                        new ChatShopper(server, "ann").says(asks.get(action).replace("%s", orderNo));
                String what = action + " of " + orderNo + ": " + text(answer);
                assertThat(text(answer)).as(what).contains(orderNo);
                if (allowedIn.get(action).contains(orderNo)) {
                    assertThat(quickReplies(answer)).as(what).containsExactly("confirm", "decline");
                    assertThat(text(answer)).as(what).contains("Shall I go ahead?", "Cloudnest Stroller");
                } else {
                    assertThat(quickReplies(answer)).as(what).doesNotContain("confirm");
                    assertThat(text(answer)).as(what).doesNotContain("Shall I go ahead?");
                }
            }
        }
    }

    @Test
    void should_explain_what_a_status_allows_instead() throws Exception {
        assertThat(new ChatShopper(server, "ann").reply("Please cancel order " + SHIPPED))
                .contains("already shipped", "return or an exchange");
        assertThat(new ChatShopper(server, "ann").reply("I want to return order " + PAID))
                .contains("hasn't been delivered yet", "cancel it");
        assertThat(new ChatShopper(server, "ann").reply("取消订单 " + DELIVERED)).contains("已签收", "退货或换货");
        JsonNode closed = new ChatShopper(server, "ann").says("I want to exchange order " + CANCELLED);
        assertThat(text(closed)).contains("cancelled", "connect you to a person");
        assertThat(quickReplies(closed)).containsExactly("handoff");
    }

    @Test
    void should_state_what_will_happen_with_the_new_address() throws Exception {
        assertThat(new ChatShopper(server, "ann")
                        .reply("Please change the address of order " + PAID + " to " + NEW_ADDRESS))
                .contains("change the delivery address of order " + PAID, "to: " + NEW_ADDRESS);

        ChatShopper asked = new ChatShopper(server, "ann");
        assertThat(asked.reply("改地址 订单 " + PAID)).contains("新收货地址");
        JsonNode proposed = asked.says("上海市浦东新区世纪大道88号");
        assertThat(text(proposed)).contains("收货地址改为：上海市浦东新区世纪大道88号", "确认修改吗");
        assertThat(quickReplies(proposed)).containsExactly("confirm", "decline");
    }

    @Test
    void should_let_only_the_owner_act_on_an_order() throws Exception {
        JsonNode other = new ChatShopper(server, "bob").says("Please cancel order " + PAID);
        assertThat(text(other)).isEqualTo("I can't find order " + PAID + " on your account. Please check the number.");
        assertThat(quickReplies(other)).isEmpty();

        ChatShopper anonymous = new ChatShopper(server, null);
        JsonNode asked = anonymous.says("Please cancel order " + PAID);
        assertThat(text(asked)).contains("last four digits").doesNotContain("Cloudnest");
        assertThat(quickReplies(asked)).isEmpty();
        JsonNode wrong = anonymous.says("0000");
        assertThat(text(wrong)).contains("couldn't find order").doesNotContain("Cloudnest");
        assertThat(quickReplies(wrong)).isEmpty();
        JsonNode right = anonymous.says("1234");
        assertThat(text(right)).as("the action asked for before the digits").contains("cancel order " + PAID);
        assertThat(quickReplies(right)).containsExactly("confirm", "decline");

        assertThat(orderNumbersBeside(anonymous))
                .as("only the order proven theirs")
                .containsExactly(PAID);
        ChatShopper otherConversation = new ChatShopper(server, "bob");
        otherConversation.says("Please cancel order " + PAID);
        assertThat(orderNumbersBeside(otherConversation)).isEmpty();
    }

    /** The orders the agent desk shows beside the shopper's conversation. */
    private static List<String> orderNumbersBeside(ChatShopper shopper) throws Exception {
        return server.agent("GET", "/api/v1/agent/conversations/" + shopper.conversationId(), null)
                .path("context")
                .path("orders")
                .findValuesAsText("orderNo");
    }

    @Test
    void should_hand_a_confirmed_action_to_agents_once() throws Exception {
        ChatShopper ann = new ChatShopper(server, "ann");
        JsonNode proposed = ann.says("取消订单 " + PENDING);
        assertThat(text(proposed)).contains("将为您取消订单 " + PENDING, "确认取消吗");
        assertThat(proposed.path("replies").get(0).path("quickReplies").findValuesAsText("label"))
                .containsExactly("确认", "不用了");

        HttpResponse<String> confirmed = ann.presses(seq(proposed), "confirm");
        assertThat(confirmed.statusCode()).isEqualTo(200);
        JsonNode done = RunningServer.JSON.readTree(confirmed.body());
        assertThat(done.path("outcome").asText()).isEqualTo("for_agents");
        assertThat(done.path("state").asText()).isEqualTo("queued");
        assertThat(done.path("reply").path("text").asText()).contains(PENDING, "人工客服");

        HttpResponse<String> again = ann.presses(seq(proposed), "confirm");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains(ErrorCodes.ACTION_NOT_OPEN);

        JsonNode desk = server.agent("GET", "/api/v1/agent/conversations/" + ann.conversationId(), null);
        JsonNode trigger = desk.path("context").path("trigger");
        assertThat(trigger.path("reason").asText()).isEqualTo("order_action");
        assertThat(trigger.path("details").path("orderNo").asText()).isEqualTo(PENDING);
        assertThat(trigger.path("details").path("action").asText()).isEqualTo("cancel");
        assertThat(desk.path("events").findValuesAsText("type"))
                .containsSubsequence("action_proposed", "action_confirmed", "action_result", "handoff");

        JsonNode context = desk.path("context");
        assertThat(context.path("orders").findValuesAsText("orderNo"))
                .as("the shopper's orders, newest first")
                .containsExactly(DELIVERED, CANCELLED, SHIPPED, PAID, PENDING);
        assertThat(context.path("ordersUnavailable").asBoolean()).isFalse();
        assertThat(context.path("actions")).hasSize(1);
        JsonNode action = context.path("actions").get(0);
        assertThat(action.path("seq").asLong()).isEqualTo(seq(proposed));
        assertThat(action.path("orderNo").asText()).isEqualTo(PENDING);
        assertThat(action.path("action").asText()).isEqualTo("cancel");
        assertThat(action.path("status").asText()).isEqualTo("for_agents");
    }

    @Test
    void should_do_nothing_when_declined_and_refuse_a_later_confirmation() throws Exception {
        ChatShopper ann = new ChatShopper(server, "ann");
        JsonNode proposed = ann.says("帮我 cancel order " + PAID);
        assertThat(quickReplies(proposed)).containsExactly("confirm", "decline");

        JsonNode declined = RunningServer.JSON.readTree(
                ann.presses(seq(proposed), "decline").body());
        assertThat(declined.path("state").asText()).isEqualTo("bot");
        assertThat(declined.has("outcome")).isFalse();
        assertThat(ann.presses(seq(proposed), "confirm").statusCode()).isEqualTo(409);
        assertThat(server.agent("GET", "/api/v1/agent/conversations/" + ann.conversationId(), null)
                        .path("events")
                        .findValuesAsText("type"))
                .contains("action_proposed", "action_declined")
                .doesNotContain("action_confirmed");
    }

    @Test
    void should_answer_a_proposal_over_the_websocket() throws Exception {
        try (WsClient client = new WsClient(server, "/ws/chat")) {
            client.send("{\"type\": \"hello\", \"locale\": \"en\"}");
            client.next("welcome");
            client.send("{\"type\": \"message\", \"text\": \"Please cancel order " + PAID + "\"}");
            assertThat(text(client.next("reply"))).contains("last four digits");
            client.send("{\"type\": \"message\", \"text\": \"1234\"}");
            JsonNode proposed = client.next("reply");
            assertThat(quickReplies(proposed)).containsExactly("confirm", "decline");

            client.send("{\"type\": \"quickReply\", \"seq\": " + seq(proposed) + ", \"action\": \"decline\"}");
            JsonNode ack = client.next("quickReplyAck");
            assertThat(ack.path("state").asText()).isEqualTo("bot");
            assertThat(ack.path("reply").path("text").asText()).contains("left order " + PAID + " as it is");
            client.send("{\"type\": \"quickReply\", \"seq\": " + seq(proposed) + ", \"action\": \"confirm\"}");
            assertThat(client.next("error").path("error").path("code").asText()).isEqualTo(ErrorCodes.ACTION_NOT_OPEN);
        }
    }

    @Test
    void should_find_the_order_when_no_number_is_given() throws Exception {
        JsonNode verified = new ChatShopper(server, "ann").says("I want to return my order");
        assertThat(text(verified))
                .as("the only one of ann's orders that can be returned")
                .contains(DELIVERED);
        assertThat(quickReplies(verified)).containsExactly("confirm", "decline");

        ChatShopper anonymous = new ChatShopper(server, null);
        assertThat(anonymous.reply("I want to cancel my order")).contains("order number");
        assertThat(anonymous.reply(PAID)).contains("last four digits");
        JsonNode proposed = anonymous.says("1234");
        assertThat(text(proposed)).contains("cancel order " + PAID);
        assertThat(quickReplies(proposed)).containsExactly("confirm", "decline");

        ChatShopper following = new ChatShopper(server, "ann");
        following.says("Where is my order " + DELIVERED + "?");
        JsonNode exchange = following.says("换货");
        assertThat(text(exchange)).as("the order the conversation is about").contains("换货申请", DELIVERED);
    }

    @Test
    void should_leave_questions_about_the_rules_to_the_knowledge() throws Exception {
        for (String question : List.of("我想退货", "can I still cancel? ordered like 10 minutes ago", "订单还没发货能改地址吗")) {
            JsonNode answer = new ChatShopper(server, null).says(question);
            assertThat(quickReplies(answer)).as(question).doesNotContain("confirm");
            assertThat(text(answer)).as(question).doesNotContain("order number", "订单号是多少");
        }
    }
}
