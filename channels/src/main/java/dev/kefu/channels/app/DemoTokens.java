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
    static synchronized String pair(Path dataDir, String kind) throws IOException {
        Path file = dataDir.resolve(FILE);
        String prefix = "KEFU_" + kind.toUpperCase(Locale.ROOT) + "_TOKENS=";
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        for (String line : lines) {
            if (line.startsWith(prefix) && line.indexOf(':', prefix.length()) > prefix.length()) {
                return line.substring(prefix.length()).strip();
            }
        }
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String pair =
                "demo-" + kind + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        OwnerOnly.file(file);
        Files.writeString(file, prefix + pair + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        return pair;
    }
}
