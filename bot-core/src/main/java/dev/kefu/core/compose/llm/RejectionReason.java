package dev.kefu.core.compose.llm;

import dev.kefu.core.Coded;

/**
 * Why a model's answer was not shown (the template answer was used instead). The codes are stable:
 * they go into logs, metrics and the pipeline's events. {@link GroundingCheck} tests them in this
 * order and reports the first that applies.
 */
enum RejectionReason implements Coded {
    /** No answer, or nothing left once the citation markers are removed. */
    EMPTY,
    /** Repeats a substantial fragment of the system prompt (instructions, not knowledge). */
    PROMPT_LEAK,
    /** Cites an id that was not among the provided passages: a made-up source. */
    UNKNOWN_CITATION,
    /** Cites none of the provided passages, so nothing shows where the answer comes from. */
    NO_CITATION,
    /** Not in the language the shopper is answered in. */
    WRONG_LANGUAGE,
    /**
     * States a price, date, time, duration, percentage, quantity, code or other number that is in
     * neither the cited passages nor the conversation.
     */
    UNGROUNDED_FACT,
    /**
     * Offers a discount, coupon, sale, gift or other promotion that neither the cited passages nor
     * the conversation mention, even without a number: an invented promotion is a promise the
     * store did not make.
     */
    UNGROUNDED_PROMOTION;
}
