package dev.kefu.channels.app;

import dev.kefu.core.privacy.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The demo's own tokens, for a server started without configured ones: generated once, kept in
 * {@value #FILE} in the data directory (readable by its owner only, where the file system allows),
 * and the same on every later start. Each line has the form of the environment variable that
 * would configure it ({@code KEFU_TRAINER_TOKENS=demo-trainer:...}), so it reads as its own
 * instructions. A real deployment sets those variables instead.
 */
final class DemoTokens {
    static final String FILE = "demo-tokens.txt";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoTokens() {}

    /**
     * The {@code name:token} pair for {@code kind} ({@code trainer}, {@code agent}) kept in {@code
     * dataDir}, created if missing.
     */
    static String pair(Path dataDir, String kind) throws IOException {
        return value(
                dataDir, "KEFU_" + kind.toUpperCase(Locale.ROOT) + "_TOKENS", () -> "demo-" + kind + ":" + random());
    }

    /** The demo's secret set by {@code variable} ({@code KEFU_STORE_IDENTITY_SECRET}), created if missing. */
    static String secret(Path dataDir, String variable) throws IOException {
        return value(dataDir, variable, DemoTokens::random);
    }

    /** The value of {@code variable} in the file, or a new one from {@code make}, appended to it. */
    private static synchronized String value(Path dataDir, String variable, Supplier<String> make) throws IOException {
        Path file = dataDir.resolve(FILE);
        String prefix = variable + "=";
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        for (String line : lines) {
            if (line.startsWith(prefix) && !line.substring(prefix.length()).isBlank()) {
                return line.substring(prefix.length()).strip();
            }
        }
        String value = make.get();
        OwnerOnly.file(file);
        Files.writeString(file, prefix + value + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return value;
    }

    /** 32 random bytes, URL-safe Base64. */
    private static String random() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
