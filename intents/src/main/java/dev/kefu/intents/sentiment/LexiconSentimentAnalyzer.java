package dev.kefu.intents.sentiment;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentAnalyzer;
import dev.kefu.core.sentiment.SentimentLabel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Rule-based sentiment from a {@link SentimentLexicon}, for Chinese and English alike.
 *
 * <p>The normalised text is scanned left to right; at each position the longest lexicon term wins
 * (so {@code 不错} is praise, not {@code 不} + {@code 错}, and {@code not received} is a complaint,
 * not a negated {@code received}). English terms match whole words and phrases only.
 *
 * <ul>
 *   <li>A negator flips the next sentiment term if it comes within {@link #MODIFIER_WINDOW} words
 *       or Han characters in the same clause: a negated positive counts {@link
 *       #NEGATED_POSITIVE_FACTOR} of its weight, a negated negative {@link
 *       #NEGATED_NEGATIVE_FACTOR} ("not bad" is faint praise, "not good" a real complaint). A
 *       second negator cancels the first.
 *   <li>Intensifiers in the same window multiply the next sentiment term.
 *   <li>Urgency terms add to urgency and also count as {@link #URGENCY_NEGATIVITY} times their
 *       weight negative; only the strong ones (fraud, lawyers) make a message negative on their
 *       own, while haste words such as 马上 stay neutral. Negation does not cancel urgency: a
 *       message mentioning 12315 is escalated however it is phrased.
 *   <li>Each {@code !} (up to {@link #MAX_EXCLAMATIONS}) strengthens the sum by {@link
 *       #EXCLAMATION_BOOST}.
 * </ul>
 *
 * <p>The score is {@code tanh(sum)}, labelled negative below {@link #NEGATIVE_BELOW} and positive
 * above {@link #POSITIVE_ABOVE}. Urgency is {@code 1 - Π(1 - w)} over urgency terms. Cues are the
 * matched spans as written, with their negator or intensifier ({@code not bad}, {@code 太差}).
 * Clause punctuation ends a negator's reach. The language argument is not needed.
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

    /** How many unmatched words or Han characters may sit between a modifier and its term. */
    public static final int MODIFIER_WINDOW = 3;

    /** The share of an urgency term's weight that counts as negative sentiment. */
    public static final double URGENCY_NEGATIVITY = 0.3;

    /** Strengthening of the sum per exclamation mark. */
    public static final double EXCLAMATION_BOOST = 0.1;

    public static final int MAX_EXCLAMATIONS = 3;

    private static final String CLAUSE_BREAKS = ".,!?;:。，、！？；：\n";

    private final SentimentLexicon lexicon;

    public LexiconSentimentAnalyzer(SentimentLexicon lexicon) {
        this.lexicon = Checks.requireNonNull("lexicon", lexicon);
    }

    @Override
    public Sentiment analyze(String normalizedText, Language language) {
        Checks.requireNonNull("normalizedText", normalizedText);
        String text = normalizedText;
        double sum = 0.0;
        double calm = 1.0;
        int exclamations = 0;
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
                    case NEGATOR -> {
                        negated = !negated;
                        modifierStart = modifierStart < 0 ? i : modifierStart;
                        gap = 0;
                    }
                    case INTENSIFIER -> {
                        multiplier *= term.weight();
                        modifierStart = modifierStart < 0 ? i : modifierStart;
                        gap = 0;
                    }
                    case POSITIVE, NEGATIVE, URGENCY -> {
                        double value =
                                term.kind() == TermKind.URGENCY ? -URGENCY_NEGATIVITY * term.weight() : term.weight();
                        value *= multiplier;
                        if (negated) {
                            value *= value > 0 ? NEGATED_POSITIVE_FACTOR : NEGATED_NEGATIVE_FACTOR;
                        }
                        if (term.kind() == TermKind.URGENCY) {
                            calm *= 1.0 - term.weight();
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
        sum *= 1.0 + EXCLAMATION_BOOST * Math.min(exclamations, MAX_EXCLAMATIONS);
        double score = Math.max(-1.0, Math.min(1.0, Math.tanh(sum)));
        SentimentLabel label = score < NEGATIVE_BELOW
                ? SentimentLabel.NEGATIVE
                : score > POSITIVE_ABOVE ? SentimentLabel.POSITIVE : SentimentLabel.NEUTRAL;
        double urgency = Math.max(0.0, Math.min(1.0, 1.0 - calm));
        return new Sentiment(score, label, new ArrayList<>(cues), urgency);
    }
}
