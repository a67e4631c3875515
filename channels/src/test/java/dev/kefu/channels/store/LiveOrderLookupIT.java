package dev.kefu.channels.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import io.javalin.Javalin;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Orders looked up live from a fake store service on loopback speaking HTTP: a good answer is
 * shown to its owner (the bearer key sent), a 404 is an unknown order, and a slow, failing or
 * malformed service is told to the shopper with the offer of a person within the time budget; after
 * repeated failures the circuit breaker stops asking, and answers are reused from the cache.
 */
class LiveOrderLookupIT {
    private static final String KEY = "it-orders-key-0123456789";
    private static final AtomicInteger HITS = new AtomicInteger();
    private static final CountDownLatch NEVER = new CountDownLatch(1);
    private static final Javalin STORE_SERVICE = storeService();

    @RegisterExtension
    static final RunningServer server = new RunningServer(Map.of(
            "orders.lookupUrl", "http://127.0.0.1:" + STORE_SERVICE.port() + "/orders",
            "orders.apiKey", KEY,
            "orders.timeoutMs", "500",
            "orders.circuitFailures", "3",
            "orders.circuitOpenSeconds", "600"));

    private static Javalin storeService() {
        Javalin http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.get("/orders/{orderNo}", ctx -> {
                HITS.incrementAndGet();
                if (!("Bearer " + KEY).equals(ctx.header("Authorization"))) {
                    ctx.status(401);
                    return;
                }
                switch (ctx.pathParam("orderNo")) {
                    case "LV20261201001", "LV20261201005" -> ctx.contentType("application/json")
                            .result("{\"shopperId\": \"ann\", \"status\": \"shipped\", \"placedAt\":"
                                    + " \"2026-12-01T08:30:00Z\", \"items\": [{\"name\": \"X200\", \"quantity\": 1,"
                                    + " \"price\": 499}], \"shipments\": [{\"carrier\": \"JD Logistics\","
                                    + " \"trackingNumber\": \"JD0123456789\", \"events\": []}]}");
                    case "LV20261201002" -> {
                        NEVER.await(3, TimeUnit.SECONDS); // slower than orders.timeoutMs
                        ctx.status(200).result("{}");
                    }
                    case "LV20261201003" -> ctx.contentType("application/json").result("{\"shopperId\": ");
                    case "LV20261201004" -> ctx.status(503).result("down for maintenance");
                    default -> ctx.status(404);
                }
            });
        });
        return http.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        NEVER.countDown();
        STORE_SERVICE.stop();
    }

    private static JsonNode ask(String orderNo) throws Exception {
        return server.postJson(
                "/api/v1/chat",
                Map.of(
                        "text",
                        "where is my order " + orderNo + "?",
                        "shopper",
                        Map.of("token", RunningServer.shopperToken("ann"))));
    }

    private static String text(JsonNode answer) {
        return answer.path("replies").get(0).path("text").asText();
    }

    private static void assertToldUnavailable(JsonNode answer) {
        assertThat(text(answer)).contains("can't reach the store's order system");
        assertThat(answer.path("replies")
                        .get(0)
                        .path("quickReplies")
                        .get(0)
                        .path("action")
                        .asText())
                .isEqualTo("handoff");
    }

    @Test
    void should_answer_from_the_store_service_and_say_so_when_it_is_slow_down_or_malformed() throws Exception {
        assertThat(text(ask("LV20261201001"))).contains("JD Logistics", "JD0123456789");
        assertThat(text(ask("LV20261201009"))).contains("can't find order LV20261201009");
        int hits = HITS.get();
        assertThat(text(ask("LV20261201001"))).as("from the cache").contains("JD0123456789");
        assertThat(HITS.get()).isEqualTo(hits);

        Instant asked = Instant.now();
        assertToldUnavailable(ask("LV20261201002"));
        assertThat(Duration.between(asked, Instant.now()))
                .as("within the time budget")
                .isLessThan(Duration.ofMillis(2_500));
        assertToldUnavailable(ask("LV20261201003"));
        assertToldUnavailable(ask("LV20261201004"));

        int beforeOpen = HITS.get();
        assertToldUnavailable(ask("LV20261201005"));
        assertThat(HITS.get())
                .as("the circuit is open: the service is not asked")
                .isEqualTo(beforeOpen);
    }
}
