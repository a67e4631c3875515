package dev.kefu.eval.run;

import dev.kefu.channels.app.KefuServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's CPU and memory as a load run sees them: from its Prometheus {@code /metrics} when
 * the JVM series are there (process CPU time, {@code jvm_memory_used_bytes{area="heap"}}, with or
 * without a prefix such as {@code kefu_}), else, or as well, from {@code /proc/<pid>} of a server on
 * this machine ({@code --server-pid}: CPU ticks and resident memory). A figure nothing gave is left
 * out of the report rather than written as zero.
 */
final class ServerGauges {
    /** Linux's clock ticks per second ({@code getconf CLK_TCK}), 100 on every common kernel. */
    private static final double TICKS_PER_SECOND = 100;

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)");

    /** One reading; any figure may be null when neither source has it. */
    record Reading(long nanoTime, Double cpuSeconds, Double heapBytes, Double rssBytes, Double cpuUsage) {}

    private final HttpClient http;
    private final URI metrics;
    private final Long pid;

    ServerGauges(HttpClient http, URI base, Long pid) {
        this.http = http;
        this.metrics = URI.create(base.toString().replaceAll("/+$", "") + "/metrics");
        this.pid = pid == null ? null : serverJvm(pid);
    }

    /**
     * The server JVM of {@code pid}: {@code java -jar kefu-server.jar} is a launcher that runs the
     * server in a child JVM ({@code ServerLauncher}), so a launcher's pid stands for its child's.
     */
    static long serverJvm(long pid) {
        return ProcessHandle.of(pid)
                .flatMap(launcher -> launcher.children()
                        .filter(child -> child.info()
                                .arguments()
                                .map(arguments -> Arrays.asList(arguments).contains(KefuServer.class.getName()))
                                .orElse(false))
                        .findFirst())
                .map(ProcessHandle::pid)
                .orElse(pid);
    }

    Reading read() {
        Map<String, Double> scraped = scrape();
        Double cpu = sum(scraped, "process_cpu_seconds_total");
        Double cpuNanos = sum(scraped, "process_cpu_time_ns_total");
        if (cpu == null && cpuNanos != null) {
            cpu = cpuNanos / 1e9;
        }
        Double heap = sum(scraped, "jvm_memory_used_bytes{area=\"heap\"}");
        Double rss = null;
        if (pid != null) {
            double[] proc = proc(pid);
            if (proc != null) {
                cpu = cpu == null ? proc[0] : cpu;
                rss = proc[1];
            }
        }
        return new Reading(System.nanoTime(), cpu, heap, rss, sum(scraped, "process_cpu_usage"));
    }

    /**
     * A reading after a full collection of the server's heap ({@code jcmd <pid> GC.run}), so the heap
     * figure is live data rather than garbage not yet collected; its heap from {@code jcmd <pid>
     * GC.heap_info} when {@code /metrics} has none. Without {@code --server-pid}, a plain reading.
     */
    Reading afterGc() throws IOException, InterruptedException {
        if (pid == null) {
            return read();
        }
        jcmd("GC.run");
        Reading reading = read();
        if (reading.heapBytes() != null) {
            return reading;
        }
        Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd("GC.heap_info"));
        Double heap = used.find() ? Double.parseDouble(used.group(1)) * 1024 : null;
        return new Reading(reading.nanoTime(), reading.cpuSeconds(), heap, reading.rssBytes(), reading.cpuUsage());
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), pid.toString(), command)
                .redirectErrorStream(true)
                .start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + output.strip());
        }
        return output;
    }

    /**
     * The server's use between two readings: {@code server_cpu_cores} (CPU seconds per second, 2.0
     * is both cores of a 2-core machine), {@code server_heap_mb} and {@code server_rss_mb} at the
     * end, and where they came from.
     */
    static Map<String, Object> between(Reading before, Reading after, boolean fromProc) {
        Map<String, Object> use = new LinkedHashMap<>();
        double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        if (before.cpuSeconds() != null && after.cpuSeconds() != null && seconds > 0) {
            use.put("server_cpu_cores", round((after.cpuSeconds() - before.cpuSeconds()) / seconds));
        } else if (after.cpuUsage() != null) {
            use.put("server_cpu_usage", round(after.cpuUsage()));
        }
        if (after.heapBytes() != null) {
            use.put("server_heap_mb", round(after.heapBytes() / (1 << 20)));
        }
        if (after.rssBytes() != null) {
            use.put("server_rss_mb", round(after.rssBytes() / (1 << 20)));
        }
        use.put(
                "server_figures_from",
                after.heapBytes() != null
                        ? (fromProc ? "/metrics and /proc" : "/metrics")
                        : fromProc ? "/proc" : "none (no JVM series in /metrics and no --server-pid)");
        return use;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Every sample by its name and labels, the labels' order as the server wrote them; none when unreachable. */
    private Map<String, Double> scrape() {
        Map<String, Double> samples = new LinkedHashMap<>();
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(metrics)
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                return samples;
            }
            for (String line : response.body().split("\n")) {
                Matcher sample = SAMPLE.matcher(line);
                if (!line.startsWith("#") && sample.find()) {
                    try {
                        samples.merge(
                                sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)),
                                Double.parseDouble(sample.group(3)),
                                Double::sum);
                    } catch (NumberFormatException e) {
                        // not a number (NaN is parsed): not a figure we read
                    }
                }
            }
        } catch (IOException e) {
            // no /metrics: the figures come from /proc, or are left out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return samples;
    }

    /**
     * The sum of the samples whose name ends with {@code name}'s name (a prefix such as {@code
     * kefu_} allowed) and whose labels include {@code name}'s labels (e.g. every heap pool); null
     * when none.
     */
    static Double sum(Map<String, Double> samples, String name) {
        int brace = name.indexOf('{');
        String metric = brace < 0 ? name : name.substring(0, brace);
        String label = brace < 0 ? null : name.substring(brace + 1, name.length() - 1);
        Double sum = null;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            String key = sample.getKey();
            int open = key.indexOf('{');
            String sampleName = open < 0 ? key : key.substring(0, open);
            boolean named = sampleName.equals(metric) || sampleName.endsWith("_" + metric);
            if (named && (label == null || (open >= 0 && key.substring(open).contains(label)))) {
                sum = (sum == null ? 0 : sum) + sample.getValue();
            }
        }
        return sum;
    }

    /** CPU seconds (user + system) and resident bytes of a process on this machine; null when unreadable. */
    static double[] proc(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the fields after the command name, which may hold spaces, start with the state (field 3)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double cpu = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
            double rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Double.parseDouble(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return new double[] {cpu, rss};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
