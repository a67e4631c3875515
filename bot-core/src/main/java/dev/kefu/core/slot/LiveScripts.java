package dev.kefu.core.slot;

import dev.kefu.core.Checks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The script library the bot uses now, and where trainers' edits of it are kept ({@link
 * ScriptStore}): loaded once at start (the edited library wins over {@code slots.scripts}, as the
 * knowledge journal wins over {@code knowledge.file}), replaced as a whole while the bot runs. A
 * replacement is saved, then swapped in; the next message reads it. {@link #follow} swaps in what
 * another node saved. Thread-safe: readers never wait; replacements are serialised.
 */
public final class LiveScripts implements Supplier<ScriptLibrary> {
    private static final System.Logger LOG = System.getLogger(LiveScripts.class.getName());

    private final ScriptStore store;
    private volatile ScriptLibrary current;
    /** The version of {@link #current} (0: not an edited one). */
    private long version;

    private LiveScripts(ScriptStore store, ScriptLibrary current, long version) {
        this.store = store;
        this.current = current;
        this.version = version;
    }

    /**
     * The library to start with: {@code edited} when trainers have saved one, otherwise {@code
     * configured}, otherwise the demo store's.
     *
     * @param edited where trainers' edits are kept ({@code <data dir>/scripts.yaml})
     * @param configured the configured library ({@code slots.scripts}), or {@code null}
     * @throws ScriptLibrary.ScriptException listing every problem of the file loaded
     */
    public static LiveScripts open(Path edited, Path configured) throws IOException {
        return open(new FileScriptStore(Checks.requireNonNull("edited", edited)), null, configured);
    }

    /**
     * The library to start with: the newest in {@code store}; else the file {@code importFrom}
     * (the edited file of a node that kept it on its own disk), saved into the store once and
     * renamed {@code *.imported}; else {@code configured}; else the demo store's.
     *
     * @param importFrom an edited file to import once, or {@code null}
     * @param configured the configured library ({@code slots.scripts}), or {@code null}
     * @throws ScriptLibrary.ScriptException listing every problem of the library loaded
     */
    public static LiveScripts open(ScriptStore store, Path importFrom, Path configured) throws IOException {
        Checks.requireNonNull("store", store);
        Optional<ScriptStore.Saved> saved = store.newerThan(0);
        if (saved.isEmpty() && importFrom != null && Files.exists(importFrom)) {
            ScriptLibrary imported = ScriptLibrary.load(importFrom);
            saved = Optional.of(store.save(imported.source()));
            Path done = importFrom.resolveSibling(importFrom.getFileName() + ".imported");
            Files.move(importFrom, done, StandardCopyOption.REPLACE_EXISTING);
            LOG.log(System.Logger.Level.INFO, "imported the edited scripts of " + importFrom + " (now " + done + ")");
        } else if (saved.isPresent() && importFrom != null && Files.exists(importFrom)) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "the edited scripts are kept in the database already; " + importFrom + " is not imported");
        }
        if (saved.isPresent()) {
            return new LiveScripts(store, parse(saved.get()), saved.get().version());
        }
        return new LiveScripts(store, configured == null ? ScriptLibrary.demo() : ScriptLibrary.load(configured), 0);
    }

    /** The library in use; read it once per message. */
    @Override
    public ScriptLibrary get() {
        return current;
    }

    /** The version of the edited library in use (0: none edited yet): its identity across nodes. */
    public synchronized long version() {
        return version;
    }

    /**
     * Keeps {@code library} (its YAML as written, comments included), then uses it from the next
     * message on. When it cannot be kept, nothing changes.
     */
    public synchronized void replace(ScriptLibrary library) throws IOException {
        Checks.requireNonNull("library", library);
        ScriptStore.Saved saved = store.save(library.source());
        current = library;
        version = saved.version();
    }

    /**
     * Swaps in the newest library another node saved, if any. Called by a poll or a notice.
     *
     * @return whether the library changed
     */
    public synchronized boolean follow() throws IOException {
        Optional<ScriptStore.Saved> newer = store.newerThan(version);
        if (newer.isEmpty()) {
            return false;
        }
        current = parse(newer.get());
        version = newer.get().version();
        return true;
    }

    private static ScriptLibrary parse(ScriptStore.Saved saved) {
        return ScriptLibrary.parse(
                saved.source().getBytes(StandardCharsets.UTF_8),
                "the edited scripts (version " + saved.version() + ")");
    }
}
