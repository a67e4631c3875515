package dev.kefu.eval.run;

import dev.kefu.channels.app.KefuServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server ({@link KefuServer}) in a process of its own, as a user starts it: {@code --port 0}
 * with its defaults (no {@code KEFU_*} of this machine, only the given ones), ready once it printed
 * where it listens; its output goes on to a log file.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Kefu is running: open (http://localhost:\\d+)/");

    private final Process process;
    private final String url;

    private ServerProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static ServerProcess start(Path dataDir, Path log, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        KefuServer.class.getName(),
                        "--port",
                        "0",
                        "--data-dir",
                        dataDir.toString())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("KEFU_"));
        builder.environment().putAll(environment);
        Process server = builder.start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
                            PrintWriter copy = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            copy.println(line);
                            copy.flush();
                            Matcher running = READY.matcher(line);
                            if (running.find()) {
                                ready.complete(running.group(1));
                            }
                        }
                    } catch (IOException e) {
                        ready.completeExceptionally(e);
                    }
                    ready.completeExceptionally(
                            new AssertionError("the server stopped before it listened; see " + log));
                },
                "kefu-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServerProcess(server, ready.get(120, TimeUnit.SECONDS));
        } catch (Exception e) {
            server.destroyForcibly();
            throw e;
        }
    }

    /** Where it listens, {@code http://localhost:PORT}. */
    String url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
