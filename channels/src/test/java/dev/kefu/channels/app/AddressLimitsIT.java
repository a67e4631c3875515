package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.ErrorCodes;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The limits per client address over real HTTP: conversations waiting for a person, wrong staff
 * tokens and requests. Every test talks from the same address, so they run in an order in which
 * one's limit does not stand in another's way.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AddressLimitsIT {
    private static final int PER_MINUTE = 30;

    @RegisterExtension
    static final RunningServer server = new RunningServer(Map.of(
            "limits.perAddressPerMinute", String.valueOf(PER_MINUTE),
            "limits.wrongTokensPerMinute", "3",
            "limits.maxQueuedPerAddress", "2"));

    private static void assertLimited(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(RunningServer.JSON
                        .readTree(response.body())
                        .path("error")
                        .path("code")
                        .asText())
                .isEqualTo(ErrorCodes.RATE_LIMITED);
        assertThat(response.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isPositive());
    }

    @Test
    @Order(1)
    void should_cap_the_conversations_one_address_has_waiting_for_a_person() throws Exception {
        JsonNode first = server.postJson("/api/v1/chat", Map.of("text", "转人工"));
        JsonNode second = server.postJson("/api/v1/chat", Map.of("text", "agent please"));
        assertThat(first.path("handoff").path("state").asText()).isEqualTo("queued");
        assertThat(second.path("handoff").path("state").asText()).isEqualTo("queued");

        assertLimited(server.post("/api/v1/chat", "{\"text\": \"转人工\"}"));
        // The waiting ones still reach their agents.
        String id = first.path("conversationId").asText();
        assertThat(server.postJson("/api/v1/chat", Map.of("conversationId", id, "text", "hello?"))
                        .path("replies"))
                .isEmpty();

        server.agent("POST", "/api/v1/agent/conversations/" + id + "/claim", null);
        assertThat(server.post("/api/v1/chat", "{\"text\": \"how long does delivery take?\"}")
                        .statusCode())
                .as("one of them is served: there is room again")
                .isEqualTo(200);
    }

    @Test
    @Order(3)
    void should_slow_down_an_address_that_sends_wrong_staff_tokens() throws Exception {
        assertThat(server.send("GET", "/api/v1/agent/queue", null, RunningServer.AGENT_TOKEN)
                        .statusCode())
                .as("staff are not held to the shoppers' limit, which the address used up")
                .isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(server.send("GET", "/api/v1/kb/entries", null, "wrong-" + i)
                            .statusCode())
                    .isEqualTo(401);
        }
        assertLimited(server.send("GET", "/api/v1/kb/entries", null, "wrong-4"));
        assertLimited(server.send("GET", "/api/v1/agent/queue", null, RunningServer.AGENT_TOKEN));
        assertLimited(
                server.send("POST", "/api/v1/events", "{\"type\": \"order_placed\", \"shopperId\": \"s\"}", "wrong-5"));
        try (WsClient desk = new WsClient(server, "/ws/agent")) {
            desk.send("{\"type\": \"hello\", \"token\": \"" + RunningServer.AGENT_TOKEN + "\"}");
            JsonNode error = desk.next("error");
            assertThat(error.path("error").path("code").asText()).isEqualTo(ErrorCodes.RATE_LIMITED);
            assertThat(error.path("error").path("retryAfter").asLong()).isPositive();
        }
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void should_limit_the_requests_of_one_address_to_the_shoppers_api_and_socket() throws Exception {
        int served = 0;
        HttpResponse<String> response;
        while ((response = server.post("/api/v1/chat", "{\"text\": \"你好\"}")).statusCode() == 200) {
            served++;
            assertThat(served).as("served before the limit").isLessThanOrEqualTo(PER_MINUTE + 5);
        }
        assertLimited(response);
        try (WsClient ws = new WsClient(server, "/ws/chat")) {
            ws.send("{\"type\": \"hello\", \"clientId\": \"h\"}");
            JsonNode error = ws.next("error");
            assertThat(error.path("error").path("code").asText()).isEqualTo(ErrorCodes.RATE_LIMITED);
        }
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }
}
