package dev.kefu.core.text;

import dev.kefu.core.intent.Language;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The grammatical frame of a mixed Chinese-English message: the language its function words are
 * in. Shoppers mix in names and shop words of the other language ("how heavy is the 云巢推车?",
 * "X200 有 noise cancelling 吗"); the sentence around them is the language they write, and want the
 * answer in. Content words are no evidence either way, so only closed-class words are counted:
 * English pronouns, articles, auxiliaries, prepositions and question words against Chinese
 * particles, negations, modal verbs and question words.
 */
public final class Frames {
    private static final Set<String> ENGLISH = Set.of(
            "i", "me", "my", "you", "your", "we", "our", "it", "its", "this", "that", "these", "those", "they", "them",
            "she", "he", "her", "his", "a", "an", "the", "is", "are", "was", "were", "be", "do", "does", "did", "can",
            "could", "will", "would", "should", "may", "has", "have", "had", "not", "no", "don't", "doesn't", "won't",
            "can't", "isn't", "aren't", "didn't", "at", "in", "on", "for", "to", "of", "with", "from", "by", "about",
            "and", "or", "but", "if", "how", "what", "which", "when", "where", "why", "who", "any", "some");

    private static final Pattern ENGLISH_WORD = Pattern.compile("[A-Za-z]+(?:'[A-Za-z]+)?");

    /** Chinese function words: particles, negations, modals, question words, pronouns. */
    private static final Pattern CHINESE = Pattern.compile(
            "吗|呢|吧|嘛|啊|呀|了|的|得|不|没|能|可以|可不可以|会|要|想|怎么|怎样|如何|什么|啥|哪|多少|几|是|有|在" + "|我|你|他|她|它|这|那|把|被|给|和|跟|还|也|就|都|请");

    private Frames() {}

    /**
     * The language of the message's frame: {@link Language#EN} when it has more English function
     * words than Chinese ones, {@link Language#ZH} when fewer, {@code null} on a tie (no evidence).
     */
    public static Language of(String text) {
        int english = 0;
        Matcher word = ENGLISH_WORD.matcher(text);
        while (word.find()) {
            english += ENGLISH.contains(word.group().toLowerCase(Locale.ROOT)) ? 1 : 0;
        }
        int chinese = 0;
        Matcher zh = CHINESE.matcher(text);
        while (zh.find()) {
            chinese++;
        }
        if (english == chinese) {
            return null;
        }
        return english > chinese ? Language.EN : Language.ZH;
    }
}
