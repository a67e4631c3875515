package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar kefu-server.jar} as a user types it: {@link ServerLauncher} starts the server in
 * a JVM of its own with the measured options, unless the JVM was given options of its own or
 * {@code KEFU_JVM_OPTIONS} says otherwise; stopping or killing the launcher stops the server.
 */
class ServerLauncherIT {
    private final List<Process> launched = new ArrayList<>();
    private Path dataDir;
    /** The port the last launch was given. */
    private int port;

    @AfterEach
    void stop() throws Exception {
        for (Process launcher : launched) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
        if (dataDir != null) {
            RunningServer.deleteTree(dataDir);
        }
    }

    @Test
    void should_start_the_server_in_a_jvm_of_its_own_with_c1_only_and_stop_it_when_the_launcher_is_killed()
            throws Exception {
        Process launcher = launch(List.of(), null);

        ProcessHandle server = onlyChild(launcher);
        assertThat(commandLine(server))
                .contains(
                        "-XX:TieredStopAtLevel=1", "-Dkefu.launcher.pid=" + launcher.pid(), KefuServer.class.getName())
                .contains("--port", Integer.toString(port));

        launcher.destroyForcibly().waitFor(20, TimeUnit.SECONDS); // SIGKILL: its hooks do not run
        assertThat(server.onExit().get(60, TimeUnit.SECONDS).isAlive())
                .as("the server stops when its launcher is gone")
                .isFalse();
    }

    @Test
    void should_pass_sigterm_on_and_exit_once_the_server_has_stopped() throws Exception {
        Process launcher = launch(List.of(), null);
        ProcessHandle server = onlyChild(launcher);

        launcher.destroy(); // SIGTERM, as a service manager stops it

        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(server.isAlive()).as("the launcher exits after its server").isFalse();
        assertThat(launcher.exitValue()).isEqualTo(143);
    }

    @Test
    void should_use_the_options_of_kefu_jvm_options_instead() throws Exception {
        Process launcher = launch(List.of(), "-Xmx320m  -XX:TieredStopAtLevel=1");

        assertThat(commandLine(onlyChild(launcher))).contains("-Xmx320m", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void should_run_the_server_in_place_when_the_jvm_has_options_of_its_own_or_kefu_jvm_options_is_empty()
            throws Exception {
        Process withOptions = launch(List.of("-Xmx320m"), null);
        assertThat(withOptions.children().toList())
                .as("no second JVM for a JVM started with options")
                .isEmpty();
        withOptions.destroy();
        assertThat(withOptions.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Process empty = launch(List.of(), "");
        assertThat(empty.children().toList())
                .as("no second JVM when KEFU_JVM_OPTIONS is empty")
                .isEmpty();
    }

    @Test
    void should_record_the_classes_of_a_first_run_of_the_jar_and_map_them_in_the_next() throws Exception {
        Path cache = Files.createTempDirectory("kefu-cache");
        try {
            Process first = launchJar(Map.of("XDG_CACHE_HOME", cache.toString()));
            assertThat(commandLine(onlyChild(first))).contains("-XX:ArchiveClassesAtExit=" + cache.resolve("kefu"));
            first.destroy(); // SIGTERM: the server stops, its JVM writes the archive, the launcher keeps it
            assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();
            List<Path> kept;
            try (Stream<Path> files = Files.list(cache.resolve("kefu"))) {
                kept = files.toList();
            }
            assertThat(kept).hasSize(1);
            Path archive = kept.get(0);
            assertThat(archive.getFileName().toString())
                    .startsWith("kefu-server-")
                    .endsWith(".jsa");

            ProcessHandle second = onlyChild(launchJar(Map.of("XDG_CACHE_HOME", cache.toString())));

            assertThat(commandLine(second)).contains("-XX:SharedArchiveFile=" + archive);
            assertThat(Files.readString(Path.of("/proc", Long.toString(second.pid()), "maps")))
                    .as("the server JVM mapped the archive")
                    .contains(archive.toString());
        } finally {
            for (Process launcher : launched) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
            RunningServer.deleteTree(cache);
        }
    }

    @Test
    void should_keep_an_archive_only_of_one_jar_and_only_of_a_server_that_ran_and_stopped() throws Exception {
        Path cache = Files.createTempDirectory("kefu-cache");
        Path jar = Files.write(cache.resolve("server.jar"), new byte[] {1});
        try {
            assertThat(ClassArchive.of("target/classes" + java.io.File.pathSeparator + jar, List.of(), cache))
                    .as("a class path of several entries")
                    .isEmpty();
            ClassArchive archive = ClassArchive.of(jar.toString(), List.of("-Xmx1g"), cache.resolve("kefu"))
                    .orElseThrow();
            assertThat(ClassArchive.of(jar.toString(), List.of("-Xmx2g"), cache.resolve("kefu"))
                            .orElseThrow()
                            .archive())
                    .as("other options, another archive")
                    .isNotEqualTo(archive.archive());
            String recording = archive.options().get(0).substring("-XX:ArchiveClassesAtExit=".length());
            Files.write(Path.of(recording), new byte[] {1});
            archive.settle(2); // a failed start
            assertThat(Path.of(recording)).doesNotExist();
            assertThat(archive.archive()).doesNotExist();

            ClassArchive next = ClassArchive.of(jar.toString(), List.of("-Xmx1g"), cache.resolve("kefu"))
                    .orElseThrow();
            String nextRecording = next.options().get(0).substring("-XX:ArchiveClassesAtExit=".length());
            Files.write(Path.of(nextRecording), new byte[] {1});
            next.settle(143);
            assertThat(next.archive()).exists();

            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            Path orphan = Files.write(
                    cache.resolve("kefu").resolve("kefu-server-0a.jsa." + gone.pid() + ".tmp"), new byte[] {1});
            Path running = Files.write(
                    cache.resolve("kefu")
                            .resolve("kefu-server-0b.jsa."
                                    + ProcessHandle.current().pid() + ".tmp"),
                    new byte[] {1});
            ClassArchive.of(jar.toString(), List.of("-Xmx1g"), cache.resolve("kefu"));
            assertThat(orphan).as("the recording of a launcher killed outright").doesNotExist();
            assertThat(running).as("a running launcher's recording").exists();

            List<Path> older = new ArrayList<>();
            for (int i = 0; i < ClassArchive.KEPT; i++) { // archives of earlier builds, oldest first
                Path earlier =
                        Files.write(cache.resolve("kefu").resolve("kefu-server-00" + i + ".jsa"), new byte[] {1});
                Files.setLastModifiedTime(earlier, java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
                older.add(earlier);
            }
            ClassArchive another = ClassArchive.of(jar.toString(), List.of("-Xmx3g"), cache.resolve("kefu"))
                    .orElseThrow();
            Files.write(
                    Path.of(another.options().get(0).substring("-XX:ArchiveClassesAtExit=".length())), new byte[] {1});
            another.settle(0);
            try (Stream<Path> files = Files.list(cache.resolve("kefu"))) {
                assertThat(files.filter(f -> f.toString().endsWith(".jsa")).toList())
                        .as("the newest archives only")
                        .containsExactlyInAnyOrder(another.archive(), next.archive(), older.get(ClassArchive.KEPT - 1))
                        .hasSize(ClassArchive.KEPT);
            }
            assertThat(next.options()).containsExactly("-XX:SharedArchiveFile=" + next.archive(), "-Xlog:cds*=off");
        } finally {
            RunningServer.deleteTree(cache);
        }
    }

    @Test
    void should_choose_the_server_options_from_the_environment_the_jvm_and_the_arguments() {
        String[] serve = {"--port", "0"};
        assertThat(ServerLauncher.serverOptions(null, List.of(), serve)).isEqualTo(ServerLauncher.DEFAULT_OPTIONS);
        assertThat(ServerLauncher.defaultOptions(17)).containsExactly("-XX:TieredStopAtLevel=1");
        assertThat(ServerLauncher.defaultOptions(25))
                .containsExactly("-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED");
        assertThat(ServerLauncher.serverOptions(" -Xmx1g\t-Xss1m ", List.of(), serve))
                .containsExactly("-Xmx1g", "-Xss1m");
        assertThat(ServerLauncher.serverOptions(" ", List.of(), serve)).isNull();
        assertThat(ServerLauncher.serverOptions(null, List.of("-Xmx1g"), serve)).isNull();
        assertThat(ServerLauncher.serverOptions(null, List.of(), new String[] {"shopper-token", "--id", "a"}))
                .isNull();
        assertThat(ServerLauncher.serverOptions(null, List.of(), new String[] {"--help"}))
                .isNull();
    }

    /** Starts {@code java [jvmOptions] -cp CLASSPATH ServerLauncher --port P --data-dir D} and waits until ready. */
    private Process launch(List<String> jvmOptions, String kefuJvmOptions) throws Exception {
        List<String> main = new ArrayList<>(jvmOptions);
        main.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerLauncher.class.getName()));
        return launch(main, kefuJvmOptions, Map.of());
    }

    /** Starts {@code java -jar target/kefu-server.jar --port P --data-dir D}, as the README does, and waits until ready. */
    private Process launchJar(Map<String, String> environment) throws Exception {
        Path jar = Path.of("target", "kefu-server.jar");
        assertThat(jar)
                .as("the packaged server (mvn package runs before the integration tests)")
                .isRegularFile();
        return launch(List.of("-jar", jar.toString()), null, environment);
    }

    private Process launch(List<String> main, String kefuJvmOptions, Map<String, String> extraEnvironment)
            throws Exception {
        if (dataDir == null) {
            dataDir = Files.createTempDirectory("kefu-launcher");
        }
        port = ServerProcess.freePort();
        Process launcher = ServerProcess.start(
                main,
                port,
                dataDir,
                dataDir.resolve("launcher-" + System.nanoTime() + ".log"),
                environment -> {
                    environment.remove("JDK_JAVA_OPTIONS");
                    environment.remove("JAVA_TOOL_OPTIONS");
                    environment.remove(ServerLauncher.OPTIONS_ENV);
                    if (kefuJvmOptions != null) {
                        environment.put(ServerLauncher.OPTIONS_ENV, kefuJvmOptions);
                    }
                    environment.putAll(extraEnvironment);
                },
                Duration.ofSeconds(90));
        launched.add(launcher);
        return launcher;
    }

    private static ProcessHandle onlyChild(Process launcher) {
        List<ProcessHandle> children = launcher.children().toList();
        assertThat(children).as("the launcher's server JVM").hasSize(1);
        return children.get(0);
    }

    /** The process's command line, from /proc (where ProcessHandle.Info may be cut). */
    private static String commandLine(ProcessHandle process) throws IOException {
        return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"))
                .replace('\0', ' ');
    }
}
