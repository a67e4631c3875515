package dev.kefu.core.compose.llm;

import dev.kefu.core.Checks;
import java.util.List;

/**
 * What {@link GroundingCheck} decided about a model's answer.
 *
 * @param accepted whether the answer may be shown
 * @param reason why not, or null when accepted
 * @param detail for people reading logs: which fact, which id, which fragment; empty when accepted
 * @param citedIds the ids the answer cites (markers), distinct, in order of first appearance; also
 *     when rejected, also unknown ones
 * @param text the answer without its citation markers, tidied; what the shopper would read
 */
record GroundingVerdict(boolean accepted, RejectionReason reason, String detail, List<String> citedIds, String text) {
    public GroundingVerdict {
        if (accepted != (reason == null)) {
            throw new IllegalArgumentException("a verdict has a reason exactly when it is a rejection, was accepted="
                    + accepted + ", reason=" + reason);
        }
        Checks.requireNonNull("verdict.detail", detail);
        citedIds = Checks.copyOf("verdict.citedIds", citedIds);
        Checks.requireNonNull("verdict.text", text);
    }

    static GroundingVerdict accept(List<String> citedIds, String text) {
        return new GroundingVerdict(true, null, "", citedIds, text);
    }

    static GroundingVerdict reject(RejectionReason reason, String detail, List<String> citedIds, String text) {
        return new GroundingVerdict(false, Checks.requireNonNull("reason", reason), detail, citedIds, text);
    }
}
