package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.channels.http.ErrorCodes;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A problem told apart from an upset person, over real HTTP: a calm question about a broken device is answered; a mildly disappointed shopper is
 * answered and offered a person as a quick reply, which hands off when pressed (reason {@code
 * shopper_accepted_offer}); anger and complaints still go to a person at once.
 */
class HandoffOfferIT {
    static final String MILD = "bit disappointed my parcel is late, any idea when it'll come?";

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @Test
    void should_answer_a_calm_question_about_a_broken_device_and_show_its_emotion_apart_from_its_valence()
            throws Exception {
        JsonNode response = server.postJson(
                "/api/v1/chat",
                Map.of("text", "my earbuds stopped working after 3 months, are they still under warranty?"));

        assertThat(response.path("handoff").isNull()).isTrue();
        assertThat(response.path("replies").get(0).has("quickReplies")).isFalse();
        assertThat(response.path("sentiment").path("emotion").path("label").asText())
                .isEqualTo("calm");
        assertThat(response.path("sentiment").path("valence").asDouble()).isNegative();
    }

    @Test
    void should_answer_mild_disappointment_with_an_offer_that_hands_off_when_pressed_over_rest() throws Exception {
        JsonNode response = server.postJson("/api/v1/chat", Map.of("text", MILD));
        String id = response.path("conversationId").asText();
        JsonNode reply = response.path("replies").get(0);

        assertThat(response.path("handoff").isNull()).isTrue();
        assertThat(response.path("sentiment").path("emotion").path("label").asText())
                .isEqualTo("mild");
        assertThat(reply.path("text").asText()).endsWith("Would you like a person to help?");
        assertThat(reply.path("quickReplies")).hasSize(1);
        assertThat(reply.path("quickReplies").get(0).path("action").asText()).isEqualTo("handoff");
        assertThat(reply.path("quickReplies").get(0).path("label").asText()).isEqualTo("Yes, talk to a person");

        long seq = reply.path("seq").asLong();
        JsonNode pressed =
                server.postJson("/api/v1/chat/" + id + "/quick-reply", Map.of("seq", seq, "action", "handoff"));
        assertThat(pressed.path("state").asText()).isEqualTo("queued");
        assertThat(pressed.path("action").asText()).isEqualTo("handoff");
        JsonNode again =
                server.postJson("/api/v1/chat/" + id + "/quick-reply", Map.of("seq", seq, "action", "handoff"));
        assertThat(again.path("state").asText()).isEqualTo("queued");

        JsonNode desk = server.agent("GET", "/api/v1/agent/conversations/" + id, null);
        assertThat(desk.path("state").asText()).isEqualTo("queued");
        assertThat(desk.path("context").path("trigger").path("reason").asText()).isEqualTo("shopper_accepted_offer");
        JsonNode messages =
                RunningServer.JSON.readTree(server.get("/api/v1/chat/" + id + "/messages", server.tokenOf(id))
                        .body());
        assertThat(messages.path("messages").findValuesAsText("from")).containsExactly("shopper", "bot", "system");
    }

    @Test
    void should_refuse_a_quick_reply_with_an_unknown_action_or_on_a_shopper_message() throws Exception {
        JsonNode response = server.postJson("/api/v1/chat", Map.of("text", MILD));
        String id = response.path("conversationId").asText();

        HttpResponse<String> unknown = server.send(
                "POST",
                "/api/v1/chat/" + id + "/quick-reply",
                "{\"seq\": 2, \"action\": \"refund\"}",
                null,
                server.tokenOf(id));
        HttpResponse<String> shopperMessage = server.send(
                "POST",
                "/api/v1/chat/" + id + "/quick-reply",
                "{\"seq\": 1, \"action\": \"handoff\"}",
                null,
                server.tokenOf(id));

        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains(ErrorCodes.INVALID_FIELD);
        assertThat(shopperMessage.statusCode()).isEqualTo(400);
        assertThat(server.agent("GET", "/api/v1/agent/conversations/" + id, null)
                        .path("state")
                        .asText())
                .isEqualTo("bot");
    }

    @Test
    void should_hand_off_anger_and_complaints_at_once_with_their_reasons() throws Exception {
        JsonNode angry = server.postJson(
                "/api/v1/chat", Map.of("text", "This is absolutely ridiculous. You people are useless!!"));
        JsonNode complaint = server.postJson("/api/v1/chat", Map.of("text", "我要投诉你们的快递员"));

        // the router also reads it as a complaint, which the policy checks first
        assertThat(angry.path("handoff").path("reason").asText()).isIn("negative_sentiment", "intent");
        assertThat(angry.path("sentiment").path("emotion").path("label").asText())
                .isEqualTo("angry");
        assertThat(complaint.path("handoff").path("reason").asText()).isEqualTo("complaint");
    }
}
