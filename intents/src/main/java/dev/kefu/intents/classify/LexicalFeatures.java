package dev.kefu.intents.classify;

import dev.kefu.intents.text.ScriptLanguageDetector;
import dev.kefu.intents.text.Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sparse features of the lexical (maximum entropy) head, suited to each script: English word
 * unigrams and bigrams plus character 3- and 4-grams inside words (robust to typos and
 * inflection); Chinese character unigrams, bigrams and trigrams (Chinese has no spaces, and
 * character n-grams beat a segmenter's guesses on short messages); number and model-code shapes
 * instead of the digits themselves. Input is normalised text. Stateless and thread-safe.
 */
final class LexicalFeatures {
    /** Prefix of whole-word features (as opposed to n-grams inside or across words). */
    static final String WORD = "w=";

    private final Tokenizer tokenizer = new Tokenizer();

    String[] of(String normalizedText) {
        Set<String> features = new LinkedHashSet<>();
        for (String token : tokenizer.tokenize(normalizedText)) {
            features.add(WORD + token);
        }
        List<String> words = new ArrayList<>();
        StringBuilder han = new StringBuilder();
        StringBuilder word = new StringBuilder();
        normalizedText.codePoints().forEach(cp -> {
            if (ScriptLanguageDetector.isHan(cp)) {
                flushWord(word, words, features);
                if (han.length() == 0) {
                    words.add("|"); // a Han run separates the words around it
                }
                han.appendCodePoint(cp);
            } else if (Character.isLetterOrDigit(cp) || cp == '\'') {
                flushHan(han, features);
                word.appendCodePoint(cp);
            } else if (Character.isWhitespace(cp)) {
                flushWord(word, words, features); // a space ends a word but not a bigram
                flushHan(han, features);
            } else {
                flushWord(word, words, features);
                flushHan(han, features);
                words.add("|");
            }
        });
        flushWord(word, words, features);
        flushHan(han, features);
        String previous = "^";
        for (String w : words) {
            if (!w.equals("|") && !previous.equals("|")) {
                features.add("b=" + previous + "_" + w);
            }
            previous = w;
        }
        if (features.isEmpty()) {
            features.add("empty");
        }
        return features.toArray(String[]::new);
    }

    private static void flushWord(StringBuilder word, List<String> words, Set<String> features) {
        if (word.length() == 0) {
            return;
        }
        String w = shape(word.toString());
        words.add(w);
        if (w.equals(word.toString()) && w.length() > 3) {
            String bounded = "<" + w + ">";
            for (int n = 3; n <= 4; n++) {
                for (int i = 0; i + n <= bounded.length(); i++) {
                    features.add("c=" + bounded.substring(i, i + n));
                }
            }
        }
        word.setLength(0);
    }

    private static void flushHan(StringBuilder han, Set<String> features) {
        int[] chars = han.codePoints().toArray();
        for (int i = 0; i + 3 <= chars.length; i++) {
            features.add("t=" + new String(chars, i, 3));
        }
        han.setLength(0);
    }

    private static String shape(String word) {
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < word.length(); i++) {
            digit |= Character.isDigit(word.charAt(i));
            letter |= Character.isLetter(word.charAt(i));
        }
        if (digit && letter) {
            return Tokenizer.CODE;
        }
        return digit ? "<num>" : word;
    }
}
