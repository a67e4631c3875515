package dev.kefu.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.intent.IntentClassifier;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.IntentScore;
import dev.kefu.core.intent.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IntentClassifier} must do. Implementations' tests extend this and supply the
 * classifier and examples it must route correctly.
 */
public abstract class IntentClassifierContract {
    protected abstract IntentClassifier classifier();

    /** Messages with the intent they must be routed to, in both languages. */
    protected abstract List<LabeledText> knownExamples();

    /** Messages that are not about the store and must come back out of scope. */
    protected abstract List<LabeledText> outOfScopeExamples();

    @Test
    void should_route_known_examples_to_their_intent() {
        for (LabeledText example : Examples.supplied("knownExamples()", knownExamples())) {
            assertThat(classifier().classify(example.text(), example.language()).name())
                    .as("intent of \"%s\"", example.text())
                    .isEqualTo(example.label());
        }
    }

    @Test
    void should_report_out_of_scope_when_message_is_unrelated() {
        for (LabeledText example : Examples.supplied("outOfScopeExamples()", outOfScopeExamples())) {
            IntentPrediction prediction = classifier().classify(example.text(), example.language());
            assertThat(prediction.outOfScope())
                    .as("out of scope: \"%s\" -> %s", example.text(), prediction)
                    .isTrue();
        }
    }

    @Test
    void should_give_confidences_in_unit_range_with_runners_up_ranked_below_top() {
        for (LabeledText example : Examples.supplied("knownExamples()", knownExamples())) {
            IntentPrediction prediction = classifier().classify(example.text(), example.language());
            assertThat(prediction.confidence()).isBetween(0.0, 1.0);
            double previous = Double.MAX_VALUE;
            for (IntentScore runnerUp : prediction.runnersUp()) {
                assertThat(runnerUp.name()).isNotEqualTo(prediction.name());
                assertThat(runnerUp.confidence()).isLessThanOrEqualTo(previous);
                previous = runnerUp.confidence();
            }
        }
    }

    @Test
    void should_classify_text_without_words_when_message_is_symbols_only() {
        IntentPrediction prediction = classifier().classify("??? !!! 123", Language.EN);
        assertThat(prediction.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void should_give_same_prediction_when_called_concurrently() throws Exception {
        List<LabeledText> examples = Examples.supplied("knownExamples()", knownExamples());
        List<IntentPrediction> expected = examples.stream()
                .map(e -> classifier().classify(e.text(), e.language()))
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<IntentPrediction>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> examples.stream()
                        .map(e -> classifier().classify(e.text(), e.language()))
                        .toList()));
            }
            for (Future<List<IntentPrediction>> future : futures) {
                assertThat(future.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
