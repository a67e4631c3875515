package dev.kefu.core.config;

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
