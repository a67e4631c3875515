package dev.kefu.core.compose;

import dev.kefu.core.Checks;
import java.util.List;

/**
 * Stage ④ output: the answer body, kept apart from marketing slots until stage ⑥ has decided.
 *
 * @param text what the shopper reads, in the reply language
 * @param citations the knowledge entries it is based on, best first
 * @param kind how it came about
 * @param trace how it was written (template or model, and why a model's answer was not used)
 */
public record Answer(String text, List<Citation> citations, AnswerKind kind, AnswerTrace trace) {
    public Answer {
        Checks.requireText("answer.text", text);
        citations = Checks.copyOf("answer.citations", citations);
        Checks.requireNonNull("answer.kind", kind);
        if (kind == AnswerKind.GROUNDED && citations.isEmpty()) {
            throw new IllegalArgumentException("a GROUNDED answer must cite at least one entry");
        }
        Checks.requireNonNull("answer.trace", trace);
    }

    /** An answer with nothing to trace (a template's). */
    public Answer(String text, List<Citation> citations, AnswerKind kind) {
        this(text, citations, kind, AnswerTrace.NONE);
    }

    /** This answer with another trace. */
    public Answer withTrace(AnswerTrace newTrace) {
        return new Answer(text, citations, kind, newTrace);
    }

    /** Whether the configuration asks for a person because the model could not answer. */
    public boolean wantsHandOff() {
        return trace.handOff();
    }
}
