package dev.kefu.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentAnalyzer;
import dev.kefu.core.sentiment.SentimentLabel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SentimentAnalyzer} must do. Labels in the supplied examples are {@code
 * negative}, {@code neutral} or {@code positive}.
 */
public abstract class SentimentAnalyzerContract {
    protected abstract SentimentAnalyzer analyzer();

    /** Messages labelled with the sentiment they must get, including negated ones. */
    protected abstract List<LabeledText> labelledExamples();

    /** Messages that must raise urgency above zero (故障, "scam"). */
    protected abstract List<LabeledText> urgentExamples();

    @Test
    void should_label_examples_by_their_sentiment() {
        for (LabeledText example : Examples.supplied("labelledExamples()", labelledExamples())) {
            Sentiment sentiment = analyzer().analyze(example.text(), example.language());
            assertThat(sentiment.label().code())
                    .as("label of \"%s\" (%s)", example.text(), sentiment)
                    .isEqualTo(example.label());
        }
    }

    @Test
    void should_keep_score_and_label_consistent() {
        for (LabeledText example : Examples.supplied("labelledExamples()", labelledExamples())) {
            Sentiment sentiment = analyzer().analyze(example.text(), example.language());
            assertThat(sentiment.score()).isBetween(-1.0, 1.0);
            if (sentiment.label() == SentimentLabel.NEGATIVE) {
                assertThat(sentiment.score()).isNegative();
            }
            if (sentiment.label() == SentimentLabel.POSITIVE) {
                assertThat(sentiment.score()).isPositive();
            }
            if (sentiment.label() != SentimentLabel.NEUTRAL) {
                assertThat(sentiment.cues())
                        .as("cues of \"%s\"", example.text())
                        .isNotEmpty();
            }
        }
    }

    @Test
    void should_raise_urgency_when_message_names_an_urgent_problem() {
        for (LabeledText example : Examples.supplied("urgentExamples()", urgentExamples())) {
            assertThat(analyzer().analyze(example.text(), example.language()).urgency())
                    .as("urgency of \"%s\"", example.text())
                    .isPositive();
        }
    }
}
