package dev.kefu.intents.text;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.LanguageDetector;

/**
 * Tells Chinese from English by counting scripts: Han characters against Latin words.
 *
 * <p>A Han character counts as half a word ({@link #HAN_CHARACTERS_PER_WORD}), because Chinese
 * words average about two characters. The message is {@link Language#MIXED} when the smaller
 * script holds at least {@link #MIXED_MINORITY_SHARE} of the words, otherwise it takes the larger
 * script's language. Alphanumeric codes such as {@code X200} or {@code A1} are model numbers, not
 * English, and are not counted. So {@code "X200 有货吗"} is {@link Language#ZH}, {@code "hello
 * 在吗"} and {@code "iPhone 有货吗"} are {@link Language#MIXED}, and {@code "please send the
 * invoice to 张三"} is {@link Language#EN}. Text with neither script (digits, emoji,
 * punctuation) is {@link Language#EN}, as the interface requires.
 *
 * <p>Works on raw or normalised text (full-width Latin letters count as Latin). Stateless and
 * thread-safe.
 */
public final class ScriptLanguageDetector implements LanguageDetector {
    /** How many Han characters weigh as much as one English word. */
    static final double HAN_CHARACTERS_PER_WORD = 2.0;

    /** The smaller script's share of words from which a message counts as mixed. */
    static final double MIXED_MINORITY_SHARE = 0.2;

    @Override
    public Language detect(String text) {
        Checks.requireNonNull("text", text);
        int han = 0;
        int latinWords = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            int cp = text.codePointAt(i);
            if (isHan(cp)) {
                han++;
                i += Character.charCount(cp);
            } else if (Character.isLetterOrDigit(cp)) {
                boolean hasLatin = false;
                boolean hasDigit = false;
                while (i < length) {
                    int c = text.codePointAt(i);
                    if (isHan(c) || !(Character.isLetterOrDigit(c) || c == '\'')) {
                        break;
                    }
                    hasLatin |= isLatinLetter(c);
                    hasDigit |= Character.isDigit(c);
                    i += Character.charCount(c);
                }
                if (hasLatin && !hasDigit) {
                    latinWords++;
                }
            } else {
                i += Character.charCount(cp);
            }
        }
        if (han == 0) {
            return Language.EN;
        }
        if (latinWords == 0) {
            return Language.ZH;
        }
        double hanWords = han / HAN_CHARACTERS_PER_WORD;
        double englishShare = latinWords / (latinWords + hanWords);
        if (englishShare < MIXED_MINORITY_SHARE) {
            return Language.ZH;
        }
        if (englishShare > 1 - MIXED_MINORITY_SHARE) {
            return Language.EN;
        }
        return Language.MIXED;
    }

    public static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    static boolean isLatinLetter(int codePoint) {
        return Character.isLetter(codePoint) && Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.LATIN;
    }
}
