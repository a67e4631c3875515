package dev.kefu.core.slot;

import java.io.IOException;
import java.util.Optional;

/**
 * Where trainers' edited script library is kept: a file in the data directory of a node alone
 * ({@link FileScriptStore}), or the database every node of a cluster shares ({@code
 * JdbcScriptStore}). Each save is a new version; a version's number is its identity across nodes.
 */
public interface ScriptStore {
    /** One saved library: its YAML as the trainer wrote it. */
    record Saved(long version, String source) {
        public Saved {
            if (version < 1) {
                throw new IllegalArgumentException("script version must be >= 1, was " + version);
            }
            dev.kefu.core.Checks.requireNonNull("source", source);
        }
    }

    /** The newest saved library when its version is above {@code afterVersion} (0: any). */
    Optional<Saved> newerThan(long afterVersion) throws IOException;

    /** Keeps {@code source} as the newest version, durably before returning. */
    Saved save(String source) throws IOException;
}
