package dev.kefu.core.compose;

import dev.kefu.core.Checks;
import java.util.List;

/**
 * Stage ④ output: the answer body, kept apart from marketing slots until stage ⑥ has decided.
 *
 * @param text what the shopper reads, in the reply language
 * @param citations the knowledge entries it is based on, best first
 * @param kind how it came about
 */
public record Answer(String text, List<Citation> citations, AnswerKind kind) {
    public Answer {
        Checks.requireText("answer.text", text);
        citations = Checks.copyOf("answer.citations", citations);
        Checks.requireNonNull("answer.kind", kind);
        if (kind == AnswerKind.GROUNDED && citations.isEmpty()) {
            throw new IllegalArgumentException("a GROUNDED answer must cite at least one entry");
        }
    }
}
