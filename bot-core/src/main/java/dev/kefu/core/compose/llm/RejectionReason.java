package dev.kefu.core.compose.llm;

/**
 * Why a model's answer was not shown (the template answer was used instead). The codes are stable:
 * they go into logs, metrics and the pipeline's events. {@link GroundingCheck} tests them in this
 * order and reports the first that applies.
 */
enum RejectionReason {
    /** No answer, or nothing left once the citation markers are removed. */
    EMPTY("empty"),
    /** Repeats a substantial fragment of the system prompt (instructions, not knowledge). */
    PROMPT_LEAK("prompt_leak"),
    /** Cites an id that was not among the provided passages: a made-up source. */
    UNKNOWN_CITATION("unknown_citation"),
    /** Cites none of the provided passages, so nothing shows where the answer comes from. */
    NO_CITATION("no_citation"),
    /** Not in the language the shopper is answered in. */
    WRONG_LANGUAGE("wrong_language"),
    /**
     * States a price, date, time, duration, percentage, quantity, code or other number that is in
     * neither the cited passages nor the conversation.
     */
    UNGROUNDED_FACT("ungrounded_fact"),
    /**
     * Offers a discount, coupon, sale, gift or other promotion that neither the cited passages nor
     * the conversation mention, even without a number: an invented promotion is a promise the
     * store did not make.
     */
    UNGROUNDED_PROMOTION("ungrounded_promotion");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    /** The stable code, e.g. {@code no_citation}. */
    public String code() {
        return code;
    }
}
