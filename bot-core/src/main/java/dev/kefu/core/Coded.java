package dev.kefu.core;

import java.util.Locale;
import java.util.Optional;

/**
 * An enum whose stable code (in JSON, configuration, storage and logs) is its name in lower case,
 * {@code HANDOFF_PENDING} as {@code handoff_pending}: one rule for every such enum, and one lookup.
 */
public interface Coded {
    /** The constant's name (every enum has it). */
    String name();

    /** The stable code: the name in lower case. */
    default String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The one of {@code values} whose code is exactly {@code code}, if any. */
    static <E extends Coded> Optional<E> find(E[] values, String code) {
        for (E value : values) {
            if (value.code().equals(code)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
