package dev.kefu.core.compose;

import dev.kefu.core.Checks;
import java.util.Locale;

/**
 * How an answer was written, recorded with the decision so a person can see why the bot said what
 * it said.
 *
 * @param composer who wrote the text, or {@code null} when nothing was traced (a composer used on
 *     its own)
 * @param fallback why a model was asked but its answer not used (a reason code such as {@code
 *     timeout} or {@code ungrounded_fact}), or {@code null}
 * @param detail what went wrong with the model's answer, shortened, or {@code null}
 * @param modelMs how long the model took, or {@code null} when it was not called
 * @param prompt the version of the prompt template the model was given, or {@code null}
 * @param handOff whether the configuration asks for a person because the model could not answer
 */
public record AnswerTrace(
        Composer composer, String fallback, String detail, Long modelMs, String prompt, boolean handOff) {
    /** Nothing traced. */
    public static final AnswerTrace NONE = new AnswerTrace(null, null, null, null, null, false);

    /** Who wrote an answer's text. */
    public enum Composer {
        /** The template composer (no model asked, or the model's answer not used). */
        TEMPLATE,
        /** A language model, its answer checked and accepted. */
        LLM;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AnswerTrace {
        if (composer == null && (fallback != null || detail != null || modelMs != null || prompt != null || handOff)) {
            throw new IllegalArgumentException("trace.composer is required when anything else is traced");
        }
        if (fallback != null) {
            Checks.requireText("trace.fallback", fallback);
            if (composer != Composer.TEMPLATE) {
                throw new IllegalArgumentException("a trace with a fallback must name the template composer");
            }
        }
        if (handOff && fallback == null) {
            throw new IllegalArgumentException("trace.handOff needs the fallback that caused it");
        }
        if (modelMs != null) {
            Checks.requireNonNegative("trace.modelMs", modelMs);
        }
    }

    /** The template wrote it; no model was asked. */
    public static AnswerTrace template() {
        return new AnswerTrace(Composer.TEMPLATE, null, null, null, null, false);
    }

    /** A model wrote it in {@code modelMs} with prompt version {@code prompt}. */
    public static AnswerTrace llm(long modelMs, String prompt) {
        return new AnswerTrace(Composer.LLM, null, null, modelMs, Checks.requireText("trace.prompt", prompt), false);
    }

    /**
     * A model was asked but the template's answer went out.
     *
     * @param modelMs how long the model took, or {@code null} when it was not called
     */
    public static AnswerTrace fallback(String reason, String detail, String prompt, Long modelMs, boolean handOff) {
        return new AnswerTrace(Composer.TEMPLATE, reason, detail, modelMs, prompt, handOff);
    }
}
