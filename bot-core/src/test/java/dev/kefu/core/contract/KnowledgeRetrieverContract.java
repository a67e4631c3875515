package dev.kefu.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.KnowledgeRetriever;
import dev.kefu.core.knowledge.Passage;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KnowledgeRetriever} must do. Implementations' tests extend this and supply a
 * retriever over a known knowledge base, questions with the entry id that answers them, and
 * questions nothing in it answers.
 */
public abstract class KnowledgeRetrieverContract {
    protected abstract KnowledgeRetriever retriever();

    /** Questions labelled with the id of the entry that must rank first. */
    protected abstract List<LabeledText> answerable();

    /** Questions the knowledge base does not answer. */
    protected abstract List<LabeledText> unanswerable();

    private static KnowledgeQuery query(LabeledText text, int limit) {
        return new KnowledgeQuery(text.text(), text.language(), "unknown", List.of(), limit);
    }

    @Test
    void should_rank_answering_entry_first_when_question_is_answerable() {
        for (LabeledText question : Examples.supplied("answerable()", answerable())) {
            List<Passage> passages = retriever().retrieve(query(question, 3));
            assertThat(passages).as("passages for \"%s\"", question.text()).isNotEmpty();
            assertThat(passages.get(0).entryId())
                    .as("top entry for \"%s\"", question.text())
                    .isEqualTo(question.label());
        }
    }

    @Test
    void should_return_nothing_when_no_entry_is_above_threshold() {
        for (LabeledText question : Examples.supplied("unanswerable()", unanswerable())) {
            assertThat(retriever().retrieve(query(question, 3)))
                    .as("passages for \"%s\"", question.text())
                    .isEmpty();
        }
    }

    @Test
    void should_return_at_most_limit_passages_best_first_without_duplicates() {
        for (LabeledText question : Examples.supplied("answerable()", answerable())) {
            List<Passage> passages = retriever().retrieve(query(question, 2));
            assertThat(passages).hasSizeLessThanOrEqualTo(2);
            assertThat(passages).extracting(Passage::entryId).doesNotHaveDuplicates();
            for (int i = 1; i < passages.size(); i++) {
                assertThat(passages.get(i).score())
                        .isLessThanOrEqualTo(passages.get(i - 1).score());
            }
        }
    }
}
