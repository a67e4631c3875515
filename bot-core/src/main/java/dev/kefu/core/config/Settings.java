package dev.kefu.core.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The checks the {@code *Config} records share. Each adds one message to {@code errors} naming the
 * setting, the rule and the value given, so every record words the same rule the same way.
 */
final class Settings {
    private Settings() {}

    /** A list setting: empty when it is not given, an immutable copy otherwise. */
    static List<String> list(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** A whole number from {@code min} to {@code max}. */
    static void range(List<String> errors, String name, long value, long min, long max) {
        range(errors, name, value, min, max, "");
    }

    /**
     * A whole number from {@code min} to {@code max}.
     *
     * @param note what a value means, after the range: {@code " (0 = one per processor)"}
     */
    static void range(List<String> errors, String name, long value, long min, long max, String note) {
        if (value < min || value > max) {
            errors.add(name + " must be " + min + ".." + max + note + ", was " + value);
        }
    }

    /** A whole number of at least {@code min}. */
    static void atLeast(List<String> errors, String name, long value, long min) {
        if (value < min) {
            errors.add(name + " must be >= " + min + ", was " + value);
        }
    }

    /** A file path, or {@code null} (not set); never blank. */
    static void path(List<String> errors, String name, String value) {
        if (value != null && value.isBlank()) {
            errors.add(name + " must be a path or null, was blank");
        }
    }

    /** A number from {@code min} to {@code max}, both included. */
    static void within(List<String> errors, String name, double value, double min, double max) {
        within(errors, name, value, min, max, "");
    }

    /**
     * A number from {@code min} to {@code max}, both included.
     *
     * @param note what a value means, after the interval: {@code " (above 1: never)"}
     */
    static void within(List<String> errors, String name, double value, double min, double max, String note) {
        if (!(value >= min && value <= max)) {
            errors.add(name + " must be in [" + bound(min) + ", " + bound(max) + "]" + note + ", was " + value);
        }
    }

    private static String bound(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** An absolute http or https URL with a host, or {@code null} (not set). */
    static void httpUrl(List<String> errors, String name, String value) {
        if (value == null) {
            return;
        }
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                errors.add(name + " must be an http(s) URL, was " + value);
            }
        } catch (URISyntaxException e) {
            errors.add(name + " is not a URL: " + value);
        }
    }
}
