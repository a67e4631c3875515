package dev.kefu.intents.sentiment;

import dev.kefu.core.Checks;
import dev.kefu.intents.text.TextSources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable bilingual sentiment lexicon, read from TSV lines {@code term<TAB>kind<TAB>weight}
 * ({@code #} starts a comment line, blank lines are skipped), with longest-match lookup.
 *
 * <p>Loading is all or nothing: every bad line (wrong column count, unknown kind, weight not a
 * number or outside its kind's range, a duplicate term, a term that is not lower case) is
 * reported at once in an {@link IllegalArgumentException} naming the source and line. Thread-safe
 * once built.
 */
public final class SentimentLexicon {
    /** One lexicon entry. */
    record Term(String text, TermKind kind, double weight) {
        public Term {
            Checks.requireText("term.text", text);
            Checks.requireNonNull("term.kind", kind);
        }
    }

    /** Terms by their first character, longest first. */
    private final Map<Character, List<Term>> byFirstChar;

    private final int size;

    /** What a lexicon is called in messages. */
    private static final String WHAT = "sentiment lexicon";

    private SentimentLexicon(List<Term> terms) {
        Map<Character, List<Term>> index = new HashMap<>();
        for (Term term : terms) {
            index.computeIfAbsent(term.text().charAt(0), c -> new ArrayList<>()).add(term);
        }
        index.replaceAll((c, list) -> list.stream()
                .sorted(Comparator.comparingInt((Term t) -> t.text().length()).reversed())
                .toList());
        this.byFirstChar = Map.copyOf(index);
        this.size = terms.size();
    }

    static SentimentLexicon of(List<Term> terms) {
        return new SentimentLexicon(Checks.copyOf("terms", terms));
    }

    public static SentimentLexicon load(Path file) {
        Checks.requireNonNull("file", file);
        return TextSources.read(file, WHAT, SentimentLexicon::load);
    }

    public static SentimentLexicon loadResource(Class<?> anchor, String name) {
        return TextSources.readResource(anchor, name, WHAT, SentimentLexicon::load);
    }

    /** Reads TSV lines; the reader is not closed. */
    static SentimentLexicon load(Reader reader, String source) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        Map<String, Term> terms = new LinkedHashMap<>();
        Map<String, Integer> lineOfTerm = new HashMap<>();
        List<String> errors = new ArrayList<>();
        int lineNumber = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + lineNumber + ": ";
            String[] columns = line.split("\t", -1);
            if (columns.length != 3) {
                errors.add(where + "expected term<TAB>kind<TAB>weight, found " + columns.length + " column(s)");
                continue;
            }
            String text = columns[0].strip();
            TermKind kind = kind(columns[1].strip());
            if (text.isEmpty()) {
                errors.add(where + "term must not be blank");
                continue;
            }
            if (!text.equals(text.toLowerCase(Locale.ROOT))) {
                errors.add(where + "term must be lower case, was \"" + text + "\"");
                continue;
            }
            if (kind == null) {
                errors.add(where + "kind must be one of " + KIND_CODES + ", was \"" + columns[1].strip() + "\"");
                continue;
            }
            double weight;
            try {
                weight = Double.parseDouble(columns[2].strip());
            } catch (NumberFormatException e) {
                errors.add(where + "weight must be a number, was \"" + columns[2].strip() + "\"");
                continue;
            }
            String rangeError = checkRange(kind, weight);
            if (rangeError != null) {
                errors.add(where + rangeError);
                continue;
            }
            if (terms.containsKey(text)) {
                errors.add(where + "term \"" + text + "\" already defined on line " + lineOfTerm.get(text));
                continue;
            }
            terms.put(text, new Term(text, kind, weight));
            lineOfTerm.put(text, lineNumber);
        }
        if (errors.isEmpty() && terms.isEmpty()) {
            errors.add(source + ": no terms");
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Invalid sentiment lexicon (" + errors.size() + " error"
                    + (errors.size() == 1 ? "" : "s") + "):\n  - " + String.join("\n  - ", errors));
        }
        return new SentimentLexicon(new ArrayList<>(terms.values()));
    }

    /**
     * The longest term that occurs in {@code text} at {@code start}, or null. A term that begins
     * (ends) with a letter or digit only matches at a word start (end), so {@code so} is not found
     * in {@code sofa}; Chinese terms match anywhere, as Chinese has no spaces.
     */
    Term longestAt(String text, int start) {
        List<Term> candidates = byFirstChar.get(text.charAt(start));
        if (candidates == null) {
            return null;
        }
        if (start > 0 && isWordChar(text.charAt(start - 1)) && isWordChar(text.charAt(start))) {
            return null;
        }
        for (Term term : candidates) {
            String t = term.text();
            int end = start + t.length();
            if (text.startsWith(t, start)
                    && !(end < text.length() && isWordChar(t.charAt(t.length() - 1)) && isWordChar(text.charAt(end)))) {
                return term;
            }
        }
        return null;
    }

    public int size() {
        return size;
    }

    /** Letters and digits of alphabetic scripts, and the apostrophe inside English words; not Han. */
    static boolean isWordChar(char c) {
        return c == '\''
                || (Character.isLetterOrDigit(c) && Character.UnicodeScript.of(c) != Character.UnicodeScript.HAN);
    }

    private static final String KIND_CODES = String.join(
            ", ", java.util.Arrays.stream(TermKind.values()).map(TermKind::code).toList());

    private static TermKind kind(String code) {
        for (TermKind kind : TermKind.values()) {
            if (kind.code().equals(code)) {
                return kind;
            }
        }
        return null;
    }

    private static String checkRange(TermKind kind, double weight) {
        boolean ok =
                switch (kind) {
                    case POSITIVE -> weight >= 0.3 && weight <= 1.0;
                    case NEGATIVE, PROBLEM -> weight >= -1.0 && weight <= -0.3;
                    case NEGATOR, PLAIN -> weight == 0.0;
                    case INTENSIFIER -> weight >= 1.2 && weight <= 2.0;
                    case SOFTENER -> weight >= 0.2 && weight <= 0.9;
                    case URGENCY, ABUSE, COMPLAINT -> weight >= 0.5 && weight <= 1.0;
                };
        if (ok) {
            return null;
        }
        String range =
                switch (kind) {
                    case POSITIVE -> "[0.3, 1.0]";
                    case NEGATIVE, PROBLEM -> "[-1.0, -0.3]";
                    case NEGATOR, PLAIN -> "exactly 0";
                    case INTENSIFIER -> "[1.2, 2.0]";
                    case SOFTENER -> "[0.2, 0.9]";
                    case URGENCY, ABUSE, COMPLAINT -> "[0.5, 1.0]";
                };
        return kind.code() + " weight must be " + range + ", was " + weight;
    }
}
