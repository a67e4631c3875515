package dev.kefu.core.slot;

import dev.kefu.core.Checks;
import dev.kefu.core.privacy.OwnerOnly;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;

/**
 * The script library the bot uses now, and where trainers' edits of it are kept: loaded once at
 * start (the edited file wins over {@code slots.scripts}, as the knowledge journal wins over
 * {@code knowledge.file}), replaced as a whole while the bot runs. A replacement is written to a
 * temporary file and moved over the edited file atomically, then swapped in; the next message
 * reads it. The file is its owner's only. Thread-safe: readers never wait; replacements are serialised.
 */
public final class LiveScripts implements Supplier<ScriptLibrary> {
    private final Path edited;
    private volatile ScriptLibrary current;

    private LiveScripts(Path edited, ScriptLibrary current) {
        this.edited = edited;
        this.current = current;
    }

    /**
     * The library to start with: {@code edited} when trainers have saved one, otherwise {@code
     * configured}, otherwise the demo store's.
     *
     * @param edited where trainers' edits are kept ({@code <data dir>/scripts.yaml})
     * @param configured the configured library ({@code slots.scripts}), or {@code null}
     * @throws ScriptLibrary.ScriptException listing every problem of the file loaded
     */
    public static LiveScripts open(Path edited, Path configured) {
        Checks.requireNonNull("edited", edited);
        ScriptLibrary library = Files.exists(edited)
                ? ScriptLibrary.load(edited)
                : configured == null ? ScriptLibrary.demo() : ScriptLibrary.load(configured);
        return new LiveScripts(edited, library);
    }

    /** The library in use; read it once per message. */
    @Override
    public ScriptLibrary get() {
        return current;
    }

    /**
     * Keeps {@code library} (its YAML as written, comments included) as the edited file, then uses
     * it from the next message on. When the file cannot be written, nothing changes.
     */
    public synchronized void replace(ScriptLibrary library) throws IOException {
        Checks.requireNonNull("library", library);
        Path temp = edited.resolveSibling(edited.getFileName() + ".tmp");
        Files.deleteIfExists(temp); // left over from a crash
        Files.writeString(OwnerOnly.file(temp), library.source(), StandardCharsets.UTF_8);
        Files.move(temp, edited, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        current = library;
    }
}
