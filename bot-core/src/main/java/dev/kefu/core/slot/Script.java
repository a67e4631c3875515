package dev.kefu.core.slot;

import dev.kefu.core.Checks;
import java.util.List;
import java.util.Set;

/**
 * A marketing script: who may see it (tags, intents, the subject's category), where its line goes
 * and its variants. Loaded and validated by {@link ScriptLibrary}.
 *
 * @param id stable id, reported with every slot
 * @param stage the sales stage its single line serves (a label: the line is offered whatever the
 *     conversation's stage), or {@code null} for a staged script, whose variants hold a line per
 *     stage and offer the one of the conversation's stage ({@link SalesStages})
 * @param tags the shopper must have one of these tags (empty: any shopper)
 * @param intents the message's intent must be one of these (empty: any intent)
 * @param categories the message must be about one of these category entries: the product it
 *     names, or the category, product or promotion its answer is based on (empty: any message)
 * @param position where the line goes: before or after the answer, or as a quick-reply button
 * @param priority higher goes first when several scripts are eligible
 * @param experimentId the experiment its variants run in, or {@code null} (the first variant is
 *     shown)
 * @param holdoutWeight with an experiment, the weight of the arm that sees no line
 * @param variants the lines, with their weights in the experiment
 */
public record Script(
        String id,
        Stage stage,
        Set<String> tags,
        Set<String> intents,
        Set<String> categories,
        SlotPosition position,
        int priority,
        String experimentId,
        double holdoutWeight,
        List<ScriptVariant> variants) {

    public Script {
        Checks.requireText("script.id", id);
        tags = Checks.copyOfSet("script.tags", tags);
        intents = Checks.copyOfSet("script.intents", intents);
        categories = Checks.copyOfSet("script.categories", categories);
        Checks.requireNonNull("script.position", position);
        variants = Checks.copyOf("script.variants", variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("script.variants must not be empty");
        }
        if (stage == null && variants.stream().anyMatch(v -> !v.staged())) {
            throw new IllegalArgumentException("script.stage is required unless every variant has stages");
        }
    }

    /** Whether its variants hold a line per stage. */
    public boolean staged() {
        return stage == null;
    }

    /** The sales stages of domain.md's playbooks. */
    public enum Stage implements dev.kefu.core.Coded {
        OPENER,
        NEED_DISCOVERY,
        OBJECTION_HANDLING,
        CLOSING,
        RECOMMENDATION;

        /** The stage of {@code code}; {@code objection} is short for {@code objection_handling}. */
        public static java.util.Optional<Stage> fromCode(String code) {
            if ("objection".equals(code)) {
                return java.util.Optional.of(OBJECTION_HANDLING);
            }
            return dev.kefu.core.Coded.find(values(), code);
        }
    }
}
