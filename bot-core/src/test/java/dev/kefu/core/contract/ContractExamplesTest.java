package dev.kefu.core.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.intent.IntentClassifier;
import dev.kefu.core.intent.LanguageDetector;
import dev.kefu.core.knowledge.KnowledgeRetriever;
import dev.kefu.core.sentiment.SentimentAnalyzer;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The contract suites fail an implementation's test that supplies no examples, instead of passing
 * it without checking anything.
 */
class ContractExamplesTest {
    private static final IntentClassifier NO_CLASSIFIER = (text, language) -> {
        throw new AssertionError("not called without examples");
    };

    private static void assertFailsNaming(String method, ThrowingCallable suite) {
        assertThatThrownBy(suite).isInstanceOf(AssertionError.class).hasMessageContaining(method + " must supply");
    }

    @Test
    void should_fail_the_intent_classifier_suite_when_an_implementation_supplies_no_examples() {
        IntentClassifierContract empty = new IntentClassifierContract() {
            @Override
            protected IntentClassifier classifier() {
                return NO_CLASSIFIER;
            }

            @Override
            protected List<LabeledText> knownExamples() {
                return List.of();
            }

            @Override
            protected List<LabeledText> outOfScopeExamples() {
                return null;
            }
        };

        assertFailsNaming("knownExamples()", empty::should_route_known_examples_to_their_intent);
        assertFailsNaming(
                "knownExamples()", empty::should_give_confidences_in_unit_range_with_runners_up_ranked_below_top);
        assertFailsNaming("knownExamples()", empty::should_give_same_prediction_when_called_concurrently);
        assertFailsNaming("outOfScopeExamples()", empty::should_report_out_of_scope_when_message_is_unrelated);
    }

    @Test
    void should_fail_the_knowledge_retriever_suite_when_an_implementation_supplies_no_questions() {
        KnowledgeRetrieverContract empty = new KnowledgeRetrieverContract() {
            @Override
            protected KnowledgeRetriever retriever() {
                return query -> List.of();
            }

            @Override
            protected List<LabeledText> answerable() {
                return List.of();
            }

            @Override
            protected List<LabeledText> unanswerable() {
                return List.of();
            }
        };

        assertFailsNaming("answerable()", empty::should_rank_answering_entry_first_when_question_is_answerable);
        assertFailsNaming("answerable()", empty::should_return_at_most_limit_passages_best_first_without_duplicates);
        assertFailsNaming("unanswerable()", empty::should_return_nothing_when_no_entry_is_above_threshold);
    }

    @Test
    void should_fail_the_sentiment_suite_when_an_implementation_supplies_no_examples() {
        SentimentAnalyzerContract empty = new SentimentAnalyzerContract() {
            @Override
            protected SentimentAnalyzer analyzer() {
                return (text, language) -> {
                    throw new AssertionError("not called without examples");
                };
            }

            @Override
            protected List<LabeledText> labelledExamples() {
                return List.of();
            }

            @Override
            protected List<LabeledText> urgentExamples() {
                return List.of();
            }
        };

        assertFailsNaming("labelledExamples()", empty::should_label_examples_by_their_sentiment);
        assertFailsNaming("labelledExamples()", empty::should_keep_score_and_label_consistent);
        assertFailsNaming("urgentExamples()", empty::should_raise_urgency_when_message_names_an_urgent_problem);
    }

    @Test
    void should_fail_the_language_detector_suite_when_an_implementation_supplies_no_examples() {
        LanguageDetectorContract empty = new LanguageDetectorContract() {
            @Override
            protected LanguageDetector detector() {
                return text -> {
                    throw new AssertionError("not called without examples");
                };
            }

            @Override
            protected List<LabeledText> examples() {
                return List.of();
            }
        };

        assertFailsNaming("examples()", empty::should_detect_language_of_each_example);
    }
}
