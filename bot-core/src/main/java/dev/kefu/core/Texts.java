package dev.kefu.core;

/** Small text helpers shared by what people are shown (summaries, queue previews). */
public final class Texts {
    private Texts() {}

    /**
     * {@code text} on one line (runs of whitespace as one space), at most {@code max} code points,
     * ending in "…" when it was cut; never splits a surrogate pair.
     */
    public static String shorten(String text, int max) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.codePointCount(0, flat.length()) <= max) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, max - 1)) + "…";
    }
}
