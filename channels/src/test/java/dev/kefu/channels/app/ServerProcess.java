package dev.kefu.channels.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Kefu server in a process of its own, started as a user starts it ({@code java ... --port P
 * --data-dir D}) with its output in a log file, for the tests that kill, restart or inspect the
 * process ({@link ServerRestartIT}, {@link ServerLauncherIT}, {@link ClusterPostgresIT}'s fourth
 * node). {@link #start} returns once the server answers {@code /health/ready} 200.
 */
final class ServerProcess {
    private ServerProcess() {}

    /** {@code -cp CLASSPATH MAIN}: a main class of this build, with the test's class path. */
    static List<String> classpath(Class<?> main) {
        return List.of("-cp", System.getProperty("java.class.path"), main.getName());
    }

    /** A port no one listens on now, for the server to take. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts {@code java JAVA_ARGUMENTS --port PORT --data-dir DATA_DIR}, its environment changed
     * by {@code environment}, its output to {@code log}, and waits until it is ready; a server that
     * ends or is not ready within {@code timeout} fails the test (and is killed with its children).
     */
    static Process start(
            List<String> javaArguments,
            int port,
            Path dataDir,
            Path log,
            Consumer<Map<String, String>> environment,
            Duration timeout)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArguments);
        command.addAll(List.of("--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        environment.accept(builder.environment());
        Process process = builder.start();
        try {
            awaitReady(process, port, log, timeout);
            return process;
        } catch (Exception | AssertionError e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
    }

    private static void awaitReady(Process process, int port, Path log, Duration timeout) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(10))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server process ended (exit " + process.exitValue()
                        + ") before it was ready: " + tail(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server was not ready within " + timeout + ": " + tail(log));
    }

    /** The end of the server's log, for a failure's message. */
    private static String tail(Path log) throws IOException {
        String all = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
    }
}
