package dev.kefu.core;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Argument checks for record constructors. Each failure names the field and the bad value, so a
 * mistake in wiring or data is found from the message alone.
 */
public final class Checks {
    private Checks() {}

    public static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, was " + quote(value));
        }
        return value;
    }

    public static <T> T requireNonNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    /**
     * {@link #requireNonNull(String, Object)} of a record's required components at once: {@code
     * names} lists them, separated by spaces, in the order of {@code values}, and a failure names the
     * first null one as {@code record.name}.
     */
    public static void requireAllNonNull(String record, String names, Object... values) {
        String[] split = names(names, values.length);
        for (int i = 0; i < values.length; i++) {
            requireNonNull(record + "." + split[i], values[i]);
        }
    }

    /** {@link #requireText(String, String)} of a record's required text components at once, as above. */
    public static void requireAllText(String record, String names, String... values) {
        String[] split = names(names, values.length);
        for (int i = 0; i < values.length; i++) {
            requireText(record + "." + split[i], values[i]);
        }
    }

    private static String[] names(String names, int count) {
        String[] split = names.split(" ");
        if (split.length != count) {
            throw new IllegalStateException(count + " values for the names " + names);
        }
        return split;
    }

    public static double requireUnit(String field, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be in [0, 1], was " + value);
        }
        return value;
    }

    public static double requireSigned(String field, double value) {
        if (!(value >= -1.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be in [-1, 1], was " + value);
        }
        return value;
    }

    public static long requirePositive(String field, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, was " + value);
        }
        return value;
    }

    public static long requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must be >= 0, was " + value);
        }
        return value;
    }

    /** An immutable copy of the list, rejecting a null list or null elements. */
    public static <T> List<T> copyOf(String field, Collection<? extends T> values) {
        if (values == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        for (T value : values) {
            if (value == null) {
                throw new IllegalArgumentException(field + " must not contain null, was " + values);
            }
        }
        return List.copyOf(values);
    }

    /** An immutable copy of the set, rejecting a null set or null elements. */
    public static <T> Set<T> copyOfSet(String field, Collection<? extends T> values) {
        return Set.copyOf(copyOf(field, values));
    }

    private static String quote(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
