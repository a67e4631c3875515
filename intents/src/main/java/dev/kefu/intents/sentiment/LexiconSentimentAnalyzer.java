package dev.kefu.intents.sentiment;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import dev.kefu.core.sentiment.EmotionLabel;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentAnalyzer;
import dev.kefu.core.sentiment.SentimentLabel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rule-based sentiment from a {@link SentimentLexicon}, for Chinese and English alike.
 *
 * <p>The normalised text is scanned left to right; at each position the longest lexicon term wins
 * (so {@code 不错} is praise, not {@code 不} + {@code 错}, {@code 差价} is no sentiment at all, and
 * {@code not received} is a complaint, not a negated {@code received}). English terms match whole
 * words and phrases only.
 *
 * <ul>
 *   <li>A negator flips the next sentiment term if it comes within {@link #MODIFIER_WINDOW} words
 *       or Han characters in the same clause: a negated positive counts {@link
 *       #NEGATED_POSITIVE_FACTOR} of its weight, a negated negative {@link
 *       #NEGATED_NEGATIVE_FACTOR} ("not bad" is faint praise, "not good" a real complaint). A
 *       second negator cancels the first.
 *   <li>Intensifiers and softeners in the same window multiply the next sentiment term.
 *   <li>Urgency terms add to urgency and also count as {@link #URGENCY_NEGATIVITY} times their
 *       weight negative; only the strong ones (fraud, lawyers) make a message negative on their
 *       own, while haste words such as 马上 stay neutral. Negation does not cancel urgency: a
 *       message mentioning 12315 is escalated however it is phrased.
 *   <li>Each {@code !} (up to {@link #MAX_EXCLAMATIONS}) strengthens the sum by {@link
 *       #EXCLAMATION_BOOST}.
 * </ul>
 *
 * <p>The score is {@code tanh(sum)}, labelled negative below {@link #NEGATIVE_BELOW} and positive
 * above {@link #POSITIVE_ABOVE}. Urgency is {@code 1 - Π(1 - w)} over urgency, abuse and complaint
 * terms. Cues are the matched spans as written, with their negator or modifier ({@code not bad},
 * {@code 太差}). Clause punctuation ends a negator's reach. The language argument is not needed.
 *
 * <p>Emotion and valence are kept apart. The emotion is {@code tanh} of the shopper's own feeling:
 * negative and abuse terms (a negated positive, "not happy", at {@link #NEGATED_POSITIVE_EMOTION}
 * of its weight), strengthened by exclamation marks, plus {@link #SHOUT_EMOTION} per shouted word
 * ("fix this NOW", seen in the message as written) and {@link #PUNCTUATION_EMOTION} per repeated
 * {@code !} or {@code ?} in a message that is not positive. Problem terms ("坏了", "late") never
 * add to it: they make the valence, {@code tanh} of the problem and positive terms. A complaint
 * term not negated makes the message a complaint.
 *
 * <p>Immutable and thread-safe; never throws for non-null text.
 */
final class LexiconSentimentAnalyzer implements SentimentAnalyzer {
    /** Scores below this are {@link SentimentLabel#NEGATIVE}. */
    public static final double NEGATIVE_BELOW = -0.2;

    /** Scores above this are {@link SentimentLabel#POSITIVE}. */
    public static final double POSITIVE_ABOVE = 0.2;

    /** Weight multiplier of a negated positive term. */
    public static final double NEGATED_POSITIVE_FACTOR = -0.75;

    /** Weight multiplier of a negated negative term. */
    public static final double NEGATED_NEGATIVE_FACTOR = -0.5;

    /** The share of a negated positive's (negative) value that counts as emotion: "not happy" is mild. */
    public static final double NEGATED_POSITIVE_EMOTION = 0.5;

    /** How many unmatched words or Han characters may sit between a modifier and its term. */
    public static final int MODIFIER_WINDOW = 3;

    /** The share of an urgency term's weight that counts as negative sentiment. */
    public static final double URGENCY_NEGATIVITY = 0.3;

    /** Strengthening of the sum per exclamation mark. */
    public static final double EXCLAMATION_BOOST = 0.1;

    public static final int MAX_EXCLAMATIONS = 3;

    /** Emotion per shouted (all upper-case) word of the message as written, up to {@link #MAX_SHOUTS}. */
    public static final double SHOUT_EMOTION = 0.25;

    public static final int MAX_SHOUTS = 2;

    /** Emotion per {@code !} or {@code ?} beyond the first of a run ("!!!", "？？？"), up to {@link #MAX_EXCLAMATIONS}. */
    public static final double PUNCTUATION_EMOTION = 0.1;

    /** Upper-case words that are names, not shouting. */
    private static final java.util.Set<String> ACRONYMS = java.util.Set.of(
            "SMS", "USB", "DHL", "EMS", "UPS", "FAQ", "VIP", "APP", "PDF", "USA", "NFC", "ANC", "GPS", "LED", "LCD",
            "HDMI", "RAM", "SSD", "OLED", "WIFI", "ETA", "SKU", "COD", "VAT", "PIN", "OTP", "QR", "ID", "OK", "TV",
            "UK", "EU", "AM", "PM", "IOS", "API", "CEO", "DIY", "XL", "XXL", "XXXL", "XS", "BPA", "SPF", "UV", "PA",
            "MAH", "IPX", "IP", "AC", "DC");

    private static final String CLAUSE_BREAKS = ".,!?;:。，、！？；：\n";

    private final SentimentLexicon lexicon;

    public LexiconSentimentAnalyzer(SentimentLexicon lexicon) {
        this.lexicon = Checks.requireNonNull("lexicon", lexicon);
    }

    @Override
    public Sentiment analyze(String original, String normalizedText, Language language) {
        Sentiment sentiment = analyze(normalizedText, language);
        int shouts = shouts(Checks.requireNonNull("original", original));
        if (shouts == 0) {
            return sentiment;
        }
        double extra = SHOUT_EMOTION * Math.min(shouts, MAX_SHOUTS);
        double emotion = Math.min(1.0, Math.tanh(atanh(sentiment.emotion()) + extra));
        List<String> cues = new ArrayList<>(sentiment.cues());
        cues.add(SHOUTING);
        return new Sentiment(
                sentiment.score(),
                sentiment.label(),
                cues,
                sentiment.urgency(),
                emotion,
                EmotionLabel.of(emotion),
                sentiment.valence(),
                sentiment.complaint());
    }

    /** The cue shown when the message shouts. */
    static final String SHOUTING = "(shouting)";

    /** Words of three letters or more written all in upper case, but for known acronyms and codes. */
    static int shouts(String original) {
        int count = 0;
        int i = 0;
        while (i < original.length()) {
            if (!Character.isLetter(original.charAt(i)) || !isLatin(original.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean upper = true;
            boolean code = false;
            while (i < original.length()
                    && (Character.isLetterOrDigit(original.charAt(i)) && isLatinOrDigit(original.charAt(i)))) {
                char c = original.charAt(i);
                upper &= !Character.isLowerCase(c);
                code |= Character.isDigit(c);
                i++;
            }
            String word = original.substring(start, i);
            if (upper && !code && word.length() >= 3 && !ACRONYMS.contains(word)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isLatin(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
    }

    private static boolean isLatinOrDigit(char c) {
        return Character.isDigit(c) || isLatin(c);
    }

    private static double atanh(double x) {
        double clipped = Math.min(x, 0.999999);
        return 0.5 * Math.log((1 + clipped) / (1 - clipped));
    }

    @Override
    public Sentiment analyze(String normalizedText, Language language) {
        Checks.requireNonNull("normalizedText", normalizedText);
        String text = normalizedText;
        double sum = 0.0;
        double feeling = 0.0;
        double facts = 0.0;
        boolean complaint = false;
        double calm = 1.0;
        int exclamations = 0;
        int repeatedMarks = 0;
        Set<String> cues = new LinkedHashSet<>();

        boolean negated = false;
        double multiplier = 1.0;
        int modifierStart = -1;
        int gap = 0;

        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (CLAUSE_BREAKS.indexOf(c) >= 0) {
                if (c == '!') {
                    exclamations++;
                }
                if ((c == '!' || c == '?') && i > 0 && text.charAt(i - 1) == c) {
                    repeatedMarks++;
                }
                negated = false;
                multiplier = 1.0;
                modifierStart = -1;
                i++;
                continue;
            }
            SentimentLexicon.Term term = lexicon.longestAt(text, i);
            if (term != null) {
                int end = i + term.text().length();
                switch (term.kind()) {
                    case PLAIN -> { // the word the pending modifiers went with ("有点不一样")
                        negated = false;
                        multiplier = 1.0;
                        modifierStart = -1;
                    }
                    case NEGATOR -> {
                        negated = !negated;
                        modifierStart = modifierStart < 0 ? i : modifierStart;
                        gap = 0;
                    }
                    case INTENSIFIER, SOFTENER -> {
                        multiplier *= term.weight();
                        modifierStart = modifierStart < 0 ? i : modifierStart;
                        gap = 0;
                    }
                    default -> {
                        TermKind kind = term.kind();
                        double value =
                                switch (kind) {
                                    case URGENCY, COMPLAINT -> -URGENCY_NEGATIVITY * term.weight();
                                    case ABUSE -> -term.weight();
                                    default -> term.weight();
                                };
                        value *= multiplier;
                        if (negated) {
                            value *= value > 0 ? NEGATED_POSITIVE_FACTOR : NEGATED_NEGATIVE_FACTOR;
                        }
                        if (kind == TermKind.URGENCY || kind == TermKind.ABUSE || kind == TermKind.COMPLAINT) {
                            calm *= 1.0 - term.weight();
                        }
                        switch (kind) {
                            case NEGATIVE, ABUSE -> feeling += negated ? 0.0 : -value;
                            case POSITIVE -> {
                                if (negated) {
                                    feeling += -value * NEGATED_POSITIVE_EMOTION;
                                } else {
                                    facts += value;
                                }
                            }
                            case PROBLEM -> facts += value;
                            case COMPLAINT -> complaint |= !negated;
                            default -> {}
                        }
                        sum += value;
                        cues.add(text.substring(modifierStart < 0 ? i : modifierStart, end));
                        negated = false;
                        multiplier = 1.0;
                        modifierStart = -1;
                    }
                }
                i = end;
                continue;
            }
            if (SentimentLexicon.isWordChar(c)) {
                while (i < text.length() && SentimentLexicon.isWordChar(text.charAt(i))) {
                    i++;
                }
                gap++;
            } else {
                if (!Character.isWhitespace(c)) {
                    gap++;
                }
                i++;
            }
            if (modifierStart >= 0 && gap > MODIFIER_WINDOW) {
                negated = false;
                multiplier = 1.0;
                modifierStart = -1;
            }
        }
        double boost = 1.0 + EXCLAMATION_BOOST * Math.min(exclamations, MAX_EXCLAMATIONS);
        sum *= boost;
        double score = Math.max(-1.0, Math.min(1.0, Math.tanh(sum)));
        SentimentLabel label = score < NEGATIVE_BELOW
                ? SentimentLabel.NEGATIVE
                : score > POSITIVE_ABOVE ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
        double urgency = Math.max(0.0, Math.min(1.0, 1.0 - calm));
        if (label != SentimentLabel.POSITIVE) {
            feeling += PUNCTUATION_EMOTION * Math.min(repeatedMarks, MAX_EXCLAMATIONS);
        }
        double emotion = Math.max(0.0, Math.min(1.0, Math.tanh(Math.max(0.0, feeling) * boost)));
        double valence = facts == 0.0 ? 0.0 : Math.max(-1.0, Math.min(1.0, Math.tanh(facts)));
        return new Sentiment(
                score, label, new ArrayList<>(cues), urgency, emotion, EmotionLabel.of(emotion), valence, complaint);
    }
}
