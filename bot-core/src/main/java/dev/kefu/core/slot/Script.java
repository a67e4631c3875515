package dev.kefu.core.slot;

import dev.kefu.core.Checks;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A marketing script: who may see it (tags, intents, the subject's category), where its line goes
 * and its variants. Loaded and validated by {@link ScriptLibrary}.
 *
 * @param id stable id, reported with every slot
 * @param stage the sales stage it serves
 * @param tags the shopper must have one of these tags (empty: any shopper)
 * @param intents the message's intent must be one of these (empty: any intent)
 * @param categories the product the message is about must belong to one of these category
 *     entries (empty: no product needed)
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
        Checks.requireNonNull("script.stage", stage);
        tags = Checks.copyOfSet("script.tags", tags);
        intents = Checks.copyOfSet("script.intents", intents);
        categories = Checks.copyOfSet("script.categories", categories);
        Checks.requireNonNull("script.position", position);
        variants = Checks.copyOf("script.variants", variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("script.variants must not be empty");
        }
    }

    /** The sales stages of domain.md's playbooks. */
    public enum Stage {
        OPENER,
        NEED_DISCOVERY,
        OBJECTION_HANDLING,
        CLOSING,
        RECOMMENDATION;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
