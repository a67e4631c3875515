package dev.kefu.core;

/**
 * Small text helpers shared by what people type and are shown (messages as received, summaries,
 * queue previews).
 */
public final class Texts {
    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int REPLACEMENT = 0xFFFD;

    private Texts() {}

    /**
     * {@code text} as it may be stored and shown: without control characters (NUL, which
     * PostgreSQL refuses, escape sequences, ...) other than tab and line breaks, and without format
     * characters (zero-width spaces, byte-order marks, direction overrides that make a text read
     * differently than it is); the zero-width joiners that emoji and some scripts need stay. A lone
     * surrogate, which no database encoding can hold, becomes U+FFFD.
     */
    public static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            int type = Character.getType(cp);
            boolean drop = (type == Character.CONTROL && cp != '\t' && cp != '\n' && cp != '\r')
                    || (type == Character.FORMAT && cp != ZERO_WIDTH_NON_JOINER && cp != ZERO_WIDTH_JOINER);
            boolean lone = type == Character.SURROGATE;
            if ((drop || lone) && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (lone) {
                out.appendCodePoint(REPLACEMENT);
            } else if (!drop && out != null) {
                out.appendCodePoint(cp);
            }
            i = next;
        }
        return out == null ? text : out.toString();
    }

    /**
     * Whether {@code text} shows nothing: only white space (no-break and ideographic spaces
     * included), control and format characters (zero-width ones).
     */
    public static boolean isBlank(String text) {
        return text.codePoints()
                .allMatch(cp -> Character.isWhitespace(cp)
                        || Character.isSpaceChar(cp)
                        || Character.getType(cp) == Character.CONTROL
                        || Character.getType(cp) == Character.FORMAT);
    }

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
