package dev.kefu.core.slot;

import dev.kefu.core.Checks;
import dev.kefu.core.privacy.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The edited library of a node alone: one file ({@code <data dir>/scripts.yaml}), replaced
 * atomically (written to a temporary file, then moved over it), its owner's only. Nothing but this
 * process writes it, so its version is counted in memory: 1 for the file found at start.
 */
public final class FileScriptStore implements ScriptStore {
    private final Path file;
    private long version;

    public FileScriptStore(Path file) {
        this.file = Checks.requireNonNull("file", file);
        this.version = Files.exists(file) ? 1 : 0;
    }

    @Override
    public synchronized Optional<Saved> newerThan(long afterVersion) throws IOException {
        if (version <= afterVersion || !Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(new Saved(version, Files.readString(file, StandardCharsets.UTF_8)));
    }

    @Override
    public synchronized Saved save(String source) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp); // left over from a crash
        Files.writeString(OwnerOnly.file(temp), source, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Saved(++version, source);
    }
}
