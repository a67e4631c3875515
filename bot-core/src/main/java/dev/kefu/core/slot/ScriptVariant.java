package dev.kefu.core.slot;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import java.util.EnumMap;
import java.util.Map;

/**
 * One wording of a script: its weight in the experiment and its line per language, with
 * placeholders such as {@code {product.name}} filled from the knowledge graph. A single-stage
 * script's variant has {@code lines}; a staged script's variant has a line per sales stage
 * ({@code stages}), so one experiment arm keeps one voice from the opener to the closing.
 *
 * @param id the variant id, reported with every slot
 * @param weight its share of the experiment's shoppers (relative to the others and the holdout)
 * @param lines the line in English ({@code en}) and Chinese ({@code zh}); empty when staged
 * @param stages the lines per stage, each in {@code en} and {@code zh}; empty when single-stage
 */
public record ScriptVariant(
        String id, double weight, Map<String, String> lines, Map<Script.Stage, Map<String, String>> stages) {
    public ScriptVariant {
        Checks.requireText("variant.id", id);
        lines = Map.copyOf(Checks.requireNonNull("variant.lines", lines));
        Map<Script.Stage, Map<String, String>> copy = new EnumMap<>(Script.Stage.class);
        Checks.requireNonNull("variant.stages", stages)
                .forEach((stage, byLanguage) -> copy.put(stage, Map.copyOf(byLanguage)));
        stages = Map.copyOf(copy);
    }

    /** A single-stage variant: the same line whatever the conversation's stage. */
    public ScriptVariant(String id, double weight, Map<String, String> lines) {
        this(id, weight, lines, Map.of());
    }

    /** Whether it holds lines per stage rather than one line. */
    public boolean staged() {
        return !stages.isEmpty();
    }

    /** The line in the reply language (Chinese for mixed messages), or the other one if missing. */
    public String line(Language language) {
        return pick(lines, language);
    }

    /**
     * The line for {@code stage}: a single-stage variant's line whatever the stage (as before
     * stages), a staged variant's line for that stage, or {@code null} when it has none.
     */
    public String line(Script.Stage stage, Language language) {
        if (!staged()) {
            return line(language);
        }
        Map<String, String> byLanguage = stage == null ? null : stages.get(stage);
        return byLanguage == null ? null : pick(byLanguage, language);
    }

    private static String pick(Map<String, String> lines, Language language) {
        String preferred = language.replyLanguage() == Language.EN ? "en" : "zh";
        return lines.getOrDefault(preferred, lines.get(preferred.equals("en") ? "zh" : "en"));
    }
}
