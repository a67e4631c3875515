package dev.kefu.eval.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.eval.report.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * How the dialogue commands ({@code slots}, {@code llm}) read their JSON Lines files: one object
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
