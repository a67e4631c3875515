package dev.kefu.channels.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol (a WebSocket, no extra
 * library): navigate, run JavaScript in the page, wait for a condition. The browser binary comes
 * from {@code KEFU_CHROMIUM} or {@code /usr/bin/chromium} ({@code .ci/run} installs it).
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final String sessionId;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** What the pages reported as errors: console.error, uncaught exceptions, failed loads. */
    private final Queue<String> consoleErrors = new ConcurrentLinkedQueue<>();

    static Path binary() {
        return Path.of(System.getenv().getOrDefault("KEFU_CHROMIUM", "/usr/bin/chromium"));
    }

    static boolean available() {
        return Files.isExecutable(binary());
    }

    /** A started browser for a test class, or the class is skipped where Chromium is missing. */
    static HeadlessChromium startOrSkip() throws Exception {
        Assumptions.assumeTrue(available(), "Chromium is not installed (apt-get install chromium)");
        return new HeadlessChromium();
    }

    HeadlessChromium() throws Exception {
        profile = Files.createTempDirectory("kefu-chromium");
        process = new ProcessBuilder(List.of(
                        binary().toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "about:blank"))
                .redirectErrorStream(true)
                .start();
        String url = devToolsUrl();
        socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(URI.create(url), new Listener())
                .get(10, TimeUnit.SECONDS);
        String targetId = call(null, "Target.createTarget", Map.of("url", "about:blank"))
                .path("targetId")
                .asText();
        sessionId = call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId")
                .asText();
        call(sessionId, "Page.enable", Map.of());
        call(sessionId, "Runtime.enable", Map.of());
        call(sessionId, "Log.enable", Map.of());
    }

    /** The errors pages reported since the last {@link #clearConsoleErrors()}, oldest first. */
    List<String> consoleErrors() {
        return List.copyOf(consoleErrors);
    }

    void clearConsoleErrors() {
        consoleErrors.clear();
    }

    /**
     * Keeps what a page reports as an error: a {@code console.error}, an uncaught exception, and the
     * browser's own error entries (a resource that failed to load, a refused script).
     */
    private void onEvent(JsonNode message) {
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Runtime.exceptionThrown" -> consoleErrors.add("exception: "
                    + params.path("exceptionDetails")
                            .path("exception")
                            .path("description")
                            .asText(params.path("exceptionDetails").path("text").asText()));
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    consoleErrors.add("console." + type + ": " + params.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                // the browser asks every document's origin for /favicon.ico, a page or not
                if (entry.path("level").asText().equals("error")
                        && !entry.path("url").asText().endsWith("/favicon.ico")) {
                    consoleErrors.add(entry.path("source").asText() + ": "
                            + entry.path("text").asText() + " "
                            + entry.path("url").asText());
                }
            }
            default -> {
                // other events are of no interest
            }
        }
    }

    private String devToolsUrl() throws IOException {
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plusSeconds(20);
        String line;
        while (Instant.now().isBefore(deadline) && (line = output.readLine()) != null) {
            Matcher matcher = DEVTOOLS.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> output.lines().forEach(ignored -> {}), "chromium-output");
                drain.setDaemon(true);
                drain.start();
                return matcher.group(1);
            }
        }
        throw new IllegalStateException("Chromium did not report its DevTools address");
    }

    /** Loads {@code url} and waits until the new document (not the one it replaces) is complete. */
    void navigate(String url) throws Exception {
        eval("window.__kefuLeaving = true"); // marks the old document for the wait below
        call(sessionId, "Page.navigate", Map.of("url", url));
        waitFor("!window.__kefuLeaving && document.readyState === 'complete'", Duration.ofSeconds(20));
    }

    /**
     * Opens {@code url} with its origin's storage empty. The storage is cleared on the origin's
     * {@code /health} page, where no widget or console runs: on a page that does, a socket still
     * answering could write the old conversation back after the clear, and the next page would
     * resume it.
     */
    void navigateFresh(String url) throws Exception {
        java.net.URI page = java.net.URI.create(url);
        navigate(page.resolve("/health").toString());
        eval("localStorage.clear(); sessionStorage.clear()");
        navigate(url);
    }

    /** Evaluates an expression in the page (promises are awaited) and returns its value as JSON. */
    JsonNode eval(String expression) throws Exception {
        JsonNode result = call(
                sessionId,
                "Runtime.evaluate",
                Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page script failed: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /**
     * Presses a key as a person would, through Chromium's input (not a script event), so the
     * browser's own default actions happen: {@code Tab} moves the focus, {@code Enter} presses the
     * focused button.
     */
    void press(String key) throws Exception {
        int code =
                switch (key) {
                    case "Tab" -> 9;
                    case "Enter" -> 13;
                    default -> throw new IllegalArgumentException("no key code for " + key);
                };
        Map<String, Object> down = key.equals("Enter")
                ? Map.of("type", "keyDown", "key", key, "code", key, "windowsVirtualKeyCode", code, "text", "\r")
                : Map.of("type", "rawKeyDown", "key", key, "code", key, "windowsVirtualKeyCode", code);
        call(sessionId, "Input.dispatchKeyEvent", down);
        call(
                sessionId,
                "Input.dispatchKeyEvent",
                Map.of("type", "keyUp", "key", key, "code", key, "windowsVirtualKeyCode", code));
    }

    /** Polls a boolean expression until it holds, or fails with the expression in the message. */
    void waitFor(String condition, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (eval("Boolean(" + condition + ")").asBoolean(false)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for: " + condition);
    }

    private JsonNode call(String session, String method, Map<String, Object> params) throws Exception {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode response = reply.get(20, TimeUnit.SECONDS);
        if (response.has("error")) {
            throw new IllegalStateException(method + " failed: " + response.path("error"));
        }
        return response.path("result");
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    CompletableFuture<JsonNode> reply =
                            message.has("id") ? pending.remove(message.get("id").asLong()) : null;
                    if (reply != null) {
                        reply.complete(message);
                    } else if (message.has("method")) {
                        onEvent(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                } finally {
                    partial.setLength(0);
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } finally {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            for (ProcessHandle child : children) { // renderer and network processes write to the profile too
                child.destroy();
                try {
                    child.onExit().get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException slow) {
                    child.destroyForcibly();
                }
            }
            deleteProfile();
        }
    }

    /** Removes the temporary profile; a file that vanishes while the tree is walked is no error. */
    private void deleteProfile() throws IOException {
        for (int attempt = 0; attempt < 3 && Files.exists(profile); attempt++) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (java.io.UncheckedIOException vanished) {
                // Chromium removed a temporary file between listing and deleting: walk again
            }
        }
    }
}
