package dev.kefu.channels.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.core.conversation.ActionRequest;
import dev.kefu.core.conversation.OrderAction;
import dev.kefu.core.order.OrderSource;
import io.javalin.Javalin;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Confirmed after-sales actions sent to a fake store service on loopback speaking HTTP ({@code
 * orders.actionsUrl}): one request per confirmation with the bearer key and the proposal's
 * Idempotency-Key; a slow, failing or unreachable service is told to the shopper with a person
 * offered, and confirming again retries with the same key; a second confirmation of a done action
 * sends nothing.
 */
class OrderActionServiceIT {
    private static final String KEY = "it-orders-key-0123456789";
    private static final String OK = "AS20261201001";
    private static final String SLOW = "AS20261201002";
    private static final String FLAKY = "AS20261201003";
    private static final String ADDRESS = "AS20261201004";
    private static final CountDownLatch NEVER = new CountDownLatch(1);
    private static final Map<String, List<Received>> RECEIVED = new ConcurrentHashMap<>();
    private static final Javalin STORE_SERVICE = storeService();

    /** One request the fake service got. */
    private record Received(String path, String authorization, String idempotencyKey, JsonNode body) {}

    @RegisterExtension
    static final RunningServer server = new RunningServer(Map.of(
            "orders.actionsUrl",
            "http://127.0.0.1:" + STORE_SERVICE.port() + "/actions",
            "orders.apiKey",
            KEY,
            "orders.timeoutMs",
            "500"));

    private static Javalin storeService() {
        Javalin http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/actions/{orderNo}/{action}", ctx -> {
                String orderNo = ctx.pathParam("orderNo");
                List<Received> calls = RECEIVED.computeIfAbsent(orderNo, n -> new CopyOnWriteArrayList<>());
                calls.add(new Received(
                        ctx.path(),
                        ctx.header("Authorization"),
                        ctx.header("Idempotency-Key"),
                        RunningServer.JSON.readTree(ctx.body())));
                switch (orderNo) {
                    case SLOW -> {
                        NEVER.await(3, TimeUnit.SECONDS); // slower than orders.timeoutMs
                        ctx.status(200);
                    }
                    case FLAKY -> {
                        if (calls.size() == 1) {
                            ctx.status(503).result("down for maintenance");
                        } else {
                            ctx.contentType("application/json").result("{\"reference\": \"RMA-3\"}");
                        }
                    }
                    default -> ctx.contentType("application/json").result("{\"reference\": \"RMA-1\"}");
                }
            });
        });
        return http.start("127.0.0.1", 0);
    }

    @BeforeAll
    static void pushOrders() throws Exception {
        for (String orderNo : List.of(OK, SLOW, FLAKY, ADDRESS)) {
            String body = "{\"shopperId\": \"ann\", \"status\": \"paid\", \"placedAt\": \"2026-12-01T08:30:00Z\","
                    + " \"items\": [{\"name\": \"X200 Earbuds\", \"quantity\": 1, \"price\": 499}], \"shipments\": []}";
            assertThat(server.send("PUT", "/api/v1/orders/" + orderNo, body, RunningServer.STORE_TOKEN)
                            .statusCode())
                    .isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        NEVER.countDown();
        STORE_SERVICE.stop();
    }

    /** Ann's conversation: the proposal's bot message. */
    private static final class Proposal {
        final String conversationId;
        final long seq;

        Proposal(String text) throws Exception {
            JsonNode answer = server.postJson(
                    "/api/v1/chat",
                    Map.of("text", text, "shopper", Map.of("token", RunningServer.shopperToken("ann"))));
            conversationId = answer.path("conversationId").asText();
            JsonNode reply = answer.path("replies").get(0);
            assertThat(reply.path("quickReplies").findValuesAsText("action")).containsExactly("confirm", "decline");
            seq = reply.path("seq").asLong();
        }

        HttpResponse<String> confirm() throws Exception {
            return server.send(
                    "POST",
                    "/api/v1/chat/" + conversationId + "/quick-reply",
                    "{\"seq\": " + seq + ", \"action\": \"confirm\"}",
                    null,
                    server.tokenOf(conversationId));
        }

        JsonNode confirmed() throws Exception {
            HttpResponse<String> response = confirm();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return RunningServer.JSON.readTree(response.body());
        }
    }

    private static void assertToldFailed(JsonNode answered) {
        assertThat(answered.path("outcome").asText()).isEqualTo("failed");
        assertThat(answered.path("state").asText()).isEqualTo("bot");
        assertThat(answered.path("reply").path("text").asText()).contains("couldn't get the store's system");
        assertThat(answered.path("reply").path("quickReplies").findValuesAsText("action"))
                .containsExactly("handoff");
    }

    @Test
    void should_send_one_request_per_confirmation_with_the_key_and_the_bearer_token() throws Exception {
        Proposal proposal = new Proposal("Please cancel order " + OK);
        JsonNode done = proposal.confirmed();
        assertThat(done.path("outcome").asText()).isEqualTo("done");
        assertThat(done.path("reply").path("text").asText()).contains("order " + OK + " is cancelled", "RMA-1");

        assertThat(proposal.confirm().statusCode()).as("a double click").isEqualTo(409);
        List<Received> calls = RECEIVED.get(OK);
        assertThat(calls).hasSize(1);
        Received call = calls.get(0);
        assertThat(call.path()).isEqualTo("/actions/" + OK + "/cancel");
        assertThat(call.authorization()).isEqualTo("Bearer " + KEY);
        assertThat(call.idempotencyKey()).isEqualTo(proposal.conversationId + ":" + proposal.seq);
        assertThat(call.body().path("orderNo").asText()).isEqualTo(OK);
        assertThat(call.body().path("action").asText()).isEqualTo("cancel");
        assertThat(call.body().path("shopperId").asText()).isEqualTo("ann");

        JsonNode events = server.agent("GET", "/api/v1/agent/conversations/" + proposal.conversationId, null)
                .path("events");
        assertThat(events.findValuesAsText("type")).containsSubsequence("action_confirmed", "action_result");
    }

    @Test
    void should_send_the_new_address() throws Exception {
        Proposal proposal =
                new Proposal("change the delivery address of order " + ADDRESS + " to 1 Nanjing Road, Shanghai");
        assertThat(proposal.confirmed().path("outcome").asText()).isEqualTo("done");
        Received call = RECEIVED.get(ADDRESS).get(0);
        assertThat(call.path()).isEqualTo("/actions/" + ADDRESS + "/address");
        assertThat(call.body().path("newAddress").asText()).isEqualTo("1 Nanjing Road, Shanghai");
    }

    @Test
    void should_tell_a_failure_and_retry_with_the_same_key_when_confirmed_again() throws Exception {
        Proposal proposal = new Proposal("Please cancel order " + FLAKY);
        assertToldFailed(proposal.confirmed());

        JsonNode retried = proposal.confirmed();
        assertThat(retried.path("outcome").asText()).isEqualTo("done");
        assertThat(retried.path("reply").path("text").asText()).contains("RMA-3");
        assertThat(RECEIVED.get(FLAKY))
                .extracting(Received::idempotencyKey)
                .containsExactly(
                        proposal.conversationId + ":" + proposal.seq, proposal.conversationId + ":" + proposal.seq);
        assertThat(proposal.confirm().statusCode()).isEqualTo(409);
        assertThat(RECEIVED.get(FLAKY)).hasSize(2);
    }

    @Test
    void should_tell_a_slow_service_within_the_time_budget() throws Exception {
        Proposal proposal = new Proposal("Please cancel order " + SLOW);
        Instant asked = Instant.now();
        assertToldFailed(proposal.confirmed());
        assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofMillis(2_500));
    }

    @Test
    void should_be_unavailable_when_nothing_listens() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        LiveOrderActions down = new LiveOrderActions(
                "http://127.0.0.1:" + closed + "/actions",
                KEY,
                Duration.ofMillis(500),
                HttpClient.newHttpClient(),
                new ObjectMapper());
        assertThatThrownBy(() -> down.submit(new ActionRequest(OK, OrderAction.CANCEL, null), "ann", "c1:2"))
                .isInstanceOf(OrderSource.Unavailable.class)
                .hasMessageContaining("did not answer");
    }
}
