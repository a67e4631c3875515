package dev.kefu.core.slot;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kefu.core.outreach.OutreachRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The marketing scripts, loaded from one YAML file and validated whole before anything uses them:
 * every problem is reported with the script it is in, and a library with problems is not loaded.
 * The demo store's library is built in ({@link #demo()}).
 */
public final class ScriptLibrary {
    /** Ids of scripts, variants and experiments. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
    /** The placeholders a line may use; each is filled from the knowledge graph. */
    public static final Set<String> PLACEHOLDERS = Set.of(
            "product.name", "product.price", "accessories", "category.name", "promotion.name", "promotion.ends_in");

    public static final int MAX_LINE_CHARS = 500;
    /** The stage codes a script file may use. */
    static final List<String> STAGES =
            List.of("opener", "need_discovery", "recommendation", "objection", "objection_handling", "closing");
    /** A placeholder in a line, such as {@code {product.name}}. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z._]+)}");

    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final List<Script> scripts;
    private final TagRules tagRules;
    private final OutreachRules outreach;
    private final String source;

    private ScriptLibrary(List<Script> scripts, TagRules tagRules, OutreachRules outreach, String source) {
        this.scripts = List.copyOf(scripts);
        this.tagRules = tagRules;
        this.outreach = outreach;
        this.source = source;
    }

    /** The rules under which Kefu speaks first (the {@code outreach:} section). */
    public OutreachRules outreach() {
        return outreach;
    }

    /** The YAML it was read from, as written (comments included), for trainers to edit. */
    public String source() {
        return source;
    }

    /** The rules that infer shopper tags from their words and storefront events. */
    public TagRules tagRules() {
        return tagRules;
    }

    /** Scripts by descending priority, then id. */
    public List<Script> scripts() {
        return scripts;
    }

    public Optional<Script> script(String id) {
        return scripts.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The demo store's scripts (a 50/50 mother & baby experiment, {@code demo-mother-baby}). */
    public static ScriptLibrary demo() {
        try (InputStream in = ScriptLibrary.class.getResourceAsStream("demo-scripts.yaml")) {
            if (in == null) {
                throw new IllegalStateException("demo-scripts.yaml is missing from the bot-core jar");
            }
            return parse(in.readAllBytes(), "the built-in demo scripts");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws ScriptException listing every problem of the file */
    public static ScriptLibrary load(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new ScriptException(List.of("cannot read " + file + ": " + e.getMessage()));
        }
    }

    /** @throws ScriptException listing every problem of the YAML */
    public static ScriptLibrary parse(byte[] yaml, String source) {
        FileDto file;
        try {
            file = YAML.readValue(yaml, FileDto.class);
        } catch (IOException e) {
            throw new ScriptException(List.of(source + " is not a valid script file: "
                    + e.getMessage().lines().findFirst().orElse("")));
        }
        List<String> problems = new ArrayList<>();
        List<Script> scripts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> experiments = new HashSet<>();
        List<ScriptDto> given = file == null || file.scripts == null ? List.of() : file.scripts;
        for (int i = 0; i < given.size(); i++) {
            ScriptDto dto = given.get(i);
            String where = "scripts[" + i + "]" + (dto.id == null ? "" : " (" + dto.id + ")");
            List<String> own = new ArrayList<>();
            Script script = validate(dto, where, own);
            if (dto.id != null && !ids.add(dto.id)) {
                own.add(where + ": the id repeats");
            }
            if (dto.experiment != null && !experiments.add(dto.experiment)) {
                own.add(where + ": experiment " + dto.experiment + " is used by another script");
            }
            problems.addAll(own);
            if (own.isEmpty()) {
                scripts.add(script);
            }
        }
        TagRules tagRules = tagRules(file == null ? null : file.tagRules, problems);
        OutreachRules outreach = OutreachRules.parse(file == null ? null : file.outreach, experiments, problems);
        if (!problems.isEmpty()) {
            throw new ScriptException(problems);
        }
        scripts.sort((a, b) ->
                a.priority() != b.priority() ? Integer.compare(b.priority(), a.priority()) : a.id().compareTo(b.id()));
        return new ScriptLibrary(
                scripts, tagRules, outreach, new String(yaml, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static TagRules tagRules(TagRulesDto dto, List<String> problems) {
        if (dto == null) {
            return TagRules.none();
        }
        return new TagRules(
                rules(orEmpty(dto.keywords), "tagRules.keywords", (rule, where) -> keywordRule(rule, where, problems)),
                rules(
                        orEmpty(dto.behaviours),
                        "tagRules.behaviours",
                        (rule, where) -> behaviourRule(rule, where, problems)));
    }

    /** The rules {@code rule} makes of {@code given}, each checked as {@code where[i]}; null is a refused one. */
    private static <D, R> List<R> rules(List<D> given, String where, BiFunction<D, String, R> rule) {
        List<R> rules = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            R made = rule.apply(given.get(i), where + "[" + i + "]");
            if (made != null) {
                rules.add(made);
            }
        }
        return rules;
    }

    private static TagRules.KeywordRule keywordRule(KeywordDto rule, String where, List<String> problems) {
        boolean ok = checkTag(rule.tag, where, problems);
        if (orEmpty(rule.phrases).isEmpty() || rule.phrases.stream().anyMatch(p -> p == null || p.isBlank())) {
            problems.add(where + ": phrases must list non-blank phrases");
            ok = false;
        }
        if (rule.ttlHours < 1) {
            problems.add(where + ": ttlHours must be >= 1");
            ok = false;
        }
        return ok ? new TagRules.KeywordRule(rule.tag, rule.phrases, java.time.Duration.ofHours(rule.ttlHours)) : null;
    }

    private static TagRules.BehaviourRule behaviourRule(BehaviourDto rule, String where, List<String> problems) {
        boolean ok = checkTag(rule.tag, where, problems);
        if (rule.event == null || !rule.event.matches("[a-z][a-z_]{0,39}")) {
            problems.add(where + ": event must be an event type such as product_viewed");
            ok = false;
        }
        if (rule.atLeast < 1 || rule.withinHours < 1) {
            problems.add(where + ": atLeast and withinHours must be >= 1");
            ok = false;
        }
        return ok
                ? new TagRules.BehaviourRule(
                        rule.tag, rule.event, rule.atLeast, java.time.Duration.ofHours(rule.withinHours))
                : null;
    }

    private static boolean checkTag(String tag, String where, List<String> problems) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            problems.add(where + ": tag must be lowercase [a-z0-9_.:-], was " + tag);
            return false;
        }
        return true;
    }

    private static Script validate(ScriptDto dto, String where, List<String> problems) {
        if (dto.id == null || !ID.matcher(dto.id).matches()) {
            problems.add(where + ": id must match " + ID.pattern());
        }
        List<VariantDto> givenVariants = orEmpty(dto.variants);
        boolean staged = !givenVariants.isEmpty() && givenVariants.stream().allMatch(v -> v.stages != null);
        if (!staged && givenVariants.stream().anyMatch(v -> v.stages != null)) {
            problems.add(where + ": either every variant has stages or none has");
        }
        Script.Stage stage = null;
        if (staged && dto.stage != null) {
            problems.add(
                    where + ": stage is for single-line scripts; a script whose variants have stages leaves it out");
        } else if (!staged) {
            stage = stage(dto.stage, where + ": stage", problems);
        }
        SlotPosition position = parseEnum(SlotPosition.class, dto.position, where + ": position", problems);
        for (String tag : orEmpty(dto.tags)) {
            if (tag == null || !TAG.matcher(tag).matches()) {
                problems.add(where + ": tag \"" + tag + "\" must be lowercase [a-z0-9_.:-]");
            }
        }
        if (dto.experiment != null && !ID.matcher(dto.experiment).matches()) {
            problems.add(where + ": experiment must match " + ID.pattern());
        }
        if (!(dto.holdout >= 0)) {
            problems.add(where + ": holdout must be >= 0");
        }
        List<ScriptVariant> variants = new ArrayList<>();
        Set<String> variantIds = new HashSet<>();
        double total = dto.holdout;
        if (givenVariants.isEmpty()) {
            problems.add(where + ": variants must list at least one line");
        }
        for (int v = 0; v < givenVariants.size(); v++) {
            VariantDto variant = givenVariants.get(v);
            String at = where + ": variants[" + v + "]";
            if (variant.id == null || !ID.matcher(variant.id).matches() || "holdout".equals(variant.id)) {
                problems.add(at + ": id must match " + ID.pattern() + " and not be \"holdout\"");
            } else if (!variantIds.add(variant.id)) {
                problems.add(at + ": the id " + variant.id + " repeats");
            }
            if (!(variant.weight >= 0)) {
                problems.add(at + ": weight must be >= 0");
            }
            total += variant.weight;
            Map<String, String> lines = variant.lines == null ? Map.of() : variant.lines;
            Map<Script.Stage, Map<String, String>> stages = new java.util.EnumMap<>(Script.Stage.class);
            if (variant.stages != null) {
                if (!lines.isEmpty()) {
                    problems.add(at + ": has both lines and stages; a staged variant keeps its lines under stages");
                }
                if (variant.stages.isEmpty()) {
                    problems.add(at + ": stages needs a line for at least one stage");
                }
                for (Map.Entry<String, Map<String, String>> byStage : variant.stages.entrySet()) {
                    String stageAt = at + ": stages." + byStage.getKey();
                    Script.Stage named = stage(byStage.getKey(), stageAt, problems);
                    Map<String, String> stageLines = byStage.getValue() == null ? Map.of() : byStage.getValue();
                    checkLines(stageAt, stageLines, problems);
                    if (named != null && stages.put(named, stageLines) != null) {
                        problems.add(stageAt + ": the stage repeats");
                    }
                }
            } else {
                checkLines(at + ": lines", lines, problems);
            }
            variants.add(new ScriptVariant(variant.id == null ? "?" : variant.id, variant.weight, lines, stages));
        }
        if (dto.experiment != null && !(total > 0)) {
            problems.add(where + ": the experiment's weights must not all be 0");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new Script(
                dto.id,
                stage,
                Set.copyOf(orEmpty(dto.tags)),
                Set.copyOf(orEmpty(dto.intents)),
                Set.copyOf(orEmpty(dto.categories)),
                position,
                dto.priority,
                dto.experiment,
                dto.holdout,
                variants);
    }

    private static void checkLines(String at, Map<String, String> lines, List<String> problems) {
        if (lines.isEmpty()) {
            problems.add(at + " needs an en or zh line");
        }
        for (Map.Entry<String, String> line : lines.entrySet()) {
            checkLine(at + "." + line.getKey(), line.getKey(), line.getValue(), problems);
        }
    }

    /** A stage by its code ({@code objection} for short), or null with a problem naming the codes. */
    private static Script.Stage stage(String code, String where, List<String> problems) {
        Optional<Script.Stage> stage = Script.Stage.fromCode(code);
        if (stage.isEmpty()) {
            problems.add(where + " must be one of " + STAGES + ", was " + code);
        }
        return stage.orElse(null);
    }

    private static void checkLine(String at, String language, String text, List<String> problems) {
        if (!language.equals("en") && !language.equals("zh")) {
            problems.add(at + ": only en and zh lines are supported");
        }
        if (text == null || text.isBlank() || text.length() > MAX_LINE_CHARS) {
            problems.add(at + ": must be 1.." + MAX_LINE_CHARS + " characters");
            return;
        }
        Set<String> unknown = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                unknown.add(m.group(0));
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(at + ": unknown placeholders " + unknown + " (known: "
                    + PLACEHOLDERS.stream().sorted().toList() + ")");
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String code, String where, List<String> problems) {
        if (code != null) {
            for (E value : type.getEnumConstants()) {
                if (value.name().toLowerCase(Locale.ROOT).equals(code)) {
                    return value;
                }
            }
        }
        List<String> codes = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            codes.add(value.name().toLowerCase(Locale.ROOT));
        }
        problems.add(where + " must be one of " + codes + ", was " + code);
        return null;
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }

    /** Every problem of a script file. */
    public static final class ScriptException extends RuntimeException {
        private final List<String> problems;

        public ScriptException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static final class FileDto {
        @JsonProperty
        List<ScriptDto> scripts;

        @JsonProperty
        TagRulesDto tagRules;

        @JsonProperty
        JsonNode outreach;
    }

    private static final class TagRulesDto {
        @JsonProperty
        List<KeywordDto> keywords;

        @JsonProperty
        List<BehaviourDto> behaviours;
    }

    private static final class KeywordDto {
        @JsonProperty
        String tag;

        @JsonProperty
        List<String> phrases;

        @JsonProperty
        int ttlHours = 720;
    }

    private static final class BehaviourDto {
        @JsonProperty
        String tag;

        @JsonProperty
        String event;

        @JsonProperty
        int atLeast = 1;

        @JsonProperty
        int withinHours = 24;
    }

    private static final class ScriptDto {
        @JsonProperty
        String id;

        @JsonProperty
        String stage;

        @JsonProperty
        List<String> tags;

        @JsonProperty
        List<String> intents;

        @JsonProperty
        List<String> categories;

        @JsonProperty
        String position;

        @JsonProperty
        int priority;

        @JsonProperty
        String experiment;

        @JsonProperty
        double holdout;

        @JsonProperty
        List<VariantDto> variants;
    }

    private static final class VariantDto {
        @JsonProperty
        String id;

        @JsonProperty
        double weight = 1;

        @JsonProperty
        Map<String, String> lines;

        /** A staged variant's lines: stage code -> language -> line. */
        @JsonProperty
        Map<String, Map<String, String>> stages;
    }
}
