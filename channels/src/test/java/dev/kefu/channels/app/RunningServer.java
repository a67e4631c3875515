package dev.kefu.channels.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KefuConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The real server with its built-in defaults on a random port, and a small HTTP client for it. */
public final class RunningServer implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final KefuApplication application;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RunningServer(Path dataDir) throws Exception {
        KefuConfig config =
                new ConfigLoader(Map.of()).load(null, Map.of("server.port", "0", "server.dataDir", dataDir.toString()));
        this.application = KefuApplication.create(config, Clock.systemUTC()).start();
    }

    public int port() {
        return application.port();
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    public HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode postJson(String path, Object body) throws Exception {
        HttpResponse<String> response = post(path, JSON.writeValueAsString(body));
        if (response.statusCode() != 200) {
            throw new AssertionError("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        application.close();
    }
}
