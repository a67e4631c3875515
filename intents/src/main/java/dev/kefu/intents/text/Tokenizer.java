package dev.kefu.intents.text;

import dev.kefu.core.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns normalised text into classifier features for both scripts, without a dictionary.
 *
 * <ul>
 *   <li>Words (runs of non-Han letters, digits and inner apostrophes) are kept lower case, e.g.
 *       {@code where's}; surrounding punctuation is dropped.
 *   <li>Numbers become a shape token {@code <numN>} with N the digit count (capped at {@link
 *       #MAX_NUMBER_SHAPE}), so order numbers and prices do not become vocabulary while their
 *       shape still hints at the intent; words mixing letters and digits ({@code x200}) become
 *       {@link #CODE}.
 *   <li>Each run of Han characters yields its character unigrams and bigrams in reading order
 *       ({@code 退货政策} gives 退, 退货, 货, 货政, 政, 政策, 策): bigrams catch most Chinese words
 *       without a segmenter, unigrams keep single-character words and unseen compounds.
 * </ul>
 *
 * <p>Stateless and thread-safe. Text without words or Han characters gives an empty list.
 */
public final class Tokenizer {
    /** The token standing for a word that mixes letters and digits, such as a model number. */
    public static final String CODE = "<code>";

    /** Numbers longer than this share one shape token. */
    static final int MAX_NUMBER_SHAPE = 20;

    public List<String> tokenize(String normalizedText) {
        Checks.requireNonNull("normalizedText", normalizedText);
        List<String> tokens = new ArrayList<>();
        String text = normalizedText;
        int length = text.length();
        int i = 0;
        while (i < length) {
            int cp = text.codePointAt(i);
            if (ScriptLanguageDetector.isHan(cp)) {
                int end = i;
                while (end < length && ScriptLanguageDetector.isHan(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
                addHanRun(text.substring(i, end), tokens);
                i = end;
            } else if (Character.isLetterOrDigit(cp)) {
                int end = i;
                while (end < length) {
                    int c = text.codePointAt(end);
                    boolean innerApostrophe = c == '\''
                            && end + 1 < length
                            && Character.isLetter(text.codePointAt(end + 1))
                            && !ScriptLanguageDetector.isHan(text.codePointAt(end + 1));
                    if (!(innerApostrophe || (Character.isLetterOrDigit(c) && !ScriptLanguageDetector.isHan(c)))) {
                        break;
                    }
                    end += Character.charCount(c);
                }
                tokens.add(wordToken(text.substring(i, end)));
                i = end;
            } else {
                i += Character.charCount(cp);
            }
        }
        return tokens;
    }

    private static String wordToken(String word) {
        boolean hasDigit = false;
        boolean hasLetter = false;
        for (int k = 0; k < word.length(); k++) {
            char c = word.charAt(k);
            hasDigit |= Character.isDigit(c);
            hasLetter |= Character.isLetter(c);
        }
        if (hasDigit && hasLetter) {
            return CODE;
        }
        if (hasDigit) {
            return "<num" + Math.min(word.length(), MAX_NUMBER_SHAPE) + ">";
        }
        return word;
    }

    private static void addHanRun(String run, List<String> tokens) {
        int[] chars = run.codePoints().toArray();
        for (int k = 0; k < chars.length; k++) {
            tokens.add(new String(chars, k, 1));
            if (k + 1 < chars.length) {
                tokens.add(new String(chars, k, 2));
            }
        }
    }
}
