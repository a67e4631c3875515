package dev.kefu.channels.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server JVM's class-data sharing archive (AppCDS), kept by {@link ServerLauncher} in the
 * user's cache directory: the first run of a jar records the classes it loaded when it stops
 * ({@code -XX:ArchiveClassesAtExit}), later runs map them instead of loading, verifying and
 * linking some 8,000 classes again: ready in about 1.6 s instead of 2.1 s on two cores
 * (docs/BENCHMARKS.md, "JVM options"). Java 17 has no automatic archive, hence this.
 *
 * <p>An archive belongs to one jar, JDK and set of options (its file name is a digest of them),
 * so a rebuilt jar or another JDK gets a new one and never a mismatched one; the JVM falls back to
 * loading classes if an archive cannot be used. A run is recorded to a file of its own and moved
 * into place only when the server ran and was stopped (exit 0, 130 or 143): a failed start's
 * classes are no archive.
 */
final class ClassArchive {
    /** Exit codes of a server that ran and was stopped: normal exit, SIGINT, SIGTERM. */
    private static final Set<Integer> STOPPED = Set.of(0, 130, 143);

    /** Archives kept in the cache directory, the newest first. */
    static final int KEPT = 3;

    /** An archive's file name. */
    private static final Pattern ARCHIVE = Pattern.compile("kefu-server-[0-9a-f]+\\.jsa");

    /** A recording's file name; its group is the launcher's pid. */
    private static final Pattern RECORDING = Pattern.compile("kefu-server-[0-9a-f]+\\.jsa\\.(\\d+)\\.tmp");

    private final Path archive;
    private final Path recording;
    private final AtomicBoolean settled = new AtomicBoolean();

    private ClassArchive(Path archive, Path recording) {
        this.archive = archive;
        this.recording = recording;
    }

    /**
     * The archive of {@code classPath} under {@code cacheDir} for a JVM started with {@code
     * options}, or empty when the class path is not one jar (the JVM archives only jars) or the
     * cache directory cannot be made.
     */
    static Optional<ClassArchive> of(String classPath, List<String> options, Path cacheDir) {
        Path jar = Path.of(classPath);
        if (classPath.contains(java.io.File.pathSeparator)
                || !classPath.endsWith(".jar")
                || !Files.isRegularFile(jar)) {
            return Optional.empty();
        }
        try {
            Files.createDirectories(cacheDir);
            String key = String.join(
                    "\n",
                    jar.toAbsolutePath().toString(),
                    Long.toString(Files.size(jar)),
                    Files.getLastModifiedTime(jar).toString(),
                    System.getProperty("java.home"),
                    System.getProperty("java.vm.version"),
                    String.join(" ", options));
            String name = "kefu-server-" + digest(key) + ".jsa";
            dropOrphans(cacheDir);
            return Optional.of(new ClassArchive(
                    cacheDir.resolve(name),
                    cacheDir.resolve(name + "." + ProcessHandle.current().pid() + ".tmp")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes the recordings of launchers that are gone: a launcher killed outright never moves
     * its server's recording into place, and each is some 50 MB.
     */
    private static void dropOrphans(Path cacheDir) throws IOException {
        try (var files = Files.list(cacheDir)) {
            for (Path file : files.toList()) {
                Matcher recording = RECORDING.matcher(file.getFileName().toString());
                if (recording.matches()
                        && !ProcessHandle.of(Long.parseLong(recording.group(1)))
                                .map(ProcessHandle::isAlive)
                                .orElse(false)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** {@code $XDG_CACHE_HOME/kefu}, else {@code ~/.cache/kefu}. */
    static Path cacheDir(String xdgCacheHome) {
        return xdgCacheHome == null || xdgCacheHome.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "kefu")
                : Path.of(xdgCacheHome, "kefu");
    }

    /** The JVM options that use the archive, or record one when there is none yet. */
    List<String> options() {
        return Files.isRegularFile(archive)
                ? List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off")
                : List.of("-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds*=off");
    }

    /** After the server JVM exited with {@code exitCode}: keeps what it recorded, or drops it. Once. */
    void settle(int exitCode) {
        if (!settled.compareAndSet(false, true)) {
            return;
        }
        try {
            if (STOPPED.contains(exitCode) && Files.isRegularFile(recording) && Files.size(recording) > 0) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                keepNewest(archive.getParent());
            } else {
                Files.deleteIfExists(recording);
            }
        } catch (IOException e) {
            // only the next start's speed depends on it
        }
    }

    Path archive() {
        return archive;
    }

    /**
     * Deletes all but the {@value #KEPT} newest archives: every rebuilt jar gets an archive of its
     * own (about 50 MB), and only the newest ones are still started.
     */
    private static void keepNewest(Path cacheDir) throws IOException {
        List<Path> archives;
        try (var files = Files.list(cacheDir)) {
            archives = files.filter(file ->
                            ARCHIVE.matcher(file.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(ClassArchive::modified).reversed())
                    .toList();
        }
        for (Path old : archives.subList(Math.min(KEPT, archives.size()), archives.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0); // gone meanwhile: the oldest
        }
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
