package dev.kefu.core.slot;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import java.util.Map;

/**
 * One wording of a script: its weight in the experiment and its line per language, with
 * placeholders such as {@code {product.name}} filled from the knowledge graph.
 *
 * @param id the variant id, reported with every slot
 * @param weight its share of the experiment's shoppers (relative to the others and the holdout)
 * @param lines the line in English ({@code en}) and Chinese ({@code zh})
 */
public record ScriptVariant(String id, double weight, Map<String, String> lines) {
    public ScriptVariant {
        Checks.requireText("variant.id", id);
        lines = Map.copyOf(Checks.requireNonNull("variant.lines", lines));
    }

    /** The line in the reply language (Chinese for mixed messages), or the other one if missing. */
    public String line(Language language) {
        String preferred = language.replyLanguage() == Language.EN ? "en" : "zh";
        return lines.getOrDefault(preferred, lines.get(preferred.equals("en") ? "zh" : "en"));
    }
}
