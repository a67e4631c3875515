package dev.kefu.core.compose.llm;

import java.util.regex.Pattern;

/**
 * An answer still being written, made fit to show: citation markers removed, and a marker or
 * placeholder cut off mid-way ({@code "[policy-shi"}, {@code "<PHO"}) held back until it is whole.
 */
final class Drafts {
    /** An unclosed bracket or angle bracket at the end, short enough to be a marker in progress. */
    private static final Pattern OPEN_TAIL =
            Pattern.compile("(?:\\[[^\\]\\s]{0,80}|【[^】\\s]{0,80}|<[A-Za-z_0-9]{0,30})$");

    private Drafts() {}

    static String clean(String written) {
        String whole = OPEN_TAIL.matcher(written).replaceFirst("");
        return CitationMarkers.parse(whole).text().strip();
    }
}
