package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.channels.http.ErrorCodes;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real server over real HTTP: the shopper chat API and its refusals. */
class ChatApiIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static List<String> citedIds(JsonNode response) {
        return response.path("replies").get(0).path("citations").findValuesAsText("entryId");
    }

    @Test
    void should_answer_from_shipping_policy_when_asked_about_delivery_in_english() throws Exception {
        JsonNode response = server.postJson("/api/v1/chat", Map.of("text", "How long does delivery take?"));

        assertThat(response.path("conversationId").asText()).isNotBlank();
        assertThat(citedIds(response)).contains("policy-shipping");
        assertThat(response.path("replies").get(0).path("text").asText()).isNotBlank();
        assertThat(response.path("intent").path("name").asText()).isEqualTo("delivery_time");
        assertThat(response.path("intent").path("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(response.has("handoff")).isTrue();
        assertThat(response.path("handoff").isNull()).isTrue();
        assertThat(response.path("slots").isArray()).isTrue();
    }

    @Test
    void should_answer_in_chinese_from_returns_policy_when_asked_about_returns_in_chinese() throws Exception {
        JsonNode response = server.postJson("/api/v1/chat", Map.of("text", "退货政策是什么？"));

        assertThat(citedIds(response)).contains("policy-returns");
        assertThat(response.path("replies").get(0).path("text").asText()).containsPattern("\\p{IsHan}");
    }

    @Test
    void should_continue_conversation_and_list_its_messages_when_id_is_given() throws Exception {
        JsonNode first = server.postJson("/api/v1/chat", Map.of("text", "你好"));
        String id = first.path("conversationId").asText();
        server.postJson("/api/v1/chat", Map.of("conversationId", id, "text", "How long does delivery take?"));

        JsonNode all = RunningServer.JSON.readTree(server.get("/api/v1/chat/" + id + "/messages", server.tokenOf(id))
                .body());
        JsonNode later =
                RunningServer.JSON.readTree(server.get("/api/v1/chat/" + id + "/messages?after=2", server.tokenOf(id))
                        .body());

        assertThat(all.path("messages").findValuesAsText("from")).containsExactly("shopper", "bot", "shopper", "bot");
        assertThat(later.path("messages").findValuesAsText("seq")).containsExactly("3", "4");
    }

    @Test
    void should_follow_the_graph_from_the_product_named_earlier_when_a_follow_up_says_it() throws Exception {
        JsonNode first = server.postJson("/api/v1/chat", Map.of("text", "tell me about the X200 earbuds"));
        String id = first.path("conversationId").asText();
        assertThat(citedIds(first)).contains("product-x200");

        JsonNode accessories =
                server.postJson("/api/v1/chat", Map.of("conversationId", id, "text", "what goes with it?"));
        assertThat(citedIds(accessories))
                .containsExactlyInAnyOrder("product-x200-charging-case", "product-x200-ear-tips");
        assertThat(accessories.path("replies").get(0).path("text").asText()).startsWith("These go well with it:");

        JsonNode warranty =
                server.postJson("/api/v1/chat", Map.of("conversationId", id, "text", "is it covered by warranty?"));
        assertThat(citedIds(warranty)).first().isEqualTo("policy-warranty");

        JsonNode chinese = server.postJson("/api/v1/chat", Map.of("conversationId", id, "text", "这个有什么配件？"));
        assertThat(citedIds(chinese)).contains("product-x200-charging-case");
        assertThat(chinese.path("replies").get(0).path("text").asText()).startsWith("可以搭配：");
    }

    @Test
    void should_answer_a_question_with_no_subject_about_the_product_page_in_context() throws Exception {
        JsonNode onPage = server.postJson(
                "/api/v1/chat", Map.of("text", "多少钱", "context", Map.of("productId", "product-stroller-cloud")));
        assertThat(citedIds(onPage)).first().isEqualTo("product-stroller-cloud");
        assertThat(onPage.path("replies").get(0).path("text").asText()).contains("1599");

        // the page goes on being the subject; a product named later switches it
        String id = onPage.path("conversationId").asText();
        JsonNode named = server.postJson("/api/v1/chat", Map.of("conversationId", id, "text", "X200多少钱"));
        assertThat(citedIds(named)).contains("product-x200");
        JsonNode after = server.postJson("/api/v1/chat", Map.of("conversationId", id, "text", "它防水吗"));
        assertThat(citedIds(after)).first().isEqualTo("product-x200");

        // a page that is no product of the store is ignored; a general question stays general
        JsonNode unknown = server.postJson(
                "/api/v1/chat", Map.of("text", "怎么退货", "context", Map.of("productId", "product-not-in-the-store")));
        assertThat(citedIds(unknown)).isNotEmpty().allMatch(entry -> entry.contains("return"));
    }

    @Test
    void should_list_the_promotions_running_now_when_asked_broadly() throws Exception {
        JsonNode zh = server.postJson("/api/v1/chat", Map.of("text", "现在有什么促销活动吗"));
        assertThat(citedIds(zh)).isNotEmpty().allMatch(id -> id.startsWith("promotion-"));
        assertThat(zh.path("replies").get(0).path("text").asText()).startsWith("目前正在进行的活动有：");
        JsonNode en = server.postJson("/api/v1/chat", Map.of("text", "what promotions do you have"));
        assertThat(en.path("replies").get(0).path("text").asText()).startsWith("These promotions are running now:");
    }

    @Test
    void should_refuse_a_context_that_is_not_an_object_with_an_entry_id() throws Exception {
        assertError(
                server.post("/api/v1/chat", "{\"text\": \"hi\", \"context\": \"x200\"}"),
                400,
                ErrorCodes.INVALID_FIELD);
        assertError(
                server.post("/api/v1/chat", "{\"text\": \"hi\", \"context\": {\"productId\": 42}}"),
                400,
                ErrorCodes.INVALID_FIELD);
        assertError(
                server.post("/api/v1/chat", "{\"text\": \"hi\", \"context\": {\"productId\": \"a b/c\"}}"),
                400,
                ErrorCodes.INVALID_FIELD);
    }

    @Test
    void should_hand_off_when_shopper_asks_for_a_person() throws Exception {
        JsonNode response = server.postJson("/api/v1/chat", Map.of("text", "转人工"));

        assertThat(response.path("handoff").path("reason").asText()).isEqualTo("explicit_request");
        assertThat(response.path("handoff").path("state").asText()).isEqualTo("queued");

        JsonNode next = server.postJson(
                "/api/v1/chat",
                Map.of("conversationId", response.path("conversationId").asText(), "text", "hello?"));
        assertThat(next.path("replies")).isEmpty();
    }

    @Test
    void should_accept_feedback_on_a_bot_answer_and_refuse_it_on_a_shopper_message() throws Exception {
        JsonNode response = server.postJson("/api/v1/chat", Map.of("text", "How long does delivery take?"));
        String id = response.path("conversationId").asText();
        long botSeq = response.path("replies").get(0).path("seq").asLong();

        String token = response.path("conversationToken").asText();
        HttpResponse<String> ok = server.send(
                "POST",
                "/api/v1/chat/" + id + "/feedback",
                "{\"seq\": " + botSeq + ", \"helpful\": false}",
                null,
                token);
        HttpResponse<String> wrong =
                server.send("POST", "/api/v1/chat/" + id + "/feedback", "{\"seq\": 1, \"helpful\": true}", null, token);

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(wrong.statusCode()).isEqualTo(400);
    }

    @Test
    void should_refuse_3000_character_text_with_json_error_code() throws Exception {
        assertError(
                server.post("/api/v1/chat", RunningServer.JSON.writeValueAsString(Map.of("text", "好".repeat(3000)))),
                400,
                ErrorCodes.TEXT_TOO_LONG);
    }

    @Test
    void should_refuse_empty_and_whitespace_text() throws Exception {
        assertError(server.post("/api/v1/chat", "{\"text\": \"\"}"), 400, ErrorCodes.TEXT_REQUIRED);
        assertError(server.post("/api/v1/chat", "{\"text\": \"   \\n\\t \"}"), 400, ErrorCodes.TEXT_REQUIRED);
        assertError(server.post("/api/v1/chat", "{}"), 400, ErrorCodes.TEXT_REQUIRED);
    }

    @Test
    void should_refuse_malformed_json_and_non_objects() throws Exception {
        assertError(server.post("/api/v1/chat", "{\"text\": \"hi\""), 400, ErrorCodes.INVALID_JSON);
        assertError(server.post("/api/v1/chat", "[1, 2]"), 400, ErrorCodes.INVALID_JSON);
        assertError(server.post("/api/v1/chat", ""), 400, ErrorCodes.INVALID_JSON);
    }

    @Test
    void should_refuse_fields_of_the_wrong_type() throws Exception {
        assertError(server.post("/api/v1/chat", "{\"text\": 42}"), 400, ErrorCodes.INVALID_FIELD);
        assertError(
                server.post("/api/v1/chat", "{\"text\": \"hi\", \"shopper\": \"bob\"}"), 400, ErrorCodes.INVALID_FIELD);
        assertError(
                server.post("/api/v1/chat", "{\"text\": \"hi\", \"shopper\": {\"tags\": [1]}}"),
                400,
                ErrorCodes.INVALID_FIELD);
        assertError(
                server.post("/api/v1/chat", "{\"text\": \"hi\", \"conversationId\": \"../../etc\"}"),
                400,
                ErrorCodes.INVALID_FIELD);
        assertError(server.post("/api/v1/chat", "{\"text\": \"hi\", \"locale\": 7}"), 400, ErrorCodes.INVALID_FIELD);
    }

    @Test
    void should_ignore_unknown_fields_when_known_ones_are_valid() throws Exception {
        HttpResponse<String> response = server.post("/api/v1/chat", "{\"text\": \"你好\", \"clientVersion\": 3}");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void should_answer_404_json_for_unknown_conversation_and_endpoint() throws Exception {
        assertError(server.get("/api/v1/chat/no-such-conversation/messages"), 404, ErrorCodes.NOT_FOUND);
        assertError(server.get("/api/v1/nothing-here"), 404, ErrorCodes.NOT_FOUND);
    }

    @Test
    void should_refuse_oversized_body_without_stack_trace() throws Exception {
        HttpResponse<String> response = server.post("/api/v1/chat", "{\"text\": \"" + "a".repeat(200_000) + "\"}");
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(RunningServer.JSON
                        .readTree(response.body())
                        .path("error")
                        .path("code")
                        .asText())
                .isEqualTo(ErrorCodes.PAYLOAD_TOO_LARGE);
    }

    @Test
    void should_report_health_and_serve_storefront_with_widget() throws Exception {
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> page = server.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/widget/kefu-widget.js");
        assertThat(server.get("/widget/kefu-widget.js").statusCode()).isEqualTo(200);
    }

    private static void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("json"));
        JsonNode error = RunningServer.JSON.readTree(response.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText())
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }
}
