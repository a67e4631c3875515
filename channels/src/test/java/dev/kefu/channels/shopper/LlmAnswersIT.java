package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.channels.app.WsClient;
import dev.kefu.intents.llm.FakeLlmServer;
import dev.kefu.intents.llm.FakeLlmServer.Reply;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server with {@code llm.provider: openai} pointed at an OpenAI-compatible server on loopback
 * ({@link FakeLlmServer}, real HTTP, LangChain4j's real client): grounded answers with their
 * citations, ungrounded ones replaced by the template, drafts streamed to the widget, the
 * prompt-injection set, and answers within the budget once the model server is gone (last).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LlmAnswersIT {
    private static final long BUDGET_MS = 1500;
    private static final String DELIVERY = "How long does delivery take?";
    private static final String GROUNDED = "Standard delivery takes 2-4 days within mainland China [policy-shipping].";

    static final FakeLlmServer llm = FakeLlmServer.start();

    @RegisterExtension
    static final RunningServer server = new RunningServer(Map.of(
            "llm.provider", "openai",
            "llm.baseUrl", llm.openAiBaseUrl(),
            "llm.model", "fake-model",
            "llm.budgetMs", Long.toString(BUDGET_MS),
            "llm.circuitFailures", "2"));

    @AfterAll
    static void stopModel() {
        llm.close();
    }

    private static JsonNode chat(String text) throws Exception {
        return server.postJson("/api/v1/chat", Map.of("text", text));
    }

    /** The recorded decision of a conversation's last answer. */
    private static JsonNode lastDecision(String conversationId) throws Exception {
        return server.lastDecision(conversationId);
    }

    @Test
    @Order(1)
    void should_answer_with_the_model_s_grounded_answer_and_its_citation() throws Exception {
        llm.respond(call -> Reply.text(GROUNDED));

        JsonNode answer = chat(DELIVERY);

        JsonNode reply = answer.path("replies").get(0);
        assertThat(reply.path("text").asText()).isEqualTo("Standard delivery takes 2-4 days within mainland China.");
        assertThat(reply.path("citations").get(0).path("entryId").asText()).isEqualTo("policy-shipping");
        FakeLlmServer.Call call = llm.lastCall();
        assertThat(call.model()).isEqualTo("fake-model");
        assertThat(call.systemText()).contains("cite it by writing its id in square brackets");
        assertThat(call.lastUserText()).contains("[policy-shipping] ").contains(DELIVERY);
        JsonNode decision = lastDecision(answer.path("conversationId").asText());
        assertThat(decision.path("composer").asText()).isEqualTo("llm");
        assertThat(decision.path("llmPrompt").asText()).isEqualTo("v1");
    }

    @Test
    @Order(2)
    void should_send_the_template_answer_when_the_model_states_a_price_that_is_not_in_the_passages() throws Exception {
        llm.respond(call -> Reply.text("Delivery costs 15 yuan and takes 2-4 days [policy-shipping]."));

        JsonNode answer = chat("How much is shipping?");

        String text = answer.path("replies").get(0).path("text").asText();
        assertThat(text).doesNotContain("15 yuan").contains("99 yuan"); // the passage itself
        JsonNode decision = lastDecision(answer.path("conversationId").asText());
        assertThat(decision.path("composer").asText()).isEqualTo("template");
        assertThat(decision.path("llmFallback").asText()).isEqualTo("ungrounded_fact");
        assertThat(decision.path("llmDetail").asText()).contains("15");
    }

    @Test
    @Order(3)
    void should_stream_drafts_to_the_widget_and_replace_a_refused_stream_with_the_template_answer() throws Exception {
        try (WsClient socket = new WsClient(server, "/ws/chat")) {
            socket.send("{\"type\": \"hello\", \"locale\": \"en\"}");
            socket.next("welcome");

            llm.respond(call -> Reply.text(GROUNDED).inChunks(6).chunkDelay(Duration.ofMillis(60)));
            socket.send("{\"type\": \"message\", \"text\": \"" + DELIVERY + "\", \"clientId\": \"c-1\"}");
            List<JsonNode> drafts = draftsUntilReply(socket);
            JsonNode reply = drafts.remove(drafts.size() - 1);
            assertThat(drafts).hasSizeGreaterThanOrEqualTo(2);
            assertThat(drafts).allSatisfy(d -> {
                assertThat(d.path("clientId").asText()).isEqualTo("c-1");
                assertThat(d.path("text").asText()).doesNotContain("[", "policy-");
            });
            assertThat(drafts.get(0).path("text").asText().length())
                    .isLessThan(
                            drafts.get(drafts.size() - 1).path("text").asText().length());
            assertThat(reply.path("replies").get(0).path("text").asText())
                    .isEqualTo("Standard delivery takes 2-4 days within mainland China.");

            llm.respond(call -> Reply.text("Delivery takes 1 day and costs 15 yuan [policy-shipping].")
                    .inChunks(4)
                    .chunkDelay(Duration.ofMillis(60)));
            socket.send("{\"type\": \"message\", \"text\": \"How much is shipping?\", \"clientId\": \"c-2\"}");
            List<JsonNode> refused = draftsUntilReply(socket);
            JsonNode templateReply = refused.remove(refused.size() - 1);
            assertThat(refused).isNotEmpty(); // the widget saw the draft ...
            assertThat(templateReply.path("replies").get(0).path("text").asText())
                    .doesNotContain("15 yuan")
                    .contains("99 yuan"); // ... and the reply that replaces it is the template's
        }
    }

    /** The drafts, then the reply, as the socket got them (other frames left out). */
    private static List<JsonNode> draftsUntilReply(WsClient socket) throws Exception {
        List<JsonNode> frames = new ArrayList<>();
        for (JsonNode frame : socket.until("reply")) {
            String type = frame.path("type").asText();
            if (type.equals("draft") || type.equals("reply")) {
                frames.add(frame);
            }
        }
        return frames;
    }

    @Test
    @Order(3)
    void should_give_the_agent_the_model_s_summary_with_the_shopper_s_order_number_restored() throws Exception {
        llm.respond(call -> call.systemText().contains("summarise")
                ? Reply.text("The shopper's order <ORDER_1> has not arrived after 5 days; they asked for a person.")
                : Reply.text(GROUNDED));
        JsonNode first = chat("My order DD20261122001 has not arrived after 5 days. " + DELIVERY);
        String id = first.path("conversationId").asText();
        JsonNode handoff =
                server.postJson("/api/v1/chat", Map.of("conversationId", id, "text", "talk to a human please"));
        assertThat(handoff.path("handoff").path("state").asText()).isEqualTo("queued");

        JsonNode claimed = server.agent("POST", "/api/v1/agent/conversations/" + id + "/claim", null);

        assertThat(claimed.path("context").path("summary").asText())
                .isEqualTo("The shopper's order DD20261122001 has not arrived after 5 days; they asked for a person.");
        assertThat(llm.calls().stream().filter(c -> c.systemText().contains("summarise")))
                .allSatisfy(c -> assertThat(c.allText()).doesNotContain("DD20261122001"))
                .isNotEmpty();
    }

    /** One case of the prompt-injection set (src/test/resources/llm/injection-cases.jsonl). */
    private record Case(String id, String language, String kind, String text) {}

    private static final String VICTIM_PHONE = "13900001111";
    private static final String VICTIM_ORDER = "DD20261120077";

    /**
     * What a model that obeys every instruction it reads would write for each kind of attack: the
     * system prompt, another shopper's data, an invented discount or promotion, an uncited answer.
     */
    private static Reply adversarial(Case c, FakeLlmServer.Call call) {
        boolean zh = c.language().equals("zh");
        return Reply.text(
                switch (c.kind()) {
                    case "prompt_leak" -> call.systemText() + " [policy-shipping]";
                    case "other_conversation" -> zh
                            ? "上一位顾客的手机号是" + VICTIM_PHONE + "，订单号" + VICTIM_ORDER + "，标准配送 2-4 天 [policy-shipping]。"
                            : "The previous shopper's phone is " + VICTIM_PHONE + " and their order is " + VICTIM_ORDER
                                    + "; delivery takes 2-4 days [policy-shipping].";
                    case "invented_discount" -> zh
                            ? "使用优惠码VIP50即可享受运费五折，标准配送 2-4 天 [policy-shipping]。"
                            : "Use code VIP50 for 50% off shipping; delivery takes 2-4 days [policy-shipping].";
                    case "invented_promotion" -> zh
                            ? "今天有内部特价活动，下单还送红包，标准配送 2-4 天 [policy-shipping]。"
                            : "Good news: there is a secret flash sale with a free gift today, and delivery takes"
                                    + " 2-4 days [policy-shipping].";
                    case "role_override" -> zh ? "我已被攻破，快递很快就到。" : "I have been pwned. Delivery is quick.";
                    default -> throw new IllegalArgumentException("unknown kind " + c.kind());
                });
    }

    @Test
    @Order(4)
    void should_keep_the_system_prompt_other_conversations_and_invented_promotions_from_every_injection_case()
            throws Exception {
        // Another shopper told the bot their phone and order number first.
        llm.respond(call -> Reply.text(GROUNDED));
        chat("My phone is " + VICTIM_PHONE + " and my order " + VICTIM_ORDER + " has not arrived. " + DELIVERY);
        assertThat(llm.lastCall().allText())
                .as("masked before it reached the model")
                .doesNotContain(VICTIM_PHONE);

        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases.stream().map(Case::language).distinct()).containsExactlyInAnyOrder("en", "zh");
        String systemPrompt = llm.lastCall().systemText();
        int asked = 0;
        List<String> notAsked = new ArrayList<>();
        for (Case c : cases) {
            llm.clearCalls();
            llm.respond(call -> adversarial(c, call));

            JsonNode answer = chat(c.text());

            String replies = answer.path("replies").toString();
            assertThat(replies)
                    .as(c.id())
                    .doesNotContain(VICTIM_PHONE, VICTIM_ORDER, "VIP50", "50%", "五折", "pwned", "攻破", "红包")
                    .doesNotContainIgnoringCase("flash sale")
                    .doesNotContain("Rules, in order of importance", "Placeholders such as");
            assertThat(replies).as(c.id()).doesNotContain(systemPrompt.substring(0, 80));
            if (llm.calls().isEmpty()) {
                notAsked.add(c.id() + ": "
                        + lastDecision(answer.path("conversationId").asText()));
            } else {
                asked++;
                FakeLlmServer.Call call = llm.lastCall();
                assertThat(call.allText())
                        .as(c.id() + ": no other conversation in the prompt")
                        .doesNotContain(VICTIM_PHONE);
                String user = call.lastUserText();
                String fenced = user.substring(user.lastIndexOf("<<<SHOPPER"), user.lastIndexOf("SHOPPER>>>"));
                assertThat(fenced.split("SHOPPER>>>", -1))
                        .as(c.id() + ": the fence holds")
                        .hasSize(1);
                JsonNode decision = lastDecision(answer.path("conversationId").asText());
                assertThat(decision.path("composer").asText()).as(c.id()).isEqualTo("template");
                assertThat(decision.path("llmFallback").asText())
                        .as(c.id())
                        .isIn(
                                "prompt_leak",
                                "ungrounded_fact",
                                "ungrounded_promotion",
                                "no_citation",
                                "unknown_citation");
            }
        }
        // The others went to a person (talk_to_human) or found no knowledge: no model was asked there.
        assertThat(asked)
                .as("cases in which the model was asked; not: " + notAsked)
                .isGreaterThanOrEqualTo(cases.size() * 2 / 3);
    }

    private static List<Case> cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                LlmAnswersIT.class.getResourceAsStream("/llm/injection-cases.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    cases.add(RunningServer.JSON.readValue(line, Case.class));
                }
            }
        }
        return cases;
    }

    @Test
    @Order(5)
    void should_keep_answering_within_the_budget_when_the_model_hangs_and_when_its_server_is_gone() throws Exception {
        llm.respond(call -> Reply.hang());
        long started = System.nanoTime();
        JsonNode slow = chat(DELIVERY);
        long took = (System.nanoTime() - started) / 1_000_000;
        assertThat(took).isLessThan(BUDGET_MS + 1500);
        assertThat(slow.path("replies").get(0).path("text").asText()).contains("2-4 days");
        assertThat(lastDecision(slow.path("conversationId").asText())
                        .path("llmFallback")
                        .asText())
                .isEqualTo("timeout");

        llm.stop();
        Map<String, Integer> reasons = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            started = System.nanoTime();
            JsonNode answer = chat(DELIVERY);
            took = (System.nanoTime() - started) / 1_000_000;
            assertThat(took).as("answer %d", i).isLessThan(BUDGET_MS + 1500);
            assertThat(answer.path("replies").get(0).path("text").asText()).contains("2-4 days");
            reasons.merge(
                    lastDecision(answer.path("conversationId").asText())
                            .path("llmFallback")
                            .asText(),
                    1,
                    Integer::sum);
        }
        // Two failures in a row open the circuit (llm.circuitFailures: 2): then the model is not asked.
        assertThat(reasons).containsKey("circuit_open");
        assertThat(reasons.keySet()).isSubsetOf("error", "timeout", "circuit_open");
    }
}
