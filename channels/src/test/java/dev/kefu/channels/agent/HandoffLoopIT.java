package dev.kefu.channels.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.channels.app.WsClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole hand-off loop against the real server, over HTTP and WebSocket: negative messages put
 * a conversation in the queue with its trigger, an agent claims and replies, the shopper's next
 * message reaches the agent and not the bot, the agent hands back, the bot answers again, the
 * rating is stored.
 */
class HandoffLoopIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static JsonNode chat(String conversationId, String text) throws Exception {
        return server.postJson(
                "/api/v1/chat",
                conversationId == null ? Map.of("text", text) : Map.of("conversationId", conversationId, "text", text));
    }

    private static JsonNode queueItem(String conversationId) throws Exception {
        for (JsonNode item : server.agent("GET", "/api/v1/agent/queue", null).path("conversations")) {
            if (item.path("conversationId").asText().equals(conversationId)) {
                return item;
            }
        }
        return null;
    }

    @Test
    void should_hand_off_upset_shopper_to_agent_and_back_to_bot_over_rest() throws Exception {
        JsonNode first = chat(null, "How long does delivery take?");
        String id = first.path("conversationId").asText();
        assertThat(first.path("handoff").isNull()).isTrue();
        JsonNode second = chat(id, "This is terrible service, I am furious, absolutely the worst!");
        JsonNode third =
                second.path("handoff").isNull() ? chat(id, "Awful. Completely unacceptable, I'm so angry!") : second;

        // In the queue with its trigger and the values it saw.
        assertThat(third.path("handoff").path("state").asText()).isEqualTo("queued");
        String reason = third.path("handoff").path("reason").asText();
        // The demo router may take such a message for a complaint, which people handle: also a hand-off.
        assertThat(reason).isIn("negative_sentiment", "conversation_sentiment", "sentiment_falling", "intent");
        JsonNode item = queueItem(id);
        assertThat(item).as("the conversation is in the queue").isNotNull();
        assertThat(item.path("trigger").path("reason").asText()).isEqualTo(reason);
        JsonNode details = item.path("trigger").path("details");
        assertThat(details.path(reason.equals("intent") ? "intent" : "threshold")
                        .asText())
                .as(item.toString())
                .isNotBlank();
        assertThat(item.path("expectedWaitMinutes").asInt()).isPositive();
        assertThat(server.send("GET", "/api/v1/agent/queue", null, null).statusCode())
                .isEqualTo(401);

        // An agent claims it; another agent cannot.
        JsonNode claimed = server.agent("POST", "/api/v1/agent/conversations/" + id + "/claim", null);
        assertThat(claimed.path("state").asText()).isEqualTo("agent");
        assertThat(claimed.path("agent").asText()).isEqualTo(RunningServer.AGENT);
        assertThat(claimed.path("context").path("trigger").path("reason").asText())
                .isEqualTo(reason);
        assertThat(claimed.path("context").path("summary").asText()).contains("terrible");
        assertThat(claimed.path("context").path("sentimentTrend").size()).isGreaterThanOrEqualTo(2);
        assertThat(claimed.path("context").path("intents").size()).isGreaterThanOrEqualTo(2);
        HttpResponse<String> stolen =
                server.send("POST", "/api/v1/agent/conversations/" + id + "/claim", null, RunningServer.AGENT_2_TOKEN);
        assertThat(stolen.statusCode()).isEqualTo(409);
        assertThat(stolen.body()).contains("ALREADY_CLAIMED");
        assertThat(queueItem(id)).isNull();

        // The agent replies; a REST shopper reads it.
        long before = claimed.path("messages").size();
        server.agent(
                "POST",
                "/api/v1/agent/conversations/" + id + "/messages",
                "{\"text\": \"Hello, I'm sorry about this. Let me check your order.\"}");
        JsonNode newer = RunningServer.JSON.readTree(
                server.get("/api/v1/chat/" + id + "/messages?after=" + before, server.tokenOf(id))
                        .body());
        assertThat(newer.path("messages").findValuesAsText("from")).containsExactly("agent");
        assertThat(newer.path("messages").get(0).path("author").asText()).isEqualTo(RunningServer.AGENT);

        // The shopper's message now reaches the agent, and the bot says nothing.
        JsonNode relayed = chat(id, "How long does delivery take?");
        assertThat(relayed.path("replies")).isEmpty();
        assertThat(relayed.path("handoff").path("state").asText()).isEqualTo("agent");
        JsonNode view = server.agent("GET", "/api/v1/agent/conversations/" + id, null);
        List<JsonNode> messages = list(view.path("messages"));
        assertThat(messages.get(messages.size() - 1).path("from").asText()).isEqualTo("shopper");
        assertThat(messages.get(messages.size() - 1).path("text").asText()).isEqualTo("How long does delivery take?");

        // Someone else's conversation cannot be answered by another agent.
        HttpResponse<String> intruder = server.send(
                "POST",
                "/api/v1/agent/conversations/" + id + "/messages",
                "{\"text\": \"hi\"}",
                RunningServer.AGENT_2_TOKEN);
        assertThat(intruder.statusCode()).isEqualTo(409);
        assertThat(intruder.body()).contains("NOT_OWNER");

        // Back to the bot, which answers again.
        assertThat(server.agent("POST", "/api/v1/agent/conversations/" + id + "/release", null)
                        .path("state")
                        .asText())
                .isEqualTo("bot");
        JsonNode answered = chat(id, "How long does delivery take?");
        assertThat(answered.path("replies").get(0).path("citations").findValuesAsText("entryId"))
                .contains("policy-shipping");

        // Asked for a person again, closed by the agent, rated by the shopper.
        JsonNode explicit = chat(id, "转人工");
        assertThat(explicit.path("handoff").path("reason").asText()).isEqualTo("explicit_request");
        server.agent("POST", "/api/v1/agent/conversations/" + id + "/claim", null);
        assertThat(server.agent("POST", "/api/v1/agent/conversations/" + id + "/close", null)
                        .path("state")
                        .asText())
                .isEqualTo("closed");
        assertThat(server.postJson("/api/v1/chat/" + id + "/rating", Map.of("score", 5, "comment", "很好"))
                        .path("score")
                        .asInt())
                .isEqualTo(5);
        assertThat(server.send("POST", "/api/v1/chat/" + id + "/rating", "{\"score\": 9}", null, server.tokenOf(id))
                        .statusCode())
                .isEqualTo(400);
        JsonNode events =
                server.agent("GET", "/api/v1/agent/conversations/" + id, null).path("events");
        assertThat(events.findValuesAsText("type"))
                .containsSubsequence("handoff", "claim", "release", "reply", "handoff", "claim", "close", "rating");
        JsonNode rating = list(events).stream()
                .filter(e -> e.path("type").asText().equals("rating"))
                .findFirst()
                .orElseThrow();
        assertThat(rating.path("data").path("score").asText()).isEqualTo("5");
        assertThat(rating.path("data").path("comment").asText()).isEqualTo("很好");
    }

    @Test
    void should_push_agent_replies_typing_and_states_live_over_websockets() throws Exception {
        try (WsClient widget = new WsClient(server, "/ws/chat");
                WsClient desk = new WsClient(server, "/ws/agent")) {
            desk.send("{\"type\": \"hello\", \"token\": \"" + RunningServer.AGENT_TOKEN + "\"}");
            assertThat(desk.next("welcome").path("agent").asText()).isEqualTo(RunningServer.AGENT);
            desk.next("queue");

            widget.send("{\"type\": \"hello\", \"locale\": \"en\"}");
            String id = widget.next("welcome").path("conversationId").asText();
            widget.send("{\"type\": \"message\", \"text\": \"talk to a human please\", \"clientId\": \"c1\"}");
            JsonNode reply = widget.next("reply");
            assertThat(reply.path("handoff").path("state").asText()).isEqualTo("queued");
            assertThat(reply.path("replies").get(0).path("text").asText()).contains("minutes");

            // The desk's queue updates by itself.
            JsonNode queue = desk.next("queue");
            while (!queue.path("conversations")
                    .findValuesAsText("conversationId")
                    .contains(id)) {
                queue = desk.next("queue");
            }

            server.agent("POST", "/api/v1/agent/conversations/" + id + "/claim", null);
            JsonNode joined = widget.next("state");
            assertThat(joined.path("state").asText()).isEqualTo("agent");
            assertThat(joined.path("agent").asText()).isEqualTo(RunningServer.AGENT);

            desk.send("{\"type\": \"watch\", \"conversationId\": \"" + id + "\"}");
            desk.send("{\"type\": \"typing\", \"conversationId\": \"" + id + "\"}");
            assertThat(widget.next("typing").path("from").asText()).isEqualTo("agent");
            widget.send("{\"type\": \"typing\"}");
            assertThat(desk.next("typing").path("from").asText()).isEqualTo("shopper");

            server.agent(
                    "POST", "/api/v1/agent/conversations/" + id + "/messages", "{\"text\": \"Hi, I'm here to help.\"}");
            JsonNode pushed = widget.next("message").path("message");
            while (!pushed.path("from").asText().equals("agent")) {
                pushed = widget.next("message").path("message");
            }
            assertThat(pushed.path("text").asText()).isEqualTo("Hi, I'm here to help.");

            widget.send(
                    "{\"type\": \"message\", \"text\": \"<script>alert(1)</script> my order?\", \"clientId\": \"c2\"}");
            List<JsonNode> toReply = widget.until("reply");
            JsonNode silent = toReply.get(toReply.size() - 1);
            assertThat(silent.path("replies")).isEmpty();
            JsonNode atDesk = desk.next("message");
            while (!atDesk.path("message").path("from").asText().equals("shopper")) {
                atDesk = desk.next("message");
            }
            assertThat(atDesk.path("message").path("text").asText()).isEqualTo("<script>alert(1)</script> my order?");

            // The bot stayed silent: no "bot is typing" came before the reply, nor after it until the
            // agent released the conversation (the next frame the widget gets).
            server.agent("POST", "/api/v1/agent/conversations/" + id + "/release", null);
            List<JsonNode> toRelease = widget.until("state");
            assertThat(Stream.concat(toReply.stream(), toRelease.stream()))
                    .noneMatch(f -> f.path("type").asText().equals("typing")
                            && f.path("from").asText().equals("bot"));
            assertThat(toRelease.get(toRelease.size() - 1).path("state").asText())
                    .isEqualTo("bot");
            assertThat(desk.next("state").path("state").asText()).isEqualTo("bot");
        }
    }

    @Test
    void should_hand_off_when_the_shopper_says_answers_did_not_help_twice() throws Exception {
        JsonNode first = chat(null, "How long does delivery take?");
        String id = first.path("conversationId").asText();
        long seq1 = first.path("replies").get(0).path("seq").asLong();
        JsonNode fb1 = server.postJson("/api/v1/chat/" + id + "/feedback", Map.of("seq", seq1, "helpful", false));
        assertThat(fb1.path("state").asText()).isEqualTo("bot");
        JsonNode second = chat(id, "What is the return policy?");
        long seq2 = second.path("replies").get(0).path("seq").asLong();
        // Two answers in a row that did not help (handoff.consecutiveFallbacks = 2).
        JsonNode fb2 = server.postJson("/api/v1/chat/" + id + "/feedback", Map.of("seq", seq2, "helpful", false));
        assertThat(fb2.path("state").asText()).isEqualTo("queued");
        JsonNode item = queueItem(id);
        assertThat(item.path("trigger").path("reason").asText()).isEqualTo("repeated_fallback");
        assertThat(item.path("trigger").path("details").path("notHelpfulSeq").asText())
                .isEqualTo(Long.toString(seq2));
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> all = new java.util.ArrayList<>();
        array.forEach(all::add);
        return all;
    }
}
