package dev.kefu.core.compose.llm;

import dev.kefu.core.Checks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the citation markers a model writes into its answer (see contracts, "LLM prompts"): the
 * ids of the passages it used in square brackets, {@code [policy-shipping]}, also several in one
 * bracket ({@code [a, b]}, {@code [a、b]}), side by side ({@code [a][b]}, {@code [a], [b]}), or in
 * the full-width brackets Chinese text uses ({@code 【policy-shipping】}).
 *
 * <p>A bracket is a marker only when every id in it is a known id (case-insensitive, reported in
 * its known spelling) or looks like one: lower case, starting with a letter, of letters, digits,
 * {@code . _ -}, with at least one {@code -} or {@code _} ({@code faq-double-eleven}). So ordinary
 * bracketed words ({@code [sic]}, {@code [2-4 days]}, {@code [Note]}) stay text, and so do masked
 * personal data ({@code <PHONE_1>}, {@code [PHONE_1]}: upper case). An id-shaped marker that names
 * no provided passage is still a marker: the caller decides whether that is an unknown citation.
 *
 * <p>Markers are removed and the text around them tidied: no double spaces, no space before
 * punctuation, no space between Chinese characters or next to Chinese punctuation (one space
 * between Chinese and Latin text stays, as in {@code Cloud Lite 推车}), no empty brackets left by
 * {@code ([a])}, line breaks kept. Only whitespace next to a marker is touched. Stateless and thread-safe.
 */
final class CitationMarkers {
    private static final Pattern BRACKET = Pattern.compile("\\[([^\\[\\]\\n]{1,400})\\]|【([^【】\\n]{1,400})】");
    private static final Pattern ID_SHAPE = Pattern.compile("[a-z][a-z0-9._-]*[a-z0-9]");
    private static final Pattern ID_SEPARATOR = Pattern.compile("[\\s,，、;；]+");
    private static final String CLOSING = ".,!?;:。，！？；：、)）]】}\"'”’…";
    private static final String OPENING = "(（[【{\"'“‘";
    private static final String SENTENCE_END = ".!?。！？";

    private CitationMarkers() {}

    /**
     * The answer's text without markers and the ids it cites.
     *
     * @param text the answer with markers removed and the spacing around them tidied, stripped
     * @param ids the cited ids, distinct, in order of first appearance
     */
    public record Parsed(String text, List<String> ids) {
        public Parsed {
            Checks.requireNonNull("parsed.text", text);
            ids = Checks.copyOf("parsed.ids", ids);
        }
    }

    /** {@link #parse(String, Collection)} with no known ids: only id-shaped brackets are markers. */
    public static Parsed parse(String answer) {
        return parse(answer, List.of());
    }

    /**
     * Finds and removes the markers of {@code answer}.
     *
     * @param knownIds ids that are markers even when they do not look like one (the README allows
     *     upper case, {@code :} and {@code ?} in entry ids), e.g. the ids of the passages in the
     *     prompt
     */
    public static Parsed parse(String answer, Collection<String> knownIds) {
        Checks.requireNonNull("answer", answer);
        Map<String, String> known = Checks.copyOf("knownIds", knownIds).stream()
                .collect(Collectors.toMap(id -> id.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
        List<int[]> markers = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        Matcher m = BRACKET.matcher(answer);
        while (m.find()) {
            String content = m.group(1) != null ? m.group(1) : m.group(2);
            List<String> found = ids(content, known);
            if (!found.isEmpty()) {
                ids.addAll(found);
                markers.add(new int[] {m.start(), m.end()});
            }
        }
        return new Parsed(remove(answer, markers), List.copyOf(ids));
    }

    /** The ids in one bracket's content, or an empty list when any part is not an id. */
    private static List<String> ids(String content, Map<String, String> known) {
        List<String> ids = new ArrayList<>();
        for (String part : ID_SEPARATOR.split(content.strip())) {
            if (part.isEmpty()) {
                continue;
            }
            String knownId = known.get(part.toLowerCase(Locale.ROOT));
            if (knownId != null) {
                ids.add(knownId);
            } else if (looksLikeId(part)) {
                ids.add(part);
            } else {
                return List.of();
            }
        }
        return ids;
    }

    /** Lower-case id shape with at least one hyphen or underscore, e.g. {@code policy-shipping}. */
    static boolean looksLikeId(String token) {
        return ID_SHAPE.matcher(token).matches() && (token.indexOf('-') >= 0 || token.indexOf('_') >= 0);
    }

    private static String remove(String text, List<int[]> markers) {
        if (markers.isEmpty()) {
            return text.strip();
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int i = 0;
        while (i < markers.size()) {
            int start = markers.get(i)[0];
            int end = markers.get(i)[1];
            // a run of markers separated only by whitespace or list punctuation goes as one
            while (i + 1 < markers.size() && onlySeparators(text, end, markers.get(i + 1)[0])) {
                end = markers.get(++i)[1];
            }
            i++;
            int left = skipSpaceBack(text, start);
            int right = skipSpaceForward(text, end);
            if (left > 0 && right < text.length() && closes(text.charAt(left - 1), text.charAt(right))) {
                // "(see [a])" or "（[a]）": the brackets held only the marker
                start = left - 1;
                end = right + 1;
                left = skipSpaceBack(text, start);
                right = skipSpaceForward(text, end);
            }
            if (left < copied) {
                left = copied; // whitespace already consumed by the previous run
            }
            out.append(text, copied, left);
            char before = out.length() == 0 ? 0 : out.charAt(out.length() - 1);
            char after = right < text.length() ? text.charAt(right) : 0;
            if (before != 0 && after != 0 && SENTENCE_END.indexOf(before) >= 0 && SENTENCE_END.indexOf(after) >= 0) {
                right++; // "days. [a]." keeps one full stop
                right = skipSpaceForward(text, right);
                after = right < text.length() ? text.charAt(right) : 0;
            }
            out.append(joiner(before, after, text.substring(left, start), text.substring(end, right)));
            copied = right;
        }
        out.append(text, copied, text.length());
        return out.toString().strip();
    }

    /** What replaces a removed marker and the whitespace around it. */
    private static String joiner(char before, char after, String spaceBefore, String spaceAfter) {
        if (before == 0 || after == 0 || isClosing(after) || OPENING.indexOf(before) >= 0) {
            return "";
        }
        if (spaceAfter.indexOf('\n') >= 0) {
            return spaceAfter.substring(spaceAfter.indexOf('\n'));
        }
        if (spaceBefore.indexOf('\n') >= 0) {
            return spaceBefore.substring(spaceBefore.indexOf('\n'));
        }
        if ((isCjk(before) && isCjk(after)) || isCjkPunctuation(before) || isCjkPunctuation(after)) {
            return ""; // Chinese is written without spaces; "Cloud Lite [a] 推车" keeps its one space
        }
        boolean spaced = !spaceBefore.isEmpty() || !spaceAfter.isEmpty();
        return spaced || (Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after)) ? " " : "";
    }

    private static boolean onlySeparators(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && ",，、;；".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpaceBack(String text, int index) {
        while (index > 0 && Character.isWhitespace(text.charAt(index - 1))) {
            index--;
        }
        return index;
    }

    private static int skipSpaceForward(String text, int index) {
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
            index++;
        }
        return index;
    }

    private static boolean closes(char open, char close) {
        return (open == '(' || open == '（') && (close == ')' || close == '）');
    }

    private static boolean isClosing(char c) {
        return CLOSING.indexOf(c) >= 0;
    }

    /** Han, kana or Hangul: text that is written without spaces. */
    static boolean isCjk(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA
                || script == Character.UnicodeScript.HANGUL;
    }

    private static boolean isCjkPunctuation(char c) {
        Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }
}
