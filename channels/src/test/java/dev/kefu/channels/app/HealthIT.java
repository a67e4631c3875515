package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KefuConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health endpoints as a supervisor and a load balancer see a launch: live at once, ready (and
 * {@code /health}) 503 while the bot assembles and every other request refused with {@code
 * STARTING}, then all 200 on the same port, which is never closed in between.
 */
class HealthIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dataDir;

    private KefuApplication application;

    @AfterEach
    void stop() {
        if (application != null) {
            application.close();
        }
    }

    @Test
    void should_answer_live_at_once_and_ready_only_when_the_bot_can_answer_chats() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        KefuConfig config = new ConfigLoader(Map.of())
                .load(null, Map.of("server.port", Integer.toString(port), "server.dataDir", dataDir.toString()));
        CompletableFuture<KefuApplication> launched = CompletableFuture.supplyAsync(() -> {
            try {
                return KefuApplication.launch(config, KefuApplication.systemClock());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });

        HttpResponse<String> live = firstAnswer(port, "/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("live");
        assertThat(launched)
                .as("the bot assembles in seconds; live answered before")
                .isNotDone();
        for (String path : new String[] {"/health/ready", "/health", "/api/v1/ui"}) {
            HttpResponse<String> starting = get(port, path);
            assertThat(starting.statusCode()).as(path).isEqualTo(503);
            assertThat(JSON.readTree(starting.body()).path("error").path("code").asText())
                    .isEqualTo("STARTING");
        }

        // Polled through the start: only 503 STARTING, then 200, on the same open port; never a
        // refused or unanswered request once the first 503 came (each request may take 5 s).
        int starting = 0;
        while (true) {
            HttpResponse<String> ready = get(port, "/health/ready");
            if (ready.statusCode() == 200) {
                break;
            }
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.headers().firstValue("Retry-After")).hasValue("1");
            starting++;
            assertThat(starting).as("ready within two minutes of 20 ms polls").isLessThan(6_000);
            Thread.sleep(20); // the poll interval of a load balancer; the loop ends on the 200
        }
        application = launched.get(120, TimeUnit.SECONDS);
        assertThat(application.port()).isEqualTo(port);
        for (String path : new String[] {"/health/ready", "/health"}) {
            HttpResponse<String> ready = get(port, path);
            assertThat(ready.statusCode()).as(path).isEqualTo(200);
            JsonNode health = JSON.readTree(ready.body());
            assertThat(health.path("status").asText()).isEqualTo("ok");
            assertThat(health.path("knowledgeEntries").asInt()).isPositive();
        }
        assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
    }

    /** The first answer on {@code path}, once something listens on the port. */
    private HttpResponse<String> firstAnswer(int port, String path) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                return get(port, path);
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait(); // the listener is being opened: connecting again is the wait
            }
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
