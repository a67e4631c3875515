package dev.kefu.channels.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import io.javalin.Javalin;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hand-off webhook against a real HTTP receiver on loopback that fails twice before it takes
 * the notification: the post is retried with backoff and carries the context packet.
 */
class HandoffWebhookIT {
    private static final AtomicInteger ATTEMPTS = new AtomicInteger();
    private static final List<Delivery> DELIVERED = new CopyOnWriteArrayList<>();
    /** Opens when the receiver has taken a notification. */
    private static final CountDownLatch TAKEN = new CountDownLatch(1);

    private static final Javalin RECEIVER = receiver();

    record Delivery(String body, String idempotencyKey, String event) {}

    @RegisterExtension
    static final RunningServer server = new RunningServer(Map.of(
            "agent.webhookUrl", "http://127.0.0.1:" + RECEIVER.port() + "/hooks/kefu", "agent.webhookBackoffMs", "50"));

    /** Another help desk's endpoint: down for the first two attempts, then it takes the post. */
    private static Javalin receiver() {
        Javalin http = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/hooks/kefu", ctx -> {
                int attempt = ATTEMPTS.incrementAndGet();
                if (attempt <= 2) {
                    ctx.status(503);
                } else {
                    DELIVERED.add(new Delivery(ctx.body(), ctx.header("Idempotency-Key"), ctx.header("X-Kefu-Event")));
                    TAKEN.countDown();
                    ctx.status(204);
                }
            });
        });
        return http.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop();
    }

    @Test
    void should_post_the_hand_off_with_its_context_retrying_until_the_receiver_takes_it() throws Exception {
        JsonNode asked = server.postJson("/api/v1/chat", Map.of("text", "I want to talk to a human, 转人工"));
        String id = asked.path("conversationId").asText();
        assertThat(asked.path("handoff").path("reason").asText()).isEqualTo("explicit_request");

        assertThat(TAKEN.await(10, TimeUnit.SECONDS)).as("taken within 10 s").isTrue();
        assertThat(DELIVERED).as("delivered after two failures").hasSize(1);
        assertThat(ATTEMPTS.get()).isEqualTo(3);
        Delivery delivery = DELIVERED.get(0);
        assertThat(delivery.event()).isEqualTo("handoff");
        assertThat(delivery.idempotencyKey()).startsWith(id + ":");
        JsonNode body = RunningServer.JSON.readTree(delivery.body());
        assertThat(body.path("conversationId").asText()).isEqualTo(id);
        assertThat(body.path("queue").path("trigger").path("reason").asText()).isEqualTo("explicit_request");
        assertThat(body.path("conversation").path("messages").findValuesAsText("from"))
                .containsExactly("shopper", "bot");
        assertThat(body.path("conversation").path("context").path("summary").asText())
                .contains("talk to a human");
    }
}
