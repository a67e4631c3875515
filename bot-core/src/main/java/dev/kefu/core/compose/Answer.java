package dev.kefu.core.compose;

import dev.kefu.core.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage ④ output: the answer body, kept apart from marketing slots until stage ⑥ has decided.
 *
 * @param text what the shopper reads, in the reply language
 * @param citations the knowledge entries it is based on, best first
 * @param kind how it came about
 * @param trace how it was written, recorded with the decision: {@value #COMPOSER} ({@code
 *     template} or {@code llm}) and, when a model was asked but its answer not used, {@value
 *     #FALLBACK} (a reason code such as {@code timeout} or {@code ungrounded_fact}), {@value
 *     #DETAIL}; {@value #MODEL_MS} (how long the model took) and {@value #PROMPT} (the prompt
 *     template's version) when a model was asked; {@value #HAND_OFF} {@code true} when the
 *     configuration says a failing model hands the conversation to a person
 */
public record Answer(String text, List<Citation> citations, AnswerKind kind, Map<String, String> trace) {
    public static final String COMPOSER = "composer";
    public static final String FALLBACK = "llmFallback";
    public static final String DETAIL = "llmDetail";
    public static final String MODEL_MS = "llmMs";
    public static final String PROMPT = "llmPrompt";
    public static final String HAND_OFF = "llmHandOff";

    public Answer {
        Checks.requireText("answer.text", text);
        citations = Checks.copyOf("answer.citations", citations);
        Checks.requireNonNull("answer.kind", kind);
        if (kind == AnswerKind.GROUNDED && citations.isEmpty()) {
            throw new IllegalArgumentException("a GROUNDED answer must cite at least one entry");
        }
        trace = Map.copyOf(Checks.requireNonNull("answer.trace", trace));
    }

    /** An answer with nothing to trace (a template's). */
    public Answer(String text, List<Citation> citations, AnswerKind kind) {
        this(text, citations, kind, Map.of());
    }

    /** This answer with more trace entries (later ones win). */
    public Answer traced(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(trace);
        all.putAll(more);
        return new Answer(text, citations, kind, all);
    }

    /** Whether the configuration asks for a person because the model could not answer. */
    public boolean wantsHandOff() {
        return "true".equals(trace.get(HAND_OFF));
    }
}
