package dev.kefu.eval.run;

import dev.kefu.channels.app.DialogueReplay;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.eval.metrics.Latencies;
import dev.kefu.eval.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kefu-eval load --url URL (--rate R | --connections C) --duration S --out R}: a load
 * generator for a running server. See {@link LoadRun} for the open and closed loops, {@link
 * LoadChat} for REST and the widget socket, {@link ServerGauges} for the server's CPU and heap.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Sends shopper conversations to a running server and measures it: turns_per_s, p50/p90/p99/max"
                    + " latency, errors by status (429, timeout, ...), and the server's CPU and heap.",
            "",
            "--rate R is an open loop: a turn is due every 1/R s whatever the server does, and its latency is"
                    + " measured from when it was due, so a server that falls behind cannot hide its queue."
                    + " --connections C is a closed loop: C streams, each sending its next turn on the answer (the"
                    + " saturated throughput). Turns go to POST /api/v1/chat (follow-ups with the conversation id and"
                    + " token the server gave) or, with --ws, to the widget's /ws/chat. The conversations are the"
                    + " dialogues file's (the public demo dialogues of the dialogues command by default), their"
                    + " texts made unique with a suffix ' #<n>' so no two texts repeat.",
            "",
            "--ramp --p99-bound MS runs --duration S at --rate R (10 by default), then 25% faster each step"
                    + " (--ramp-factor), and reports the highest rate whose p99 stayed under the bound with under 1%"
                    + " errors. --idle-sockets N opens N widget sockets (each says hello, on the product page"
                    + " --page if given), holds them for --duration S and reports the server's memory per idle"
                    + " socket, its CPU while they are held, and the outreach messages they were sent.",
            "",
            "The generator runs on the same machine as the server (the report says so): it takes CPU the server"
                    + " would have. Turn the server's per-address limit off for a run"
                    + " (KEFU_LIMITS_PER_ADDRESS_PER_MINUTE=0), or its 429s are what you measure."
        })
public final class LoadCommand implements Callable<Integer> {
    /** The most sockets opening at once in {@code --idle-sockets}. */
    private static final int OPENING = 200;

    /** How often each idle socket is pinged. */
    private static final int PING_SECONDS = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The server, http://host:port.")
    String url;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Pace pace = new Pace();

    static final class Pace {
        @Option(names = "--rate", paramLabel = "R", description = "Turns per second, open loop (default 10).")
        Double rate;

        @Option(names = "--connections", paramLabel = "C", description = "Streams sending back to back, closed loop.")
        Integer connections;
    }

    @Option(names = "--duration", required = true, paramLabel = "S", description = "Seconds measured (per ramp step).")
    double duration;

    @Option(
            names = "--warm-up",
            paramLabel = "S",
            defaultValue = "0",
            description = "Seconds of the same load first, not measured (default ${DEFAULT-VALUE}).")
    double warmUp;

    @Option(names = "--dialogues", paramLabel = "FILE", description = "Dialogues (the dialogues command's format).")
    java.nio.file.Path dialogues;

    @Option(names = "--ws", description = "Over the widget's WebSocket /ws/chat instead of POST /api/v1/chat.")
    boolean ws;

    @Option(names = "--ramp", description = "Find the highest rate whose p99 stays under --p99-bound.")
    boolean ramp;

    @Option(names = "--p99-bound", paramLabel = "MS", description = "The ramp's bound on p99, milliseconds.")
    Double p99Bound;

    @Option(
            names = "--ramp-factor",
            paramLabel = "F",
            defaultValue = "1.25",
            description = "Each ramp step's rate over the last (default ${DEFAULT-VALUE}).")
    double rampFactor;

    @Option(names = "--idle-sockets", paramLabel = "N", description = "Hold N idle widget sockets instead.")
    Integer idleSockets;

    @Option(
            names = "--page",
            paramLabel = "PRODUCT",
            description = "The product page the idle widgets are open on (the store's product id).")
    String page;

    @Option(
            names = "--server-pid",
            paramLabel = "PID",
            description = "The server's process on this machine: CPU and memory from /proc when /metrics has no"
                    + " JVM series, and its heap after a GC (jcmd) for --idle-sockets.")
    Long serverPid;

    @Mixin
    ReportFile out;

    @Override
    public Integer call() throws Exception {
        List<String> errors = new ArrayList<>();
        URI server = DialoguesCommand.server(url, errors);
        check(errors);
        List<LoadRun.Script> scripts = idleSockets == null ? scripts(errors) : List.of();
        if (!errors.isEmpty()) {
            return DialogueFiles.refuse(spec.commandLine().getErr(), errors);
        }
        ExecutorService callbacks = Executors.newCachedThreadPool(daemon());
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(LoadChat.TIMEOUT)
                .executor(Executors.newCachedThreadPool(daemon()))
                .build();
        try {
            ServerGauges gauges = new ServerGauges(http, server, serverPid);
            Report report = new Report("Load: " + server);
            if (idleSockets != null) {
                report.put("target", server + "/ws/chat");
                return idle(report, new LoadChat.Socket(http, server), gauges);
            }
            LoadChat chat = ws ? new LoadChat.Socket(http, server) : new LoadChat.Rest(http, server);
            LoadRun run = new LoadRun(chat, scripts, callbacks);
            if (warmUp > 0) {
                measure(run, rateOrDefault(), Duration.ofMillis((long) (warmUp * 1000)));
            }
            ServerGauges.Reading before = gauges.read();
            LoadRun.Result result;
            List<String> steps = new ArrayList<>();
            if (ramp) {
                result = ramp(run, steps);
            } else {
                result = measure(run, rateOrDefault(), seconds());
            }
            ServerGauges.Reading after = gauges.read();
            describe(report, server, scripts.size());
            figures(report, result);
            ServerGauges.between(before, after, serverPid != null).forEach(report::put);
            if (ramp) {
                report.section(
                        "Ramp (p99 bound " + p99Bound + " ms)",
                        Report.table(List.of("rate", "turns/s", "p50 ms", "p99 ms", "errors", "passed"), steps));
            }
            out.writeWithMetrics(
                    report,
                    "%s turns/s, p50 %s ms, p99 %s ms, errors %s",
                    "turns_per_s",
                    "p50_ms",
                    "p99_ms",
                    "n_errors");
            return 0;
        } finally {
            callbacks.shutdownNow();
        }
    }

    private void check(List<String> errors) {
        if (!(duration > 0)) {
            errors.add("--duration must be a number of seconds > 0, was " + duration);
        }
        if (warmUp < 0) {
            errors.add("--warm-up must be >= 0 seconds, was " + warmUp);
        }
        if (pace.rate != null && !(pace.rate > 0)) {
            errors.add("--rate must be > 0 turns per second, was " + pace.rate);
        }
        if (pace.connections != null && pace.connections < 1) {
            errors.add("--connections must be >= 1, was " + pace.connections);
        }
        if (ramp && p99Bound == null) {
            errors.add("--ramp needs --p99-bound MS (the p99 a rate must stay under)");
        }
        if (ramp && pace.connections != null) {
            errors.add("--ramp raises the open loop's rate; it cannot be used with --connections");
        }
        if (p99Bound != null && !(p99Bound > 0)) {
            errors.add("--p99-bound must be > 0 ms, was " + p99Bound);
        }
        if (!(rampFactor > 1)) {
            errors.add("--ramp-factor must be > 1, was " + rampFactor);
        }
        if (idleSockets != null && (idleSockets < 1 || ramp || pace.connections != null || pace.rate != null)) {
            errors.add(
                    "--idle-sockets N must be >= 1, and alone: it sends no turns (no --rate, --connections, --ramp)");
        }
        if (page != null && (idleSockets == null || page.isBlank())) {
            errors.add("--page PRODUCT is the product page of --idle-sockets, and not blank");
        }
    }

    /** The dialogues' conversations as the load sends them: product page and texts. */
    private List<LoadRun.Script> scripts(List<String> errors) throws IOException {
        DialogueFiles.Source source = new DialogueFiles.Source();
        source.file = dialogues;
        source.demo = dialogues == null;
        int maxChars = ConfigLoader.defaults().server().maxMessageChars();
        return source
                .read(
                        DialoguesCommand.DEMO_RESOURCE,
                        new DialoguesCommand.DialogueReader(maxChars - 16)::read, // room for the unique suffix
                        errors)
                .stream()
                .map(d -> new LoadRun.Script(
                        d.productId(),
                        d.turns().stream().map(DialogueReplay.Turn::text).toList()))
                .toList();
    }

    private double rateOrDefault() {
        return pace.rate == null ? 10 : pace.rate;
    }

    private Duration seconds() {
        return Duration.ofMillis((long) (duration * 1000));
    }

    private LoadRun.Result measure(LoadRun run, double rate, Duration time) throws InterruptedException {
        return pace.connections != null ? run.saturating(pace.connections, time) : run.atRate(rate, time);
    }

    /** Steps up the rate until a step fails; the last step that passed (the first when none did). */
    private LoadRun.Result ramp(LoadRun run, List<String> steps) throws InterruptedException {
        LoadRun.Result best = null;
        LoadRun.Result first = null;
        for (double rate = rateOrDefault(); ; rate *= rampFactor) {
            LoadRun.Result step = run.atRate(rate, seconds());
            first = first == null ? step : first;
            long failed =
                    step.errors().values().stream().mapToLong(Long::longValue).sum();
            boolean passed =
                    step.answered() > 0 && step.latencies().percentileMs(99) <= p99Bound && failed <= step.sent() / 100;
            steps.add(Report.cells(
                    format(rate),
                    format(step.turnsPerSecond()),
                    step.answered() == 0 ? "n/a" : format(step.latencies().percentileMs(50)),
                    step.answered() == 0 ? "n/a" : format(step.latencies().percentileMs(99)),
                    Long.toString(failed),
                    passed ? "yes" : "no"));
            if (!passed) {
                return best == null ? first : best;
            }
            best = step;
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private void describe(Report report, URI server, int conversations) {
        report.put("target", server + (ws ? "/ws/chat" : "/api/v1/chat"));
        report.put("mode", ramp ? "ramp" : pace.connections != null ? "closed loop" : "open loop");
        report.put("dialogues", dialogues == null ? "demo-dialogues.jsonl (bundled)" : dialogues.toString());
        report.put("n_dialogues", conversations);
        report.put("duration_s", duration);
        report.put("warm_up_s", warmUp);
        report.put("started", Instant.now().toString());
        report.put(
                "note",
                "the load generator ran on the same machine as the server (it takes CPU the server would have); "
                        + Runtime.getRuntime().availableProcessors() + " processors");
    }

    private void figures(Report report, LoadRun.Result result) {
        Latencies latencies = result.latencies();
        if (!Double.isNaN(result.rate())) {
            report.put("rate", result.rate());
        } else {
            report.put("connections", pace.connections);
        }
        report.put("n_sent", result.sent());
        report.put("n_answered", result.answered());
        report.put("n_conversations", result.conversations());
        report.put("turns_per_s", Math.round(result.turnsPerSecond() * 10) / 10.0);
        boolean any = latencies.size() > 0;
        for (int p : new int[] {50, 90, 99}) {
            report.put("p" + p + "_ms", any ? latencies.percentileMs(p) : null);
        }
        report.put("max_ms", any ? latencies.maxMs() : null);
        report.put(
                "n_errors",
                result.errors().values().stream().mapToLong(Long::longValue).sum());
        report.put("errors", new LinkedHashMap<>(result.errors()));
    }

    /**
     * Opens {@code --idle-sockets} widget sockets ({@value #OPENING} at a time), each saying hello as
     * a widget does, holds them for {@code --duration} and reports the server's memory per socket.
     * Every open socket is pinged every {@value #PING_SECONDS} s from the start: the server closes a
     * socket silent for 30 s (Jetty's idle timeout), and the figure is of sockets held, not of
     * sockets reconnecting.
     */
    private int idle(Report report, LoadChat.Socket sockets, ServerGauges gauges) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        ServerGauges.Reading before = gauges.afterGc();
        Semaphore opening = new Semaphore(OPENING);
        List<CompletableFuture<WebSocket>> opened = new ArrayList<>();
        List<LoadChat.Frames> listeners = new ArrayList<>();
        Queue<WebSocket> open = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(daemon());
        pinger.scheduleWithFixedDelay(
                () -> open.forEach(ws -> ws.sendPing(ByteBuffer.allocate(0))),
                PING_SECONDS,
                PING_SECONDS,
                TimeUnit.SECONDS);
        long start = System.nanoTime();
        for (int i = 0; i < idleSockets; i++) {
            opening.acquire();
            LoadChat.Frames frames = new LoadChat.Frames();
            listeners.add(frames);
            opened.add(sockets.connect(page, frames).whenComplete((ws, e) -> {
                if (ws != null) {
                    open.add(ws);
                }
                opening.release();
            }));
        }
        int failed = 0;
        for (CompletableFuture<WebSocket> socket : opened) {
            try {
                socket.join();
            } catch (RuntimeException e) {
                failed++;
            }
        }
        double openSeconds = (System.nanoTime() - start) / 1e9;
        err.printf(
                Locale.ROOT,
                "%d sockets open in %.1f s (%d failed); holding them %s s%n",
                open.size(),
                openSeconds,
                failed,
                duration);
        err.flush();
        ServerGauges.Reading holding = gauges.read();
        Thread.sleep(seconds().toMillis());
        ServerGauges.Reading heldFor = gauges.read();
        ServerGauges.Reading held = gauges.afterGc();
        long closedByServer =
                listeners.stream().filter(l -> l.closed().isDone()).count();
        long still = open.size() - closedByServer;
        report.put("n_sockets", idleSockets);
        report.put("n_open", open.size());
        report.put("n_failed", failed);
        report.put("n_closed_by_server", closedByServer);
        report.put("n_held", still);
        report.put("open_s", Math.round(openSeconds * 10) / 10.0);
        report.put("held_s", duration);
        report.put("page", page);
        report.put(
                "n_outreach",
                listeners.stream().mapToInt(LoadChat.Frames::outreach).sum());
        report.put(
                "n_sockets_reached",
                listeners.stream().filter(l -> l.outreach() > 0).count());
        long lastOutreach = listeners.stream()
                .mapToLong(LoadChat.Frames::lastOutreachNanos)
                .max()
                .orElse(0);
        report.put( // how long after the sockets were open the last one was reached: the rules' pace
                "last_outreach_s",
                lastOutreach == 0 ? null : Math.round((lastOutreach - holding.nanoTime()) / 1e8) / 10.0);
        ServerGauges.between(holding, heldFor, serverPid != null).forEach((key, value) -> {
            if (key.startsWith("server_cpu")) {
                report.put(key + "_held", value); // CPU while held, the opening's excluded
            }
        });
        Map<String, Object> per = new LinkedHashMap<>();
        if (before.heapBytes() != null && held.heapBytes() != null && still > 0) {
            per.put("heap_bytes_per_socket", Math.round((held.heapBytes() - before.heapBytes()) / still));
            per.put("server_heap_mb_before", Math.round(before.heapBytes() / (1 << 20)));
            per.put("server_heap_mb_held", Math.round(held.heapBytes() / (1 << 20)));
        }
        if (before.rssBytes() != null && held.rssBytes() != null && still > 0) {
            per.put("rss_bytes_per_socket", Math.round((held.rssBytes() - before.rssBytes()) / still));
            per.put("server_rss_mb_before", Math.round(before.rssBytes() / (1 << 20)));
            per.put("server_rss_mb_held", Math.round(held.rssBytes() / (1 << 20)));
        }
        per.forEach(report::put);
        report.put(
                "note",
                "the sockets were opened from the same machine as the server; heap after a full GC (jcmd GC.run)"
                        + " when --server-pid is given, else as /metrics reports it (garbage included)");
        pinger.shutdownNow();
        open.forEach(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        out.writeWithMetrics(
                report,
                "%s of %s sockets held; %s heap bytes per socket",
                "n_held",
                "n_sockets",
                "heap_bytes_per_socket");
        return 0;
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return runnable -> {
            Thread thread = new Thread(runnable, "kefu-load");
            thread.setDaemon(true);
            return thread;
        };
    }
}
