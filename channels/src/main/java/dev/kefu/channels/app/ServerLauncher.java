package dev.kefu.channels.app;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;

/**
 * The jar's entry point ({@code java -jar kefu-server.jar ...}): starts {@link KefuServer} in a
 * JVM of its own with the JVM options the server is measured with, because a jar cannot carry
 * JVM options and the JVM's defaults are the wrong ones here.
 *
 * <p>Why: a turn's CPU is mostly the ONNX encoder (native code), so the C2 compiler buys little
 * at run time, while compiling Jetty, H2, Lucene and Jackson with it costs the first minute of a
 * two-core machine: about 3 s of CPU before the server is ready and half a core while it serves
 * its first load, which is where single-stream latency spikes came from. With C1 alone
 * ({@code -XX:TieredStopAtLevel=1}) the server was ready in 2.1 s instead of 3.0-3.4 s and the
 * single stream's p99 fell from 21 to 13 ms, at the same saturated throughput
 * (docs/BENCHMARKS.md, "JVM options").
 *
 * <p>The server JVM also maps the classes of an earlier run of the same jar ({@link ClassArchive}).
 *
 * <p>Only a plain start is relaunched: a JVM started with options of its own (on the command line,
 * {@code JDK_JAVA_OPTIONS} or {@code JAVA_TOOL_OPTIONS}) is someone managing the JVM, and runs the
 * server in place with exactly those options; {@code KEFU_JVM_OPTIONS} replaces the options below
 * (empty: run in place). Subcommands and help run in place. This process waits for the server's:
 * it passes SIGTERM and Ctrl-C on (a graceful stop) and exits with its code; if this process is
 * killed outright, the server notices and stops gracefully ({@link #stopWithLauncher}).
 */
public final class ServerLauncher {
    /** The server JVM's options when {@code KEFU_JVM_OPTIONS} is not set. */
    static final List<String> DEFAULT_OPTIONS = defaultOptions(Runtime.version().feature());

    /** Environment variable replacing {@link #DEFAULT_OPTIONS}, split at white space; empty = no relaunch. */
    static final String OPTIONS_ENV = "KEFU_JVM_OPTIONS";

    /** System property naming the launcher's process id in the server JVM. */
    static final String LAUNCHER_PID = "kefu.launcher.pid";

    /**
     * Arguments that run in place: {@link KefuServer}'s subcommands (read from its {@code @Command},
     * so a new one is never relaunched and recorded into the class archive) and picocli's standard
     * help options.
     */
    private static final Set<String> IN_PLACE_ARGUMENTS = inPlaceArguments();

    /** How long a stopping launcher waits for the server's graceful stop before killing it. */
    private static final long STOP_SECONDS = 60;

    private ServerLauncher() {}

    public static void main(String[] args) throws Exception {
        List<String> options = serverOptions(
                System.getenv(OPTIONS_ENV), ManagementFactory.getRuntimeMXBean().getInputArguments(), args);
        if (options == null) {
            KefuServer.main(args);
            return;
        }
        String classPath = System.getProperty("java.class.path");
        Optional<ClassArchive> archive =
                ClassArchive.of(classPath, options, ClassArchive.cacheDir(System.getenv("XDG_CACHE_HOME")));
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(options);
        archive.ifPresent(a -> command.addAll(a.options()));
        command.add("-D" + LAUNCHER_PID + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(classPath);
        command.add(KefuServer.class.getName());
        command.addAll(Arrays.asList(args));
        Process server = new ProcessBuilder(command).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, archive), "kefu-launcher-stop"));
        int exit = server.waitFor();
        archive.ifPresent(a -> a.settle(exit));
        System.exit(exit);
    }

    /**
     * The options to start the server JVM with, or {@code null} to run it in this JVM: when this
     * JVM has options of its own ({@code jvmArguments}), a subcommand or help is asked for, or
     * {@code configured} (the value of {@code KEFU_JVM_OPTIONS}) is blank.
     */
    static List<String> serverOptions(String configured, List<String> jvmArguments, String[] args) {
        if (Arrays.stream(args).anyMatch(IN_PLACE_ARGUMENTS::contains) || !jvmArguments.isEmpty()) {
            return null;
        }
        if (configured == null) {
            return DEFAULT_OPTIONS;
        }
        List<String> options = Arrays.stream(configured.trim().split("\\s+"))
                .filter(option -> !option.isEmpty())
                .toList();
        return options.isEmpty() ? null : options;
    }

    private static Set<String> inPlaceArguments() {
        Set<String> arguments = new HashSet<>(Set.of("-h", "--help", "-V", "--version"));
        for (Class<?> subcommand : KefuServer.class.getAnnotation(Command.class).subcommands()) {
            arguments.add(subcommand.getAnnotation(Command.class).name());
        }
        return Set.copyOf(arguments);
    }

    /**
     * C1 only; from Java 22 on, also native access for the unnamed module: Lucene maps its index
     * through {@code java.lang.foreign} and the JVM would warn at every start (and will refuse).
     */
    static List<String> defaultOptions(int javaFeatureVersion) {
        return javaFeatureVersion >= 22
                ? List.of("-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED")
                : List.of("-XX:TieredStopAtLevel=1");
    }

    /**
     * In the server JVM: a graceful stop (the shutdown hooks) as soon as the launcher that started
     * it is gone, so a launcher killed with SIGKILL does not leave a server holding the port and
     * the data directory. Nothing when the server was not started by a launcher.
     */
    static void stopWithLauncher() {
        String pid = System.getProperty(LAUNCHER_PID);
        if (pid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid))
                .ifPresentOrElse(launcher -> launcher.onExit().thenRun(() -> System.exit(143)), () -> System.exit(143));
    }

    /** Passes the stop on (SIGTERM) and waits for the server's graceful stop, bounded. */
    private static void stop(Process server, Optional<ClassArchive> archive) {
        if (server.isAlive()) {
            server.destroy();
            try {
                if (!server.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                server.destroyForcibly();
                return;
            }
        }
        archive.ifPresent(a -> a.settle(server.exitValue()));
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElseGet(() -> Path.of(
                        System.getProperty("java.home"), "bin", "java")
                .toString());
    }
}
