package dev.kefu.kb.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Relation;
import dev.kefu.kb.model.RelationType;
import dev.kefu.kb.model.Translation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads knowledge entries from JSON Lines, all or nothing.
 *
 * <h2>Format</h2>
 *
 * <p>UTF-8 text (a leading byte-order mark is ignored), one JSON object per line; lines that are
 * empty or only whitespace are skipped but still counted, so line numbers in errors are the
 * editor's line numbers. Each object is one entry:
 *
 * <pre>{@code
 * {"id": "policy-shipping", "type": "policy", "title": "Shipping", "body": "We ship in 48 hours...",
 *  "questions": ["How long does delivery take?", "多久发货？"], "tags": ["shipping"],
 *  "relations": [{"type": "governed_by", "target": "policy-warranty"}],
 *  "attributes": {"price": "299.00"},
 *  "i18n": {"zh": {"title": "配送政策", "body": "我们在48小时内发货……"}}}
 * }</pre>
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>required</th><th>rule</th></tr>
 *   <tr><td>{@code id}</td><td>yes</td><td>string matching {@code ^[A-Za-z0-9][A-Za-z0-9_.:?-]{0,127}$},
 *       unique in the file</td></tr>
 *   <tr><td>{@code type}</td><td>yes</td><td>one of {@code product}, {@code category},
 *       {@code brand}, {@code policy}, {@code faq}, {@code promotion}</td></tr>
 *   <tr><td>{@code title}</td><td>yes</td><td>non-blank string, at most 200 characters
 *       (Unicode code points); English</td></tr>
 *   <tr><td>{@code body}</td><td>yes</td><td>non-blank string, at most 10000 characters;
 *       English</td></tr>
 *   <tr><td>{@code questions}</td><td>no (absent or {@code null} = none)</td><td>array of at most
 *       100 non-blank strings, each at most 500 characters, in any language</td></tr>
 *   <tr><td>{@code tags}</td><td>no</td><td>array of non-blank strings</td></tr>
 *   <tr><td>{@code relations}</td><td>no</td><td>array of objects {@code {"type": ...,
 *       "target": ...}}; {@code type} one of {@code belongs_to}, {@code made_by},
 *       {@code governed_by}, {@code accessory_of}, {@code bundle_with}, {@code replaces},
 *       {@code related}; {@code target} the id of an entry in the same file</td></tr>
 *   <tr><td>{@code attributes}</td><td>no</td><td>object whose values are all strings (write
 *       {@code "299.00"}, not {@code 299.00}); a product's typed attributes must read as their type
 *       (see below)</td></tr>
 *   <tr><td>{@code i18n}</td><td>no</td><td>object keyed by a two-letter lowercase language code
 *       ({@code zh}); each value an object with a required {@code title} and {@code body} under
 *       the same rules as the base ones</td></tr>
 * </table>
 *
 * <h2>Product attributes</h2>
 *
 * <p>A product's facts that shoppers ask about one at a time are typed attributes, under these
 * keys ({@link dev.kefu.core.knowledge.product.ProductSheet}); any other key is free text:
 *
 * <table>
 *   <caption>Typed attributes</caption>
 *   <tr><th>key</th><th>value</th><th>example</th></tr>
 *   <tr><td>{@code battery_life}</td><td>number and h, min or day</td><td>{@code 8 h}</td></tr>
 *   <tr><td>{@code weight}</td><td>number and g or kg</td><td>{@code 6.8 kg}</td></tr>
 *   <tr><td>{@code dimensions}</td><td>two or three numbers and mm, cm, m or inch</td>
 *       <td>{@code 52 x 45 x 22 cm}</td></tr>
 *   <tr><td>{@code capacity}</td><td>number and ml, L, mAh, Wh, GB or TB</td><td>{@code 5.5 L}</td></tr>
 *   <tr><td>{@code power}</td><td>number and W or kW</td><td>{@code 1700 W}</td></tr>
 *   <tr><td>{@code water_resistance}, {@code material}, {@code compatibility}</td><td>text</td>
 *       <td>{@code IPX4}</td></tr>
 *   <tr><td>{@code colours}, {@code sizes}</td><td>comma-separated list</td><td>{@code S,M,L}</td></tr>
 *   <tr><td>{@code stock}</td><td>{@code in_stock}, {@code low_stock} or {@code out_of_stock}</td>
 *       <td></td></tr>
 *   <tr><td>{@code price}</td><td>number, in {@code currency} (CNY if absent)</td><td>{@code 399.00}</td></tr>
 *   <tr><td>{@code size_table}</td><td>{@code <measure> <unit>: <size> <from>-<to>; ...}, measure one
 *       of weight, height, foot, waist, chest, age; an open end has no number</td>
 *       <td>{@code weight kg: S 4-8; M 6-11; XL 12-}</td></tr>
 * </table>
 *
 * <p>{@code <key>.en} and {@code <key>.zh} give the value as shoppers read it in each language
 * when the value alone does not say it ({@code "battery_life.en": "8 hours (30 with the case)"});
 * without them a quantity reads as its number and unit in each language, and text as written.
 * {@code aliases} (comma-separated) adds names shoppers use for the product ({@code 小白鞋}), besides
 * those derived from its titles.
 *
 * <h2>Validation</h2>
 *
 * <p>Every line is checked before anything is returned, and every problem is collected: a line
 * that is not exactly one JSON object (malformed JSON, trailing content, a duplicate key, an array
 * or scalar instead of an object), a missing, {@code null} or blank required field, a value of the
 * wrong JSON type, an id that does not match the pattern, an unknown entry or relation type, a
 * title, body or question over its length limit, more than 100 questions, an unknown field (at the
 * top level, in a relation, or in a translation: typos such as {@code "question"} are caught
 * instead of silently dropped), a duplicate id (reported on every line that uses it, each naming
 * the others), and a relation whose target is not the id of any line of the file. If there is at
 * least one problem the reader throws {@link KnowledgeFormatException} with all of them as
 * (line number, message) pairs, in line order, and returns nothing: a file is never half-loaded.
 * Otherwise it returns the entries in file order.
 *
 * <p>Thread-safety: stateless; all methods may be called concurrently.
 */
public final class JsonlEntryReader {
    /** Classpath location of the built-in demo store. */
    static final String DEMO_STORE_RESOURCE = "/dev/kefu/kb/demo/demo-store.jsonl";

    private static final Set<String> ENTRY_FIELDS =
            Set.of("id", "type", "title", "body", "questions", "tags", "relations", "attributes", "i18n");
    private static final Set<String> RELATION_FIELDS = Set.of("type", "target");
    private static final Set<String> TRANSLATION_FIELDS = Set.of("title", "body");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonlEntryReader() {}

    /** Reads a UTF-8 JSON Lines file. */
    public static List<KnowledgeEntry> read(Path path) throws IOException {
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return read(reader, path.toString());
        }
    }

    /**
     * Reads JSON Lines from {@code reader} (not closed here).
     *
     * @param source names the input in error messages, e.g. the file name
     * @throws KnowledgeFormatException listing every problem, if there is any
     * @throws IOException if the reader fails
     */
    public static List<KnowledgeEntry> read(Reader reader, String source) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        List<Problem> problems = new ArrayList<>();
        List<ParsedLine> parsed = new ArrayList<>();
        String line;
        int lineNumber = 0;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            LineCheck check = new LineCheck(lineNumber, problems);
            parsed.add(check.parse(line));
        }
        checkAcrossLines(parsed, problems);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::lineNumber));
            throw new KnowledgeFormatException(
                    source,
                    problems.stream()
                            .map(p -> new KnowledgeFormatException.Problem(p.lineNumber(), p.message()))
                            .toList());
        }
        return parsed.stream().map(ParsedLine::entry).toList();
    }

    /**
     * Reads one entry, given as one JSON object (e.g. a request body), under the same rules as a
     * line of a file except that relation targets are not checked: the caller knows the set of
     * entries it will join.
     *
     * @param source names the input in error messages
     * @throws KnowledgeFormatException listing every problem (all on line 1), if there is any
     */
    public static KnowledgeEntry readEntry(String json, String source) {
        List<Problem> problems = new ArrayList<>();
        ParsedLine parsed = new LineCheck(1, problems).parse(json.strip());
        if (!problems.isEmpty()) {
            throw new KnowledgeFormatException(
                    source,
                    problems.stream()
                            .map(p -> new KnowledgeFormatException.Problem(p.lineNumber(), p.message()))
                            .toList());
        }
        return parsed.entry();
    }

    /**
     * The built-in demo store ({@value #DEMO_STORE_RESOURCE} on the classpath).
     *
     * @throws IllegalStateException if the resource is missing
     * @throws KnowledgeFormatException if it is invalid (a build defect, caught by the tests)
     */
    public static List<KnowledgeEntry> readDemoStore() {
        InputStream stream = JsonlEntryReader.class.getResourceAsStream(DEMO_STORE_RESOURCE);
        if (stream == null) {
            throw new IllegalStateException("demo store " + DEMO_STORE_RESOURCE + " is not on the classpath");
        }
        try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
            return read(reader, "classpath:" + DEMO_STORE_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo store " + DEMO_STORE_RESOURCE, e);
        }
    }

    private static void checkAcrossLines(List<ParsedLine> parsed, List<Problem> problems) {
        Map<String, List<Integer>> linesById = new LinkedHashMap<>();
        for (ParsedLine line : parsed) {
            if (line.id() != null) {
                linesById.computeIfAbsent(line.id(), id -> new ArrayList<>()).add(line.lineNumber());
            }
        }
        for (Map.Entry<String, List<Integer>> id : linesById.entrySet()) {
            List<Integer> lines = id.getValue();
            if (lines.size() > 1) {
                for (int lineNumber : lines) {
                    String others = lines.stream()
                            .filter(other -> other != lineNumber)
                            .map(String::valueOf)
                            .collect(Collectors.joining(", "));
                    problems.add(new Problem(
                            lineNumber, "duplicate id \"" + id.getKey() + "\" (also on line " + others + ")"));
                }
            }
        }
        for (ParsedLine line : parsed) {
            for (Map.Entry<String, String> target : line.relationTargets().entrySet()) {
                if (!linesById.containsKey(target.getValue())) {
                    problems.add(new Problem(
                            line.lineNumber(),
                            target.getKey() + " \"" + target.getValue() + "\" is not the id of any entry in the file"));
                }
            }
        }
    }

    private record Problem(int lineNumber, String message) {}

    /**
     * What one line yielded: its id if readable (for duplicate and relation checks even when the
     * line has other problems), its relation targets by field path, and the entry if valid.
     */
    private record ParsedLine(int lineNumber, String id, Map<String, String> relationTargets, KnowledgeEntry entry) {}

    /** Checks one line, adding its problems to the shared list. */
    private static final class LineCheck {
        private final int lineNumber;
        private final List<Problem> problems;
        private boolean failed;

        LineCheck(int lineNumber, List<Problem> problems) {
            this.lineNumber = lineNumber;
            this.problems = problems;
        }

        ParsedLine parse(String line) {
            JsonNode node;
            try {
                node = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                problem("malformed JSON: " + e.getOriginalMessage());
                return new ParsedLine(lineNumber, null, Map.of(), null);
            }
            if (node == null || !node.isObject()) {
                problem("expected a JSON object, was " + describe(node));
                return new ParsedLine(lineNumber, null, Map.of(), null);
            }
            unknownFields(node, ENTRY_FIELDS, "");
            String id = requiredString(node, "id", "id");
            if (id != null && !KnowledgeEntry.ID_PATTERN.matcher(id).matches()) {
                problem("\"id\" must match " + KnowledgeEntry.ID_PATTERN.pattern() + ", was " + quote(id));
            }
            EntryType type = null;
            String typeCode = requiredString(node, "type", "type");
            if (typeCode != null) {
                type = EntryType.fromCode(typeCode).orElse(null);
                if (type == null) {
                    problem("\"type\" must be one of " + codes(EntryType.values()) + ", was " + quote(typeCode));
                }
            }
            String title = bounded(node, "title", "title", KnowledgeEntry.MAX_TITLE_LENGTH);
            String body = bounded(node, "body", "body", KnowledgeEntry.MAX_BODY_LENGTH);
            List<String> questions = questions(node);
            List<String> tags = stringArray(node, "tags");
            Map<String, String> relationTargets = new LinkedHashMap<>();
            List<Relation> relations = relations(node, relationTargets);
            Map<String, String> attributes = attributes(node);
            Map<String, Translation> i18n = i18n(node);
            if (failed) {
                return new ParsedLine(lineNumber, id, relationTargets, null);
            }
            try {
                return new ParsedLine(
                        lineNumber,
                        id,
                        relationTargets,
                        new KnowledgeEntry(id, type, title, body, questions, tags, relations, attributes, i18n));
            } catch (IllegalArgumentException e) {
                // A rule of the record that the checks above do not duplicate.
                problem(e.getMessage());
                return new ParsedLine(lineNumber, id, relationTargets, null);
            }
        }

        private List<String> questions(JsonNode node) {
            List<String> questions = stringArray(node, "questions");
            if (questions.size() > KnowledgeEntry.MAX_QUESTIONS) {
                problem("\"questions\" must hold at most " + KnowledgeEntry.MAX_QUESTIONS + " questions, had "
                        + questions.size());
            }
            for (int i = 0; i < questions.size(); i++) {
                tooLong("questions[" + i + "]", questions.get(i), KnowledgeEntry.MAX_QUESTION_LENGTH);
            }
            return questions;
        }

        private List<Relation> relations(JsonNode node, Map<String, String> targets) {
            List<JsonNode> array = elements(node, "relations", "an array");
            List<Relation> relations = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                String path = "relations[" + i + "]";
                JsonNode relation = array.get(i);
                if (!relation.isObject()) {
                    problem(quotePath(path) + " must be an object {\"type\": ..., \"target\": ...}, was "
                            + describe(relation));
                    continue;
                }
                unknownFields(relation, RELATION_FIELDS, path + ".");
                RelationType type = null;
                String typeCode = requiredString(relation, "type", path + ".type");
                if (typeCode != null) {
                    type = RelationType.fromCode(typeCode).orElse(null);
                    if (type == null) {
                        problem(quotePath(path + ".type") + " must be one of " + codes(RelationType.values()) + ", was "
                                + quote(typeCode));
                    }
                }
                String target = requiredString(relation, "target", path + ".target");
                if (target != null && !KnowledgeEntry.ID_PATTERN.matcher(target).matches()) {
                    problem(quotePath(path + ".target") + " must be an entry id matching "
                            + KnowledgeEntry.ID_PATTERN.pattern() + ", was " + quote(target));
                } else if (target != null) {
                    targets.put(quotePath(path + ".target"), target);
                    if (type != null) {
                        relations.add(new Relation(type, target));
                    }
                }
            }
            return relations;
        }

        private Map<String, String> attributes(JsonNode node) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> attribute : members(node, "attributes", "an object of strings")) {
                String path = "attributes." + attribute.getKey();
                if (attribute.getKey().isBlank()) {
                    problem("\"attributes\" keys must not be blank, was " + quote(attribute.getKey()));
                } else if (!attribute.getValue().isTextual()) {
                    problem(quotePath(path) + " must be a string, was " + describe(attribute.getValue()));
                } else {
                    attributes.put(attribute.getKey(), attribute.getValue().textValue());
                }
            }
            return attributes;
        }

        private Map<String, Translation> i18n(JsonNode node) {
            Map<String, Translation> i18n = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> translation : members(node, "i18n", "an object keyed by language code")) {
                String language = translation.getKey();
                String path = "i18n." + language;
                if (!KnowledgeEntry.LANGUAGE_CODE_PATTERN.matcher(language).matches()) {
                    problem("\"i18n\" keys must be two-letter lowercase language codes such as \"zh\", was "
                            + quote(language));
                    continue;
                }
                JsonNode value = translation.getValue();
                if (!value.isObject()) {
                    problem(quotePath(path) + " must be an object {\"title\": ..., \"body\": ...}, was "
                            + describe(value));
                    continue;
                }
                unknownFields(value, TRANSLATION_FIELDS, path + ".");
                String title = bounded(value, "title", path + ".title", KnowledgeEntry.MAX_TITLE_LENGTH);
                String body = bounded(value, "body", path + ".body", KnowledgeEntry.MAX_BODY_LENGTH);
                if (title != null && body != null) {
                    i18n.put(language, new Translation(title, body));
                }
            }
            return i18n;
        }

        private List<String> stringArray(JsonNode node, String field) {
            List<JsonNode> array = elements(node, field, "an array of strings");
            List<String> values = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                String path = field + "[" + i + "]";
                if (!value.isTextual()) {
                    problem(quotePath(path) + " must be a string, was " + describe(value));
                } else if (value.textValue().isBlank()) {
                    problem(quotePath(path) + " must not be blank, was " + quote(value.textValue()));
                } else {
                    values.add(value.textValue());
                }
            }
            return values;
        }

        /** The members of an optional object field, in order: none when it is absent or (reported) no object. */
        private Iterable<Map.Entry<String, JsonNode>> members(JsonNode node, String field, String expected) {
            JsonNode object = optional(node, field, JsonNode::isObject, expected);
            return object == null ? List.of() : object.properties();
        }

        /** The elements of an optional array field: none when it is absent or (reported) no array. */
        private List<JsonNode> elements(JsonNode node, String field, String expected) {
            JsonNode array = optional(node, field, JsonNode::isArray, expected);
            List<JsonNode> elements = new ArrayList<>();
            if (array != null) {
                array.forEach(elements::add);
            }
            return elements;
        }

        /** The field's node if present and non-null and of the right kind; null otherwise. */
        private JsonNode optional(JsonNode node, String field, Predicate<JsonNode> kind, String expected) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!kind.test(value)) {
                problem(quotePath(field) + " must be " + expected + ", was " + describe(value));
                return null;
            }
            return value;
        }

        private String bounded(JsonNode node, String field, String path, int maxLength) {
            String value = requiredString(node, field, path);
            if (value != null) {
                tooLong(path, value, maxLength);
            }
            return value;
        }

        private void tooLong(String path, String value, int maxLength) {
            int length = value.codePointCount(0, value.length());
            if (length > maxLength) {
                problem(quotePath(path) + " must be at most " + maxLength + " characters, was " + length
                        + " characters: " + quote(abbreviate(value)));
            }
        }

        /** The field's non-blank text, or null after reporting why there is none. */
        private String requiredString(JsonNode node, String field, String path) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                problem("missing required field " + quotePath(path));
                return null;
            }
            if (!value.isTextual()) {
                problem(quotePath(path) + " must be a string, was " + describe(value));
                return null;
            }
            if (value.textValue().isBlank()) {
                problem(quotePath(path) + " must not be blank, was " + quote(value.textValue()));
                return null;
            }
            return value.textValue();
        }

        private void unknownFields(JsonNode node, Set<String> known, String prefix) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    problem("unknown field " + quotePath(prefix + name) + " (known: "
                            + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
                }
            }
        }

        private void problem(String message) {
            failed = true;
            problems.add(new Problem(lineNumber, message));
        }
    }

    private static String codes(Enum<?>[] values) {
        return Arrays.stream(values)
                .map(value -> value.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        return node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + abbreviate(text);
    }

    private static String quotePath(String path) {
        return "\"" + path + "\"";
    }

    private static String quote(String value) {
        return "\"" + value + "\"";
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
