package dev.kefu.eval.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.eval.report.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * How the dialogue commands ({@code slots}, {@code llm}, {@code dialogues}) read their JSON Lines files: one object
 * per line, a byte-order mark and blank lines tolerated, and every problem of the whole file
 * collected with its line number before anything runs (nothing is returned when there is one). And
 * what the commands share beyond reading: their help on the file and the demo, and their reports'
 * tables of turns.
 */
final class DialogueFiles {
    /** The end of a dialogue command's help on the file's format. */
    static final String CHECKED_FIRST =
            " The whole file is checked first; every problem is listed with its line number and nothing runs.";

    /** A dialogue command's help on {@code --demo}; picocli fills in the command's name. */
    static final String DEMO_HELP = "--demo replays the project's dialogues, bundled in the jar from"
            + " evaluation/src/main/resources/dev/kefu/eval/${COMMAND-NAME}/demo-dialogues.jsonl.";

    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");
    private static final Set<String> SHOPPER_FIELDS = Set.of("id", "tags");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DialogueFiles() {}

    /**
     * Where a dialogue command's dialogues come from: a file, or the command's bundled demo
     * dialogues ({@code dev/kefu/eval/<command>/demo-dialogues.jsonl} in the jar).
     */
    static final class Source {
        @Option(
                names = "--dialogues",
                required = true,
                paramLabel = "FILE",
                description = "Dialogues to replay, JSON Lines (see above).")
        Path file;

        @Option(
                names = "--demo",
                required = true,
                description = "Replay the bundled demo dialogues (dev/kefu/eval/${COMMAND-NAME}/demo-dialogues.jsonl).")
        boolean demo;

        /** The dialogues' name in reports and messages. */
        String name() {
            return demo ? "demo-dialogues.jsonl (bundled)" : file.toString();
        }

        /** A given file that is not there, or null. */
        String missing() {
            return demo || Files.isRegularFile(file) ? null : "no such dialogues file: " + file;
        }

        /**
         * The dialogues, read and checked by {@code reader} from the file or the jar's {@code
         * resource}; when the file is missing or has problems, none, and one message in {@code
         * errors} (a file's problems one a line, each with its line number).
         */
        <T> List<T> read(String resource, FileReader<T> reader, List<String> errors) throws IOException {
            if (missing() != null) {
                errors.add(missing());
                return List.of();
            }
            List<String> problems = new ArrayList<>();
            List<T> dialogues;
            try (BufferedReader in = open(resource)) {
                dialogues = reader.read(in, problems);
            }
            if (!problems.isEmpty()) {
                errors.add(name() + " is not a valid dialogues file (" + problems.size() + " problem"
                        + (problems.size() == 1 ? "" : "s") + "):\n  " + String.join("\n  ", problems));
                return List.of();
            }
            return dialogues;
        }

        /** The dialogues, from the file or from the jar's {@code resource}. */
        BufferedReader open(String resource) throws IOException {
            if (!demo) {
                return Files.newBufferedReader(file, StandardCharsets.UTF_8);
            }
            InputStream in = DialogueFiles.class.getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("the bundled dialogues " + resource + " are missing from the jar; rebuild it");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    /** A command's reader of a whole dialogues file: the dialogues, or none and {@code problems} filled. */
    @FunctionalInterface
    interface FileReader<T> {
        List<T> read(BufferedReader reader, List<String> problems) throws IOException;
    }

    /** Says why a command runs nothing ({@code error: ...} a line), and the exit code for it. */
    static int refuse(PrintWriter err, List<String> errors) {
        errors.forEach(e -> err.println("error: " + e));
        err.println("Nothing was run.");
        err.flush();
        return 1;
    }

    /** Where a dialogue command's demo dialogues are on the classpath. */
    static String demoResource(String command) {
        return "/dev/kefu/eval/" + command + "/demo-dialogues.jsonl";
    }

    /** A Markdown table of turns: the dialogue, the turn's number and its text, then {@code columns}. */
    static String turnTable(List<String> rows, String... columns) {
        List<String> header = new ArrayList<>(List.of("dialogue", "turn", "text"));
        header.addAll(List.of(columns));
        return Report.table(header, rows);
    }

    /** A row of a {@link #turnTable}. */
    static String turnRow(String dialogue, int number, String text, String... cells) {
        String[] row = new String[cells.length + 3];
        row[0] = dialogue;
        row[1] = Integer.toString(number);
        row[2] = text;
        System.arraycopy(cells, 0, row, 3, cells.length);
        return Report.cells(row);
    }

    /** Turns one line's JSON object into a dialogue, reporting its problems to {@code at}. */
    @FunctionalInterface
    interface LineParser<T> {
        /** The dialogue, or null (or anything: it is dropped) when {@code at} got a problem. */
        T parse(JsonNode object, int line, Problems at);
    }

    /**
     * A dialogue command's file reader: the whole file read and checked, every problem collected
     * with its line number. Every line is an object of known fields with an {@code id}; a subclass
     * reads the rest of it.
     */
    abstract static class Reader<T> implements LineParser<T> {
        /** Longest shopper message the server accepts. */
        final int maxChars;

        private final String shape;
        private final Set<String> fields;
        private final Function<T, String> id;

        /**
         * @param shape what a line should hold, for the message about a line that is no object
         * @param fields the fields a line may have
         * @param id a dialogue's id, which must be unique in the file
         */
        Reader(int maxChars, String shape, Set<String> fields, Function<T, String> id) {
            this.maxChars = maxChars;
            this.shape = shape;
            this.fields = Set.copyOf(fields);
            this.id = id;
        }

        @Override
        public final T parse(JsonNode object, int line, Problems at) {
            unknownFields(object, fields, "", at);
            return dialogue(object, line, text(object, "id", "", true, at), at);
        }

        /**
         * The dialogue on {@code line}, its fields checked and its {@code id} read (null when
         * missing); null (or anything: it is dropped) when {@code at} got a problem.
         */
        abstract T dialogue(JsonNode object, int line, String id, Problems at);

        /** The dialogues, or an empty list and {@code problems} filled when anything is wrong. */
        final List<T> read(BufferedReader reader, List<String> problems) throws IOException {
            return DialogueFiles.read(reader, problems, shape, this, id);
        }
    }

    /**
     * The file's dialogues, or an empty list with {@code problems} filled.
     *
     * @param shape what a line should hold, for the message about a line that is no object
     * @param id a dialogue's id, which must be unique in the file
     */
    static <T> List<T> read(
            BufferedReader reader, List<String> problems, String shape, LineParser<T> parser, Function<T, String> id)
            throws IOException {
        List<T> dialogues = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        int number = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            number++;
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            Problems at = new Problems("line " + number + ": ", problems);
            JsonNode node = object(line, shape, at);
            if (node == null) {
                continue;
            }
            T dialogue = parser.parse(node, number, at);
            if (dialogue != null && at.count() == 0) {
                Integer first = lineOfId.putIfAbsent(id.apply(dialogue), number);
                if (first != null) {
                    at.add("duplicate dialogue id \"" + id.apply(dialogue) + "\" (first on line " + first + ")");
                } else {
                    dialogues.add(dialogue);
                }
            }
        }
        if (number == 0 || (dialogues.isEmpty() && problems.isEmpty())) {
            problems.add("no dialogues (the file is empty)");
        }
        return problems.isEmpty() ? List.copyOf(dialogues) : List.of();
    }

    private static JsonNode object(String line, String shape, Problems at) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage().lines().findFirst().orElse("");
            int marker = message.indexOf(" (start marker");
            message = marker > 0 ? message.substring(0, marker) : message;
            at.add("not valid JSON"
                    + (e.getLocation() == null
                            ? ""
                            : " at column " + e.getLocation().getColumnNr())
                    + " (" + message + ")");
            return null;
        }
        if (node == null || !node.isObject()) {
            at.add("expected a JSON object " + shape + ", was " + abbreviate(line));
            return null;
        }
        return node;
    }

    /** Reports each field of {@code node} not in {@code known}; {@code path} is {@code ""} or {@code "turns[0]."}. */
    static void unknownFields(JsonNode node, Set<String> known, String path, Problems at) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String where = path.isEmpty() ? "" : path.substring(0, path.length() - 1) + ": ";
                at.add(where + "unknown field \"" + name + "\" (known: " + String.join(", ", new TreeSet<>(known))
                        + ")");
            }
        }
    }

    /** A non-blank string field, or null (reported when required, or when present but not one). */
    static String text(JsonNode node, String field, String path, boolean required, Problems at) {
        return text(node.get(field), path + field, required, at);
    }

    /** A non-blank string value, or null (reported when required, or when present but not one). */
    static String text(JsonNode value, String name, boolean required, Problems at) {
        if (value == null || value.isNull()) {
            if (required) {
                at.add("missing \"" + name + "\"");
            }
            return null;
        }
        if (!value.isTextual()) {
            at.add(name + " must be a string, was " + abbreviate(value.toString()));
            return null;
        }
        if (value.asText().isBlank()) {
            at.add(name + " must not be blank");
            return null;
        }
        return value.asText();
    }

    /** Makes one turn of a dialogue from its JSON object; {@code path} is {@code "turns[0]."}. */
    @FunctionalInterface
    interface TurnParser<T> {
        /** The turn, or null when {@code at} got a problem. */
        T parse(JsonNode object, String path, Problems at);
    }

    /**
     * A dialogue's {@code turns}: a non-empty array of objects, each made by {@code parser} (turns
     * with problems are left out; the problems are in {@code at}).
     *
     * @param shape what a turn holds, for the messages, e.g. {@code {"text", "handoff", ...}}
     */
    static <T> List<T> turns(JsonNode dialogue, String shape, Problems at, TurnParser<T> parser) {
        List<T> turns = new ArrayList<>();
        JsonNode array = dialogue.get("turns");
        if (array == null || array.isNull()) {
            at.add("missing \"turns\" (an array of " + shape + ")");
        } else if (!array.isArray() || array.isEmpty()) {
            at.add("\"turns\" must be a non-empty array, was " + abbreviate(array.toString()));
        } else {
            for (int i = 0; i < array.size(); i++) {
                JsonNode node = array.get(i);
                if (node == null || !node.isObject()) {
                    at.add("turns[" + i + "] must be an object " + shape + ", was " + abbreviate(String.valueOf(node)));
                    continue;
                }
                T turn = parser.parse(node, "turns[" + i + "].", at);
                if (turn != null) {
                    turns.add(turn);
                }
            }
        }
        return List.copyOf(turns);
    }

    /** A turn's required {@code text}, no longer than the server accepts; null when reported. */
    static String message(JsonNode turn, String path, int maxChars, Problems at) {
        String text = text(turn, "text", path, true, at);
        if (text != null && text.length() > maxChars) {
            at.add(path + "text is " + text.length() + " characters; the server accepts at most " + maxChars);
        }
        return text;
    }

    /**
     * A dialogue's {@code shopper}: {@code {"id"?, "tags"?}}, anonymous when absent; null when
     * {@code at} got a problem.
     */
    static ShopperContext shopper(JsonNode node, Problems at) {
        if (node == null || node.isNull()) {
            return ShopperContext.anonymous();
        }
        if (!node.isObject()) {
            at.add("\"shopper\" must be an object {\"id\"?, \"tags\"?}, was " + abbreviate(node.toString()));
            return null;
        }
        int before = at.count();
        unknownFields(node, SHOPPER_FIELDS, "shopper.", at);
        String id = text(node, "id", "shopper.", false, at);
        Set<String> tags = tags(node.get("tags"), "shopper.tags", at);
        if (at.count() != before) {
            return null;
        }
        try {
            return new ShopperContext(id, tags == null ? Set.of() : tags);
        } catch (IllegalArgumentException e) {
            at.add(e.getMessage());
            return null;
        }
    }

    /** A boolean field, or null (reported when required, or when present but not a boolean). */
    static Boolean bool(JsonNode node, String field, String path, boolean required, Problems at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                at.add("missing \"" + path + field + "\" (true or false)");
            }
            return null;
        }
        if (!value.isBoolean()) {
            at.add(path + field + " must be true or false, was " + abbreviate(value.toString()));
            return null;
        }
        return value.asBoolean();
    }

    /** An array of shopper tags, or null (absent, or reported). */
    static Set<String> tags(JsonNode value, String path, Problems at) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            at.add(path + " must be an array of tags, was " + abbreviate(value.toString()));
            return null;
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : value) {
            if (!tag.isTextual() || !TAG.matcher(tag.asText()).matches()) {
                at.add(path + " entries must be lowercase tags [a-z0-9_.:-] of at most 64 characters, was "
                        + abbreviate(tag.toString()));
                return null;
            }
            tags.add(tag.asText());
        }
        return Collections.unmodifiableSet(tags);
    }

    static String abbreviate(String text) {
        String one = text.strip();
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }

    /** Problems of one line, each prefixed with its line number. */
    static final class Problems {
        private final String prefix;
        private final List<String> all;
        private int count;

        Problems(String prefix, List<String> all) {
            this.prefix = prefix;
            this.all = all;
        }

        void add(String problem) {
            all.add(prefix + problem);
            count++;
        }

        int count() {
            return count;
        }
    }
}
