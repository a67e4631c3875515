package dev.kefu.intents.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.Checks;
import dev.kefu.intents.text.TextSources;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads JSON Lines training data: one object {@code {"text": "...", "label": "..."}} per line,
 * UTF-8. Blank lines are skipped.
 *
 * <p>All or nothing: every bad line is reported (invalid JSON, not an object, a missing, blank or
 * non-string field, an unknown field, a label with whitespace or over 128 characters) in one {@link TrainingDataException}, and no examples are returned if any
 * line is bad. A half-loaded training set would silently train a worse router. The same text
 * given two different labels is label noise, not a format error: it is kept and logged. An unreadable
 * source is an {@link UncheckedIOException}. Stateless and thread-safe.
 */
public final class TrainingDataReader {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TrainingDataReader.class);

    /** Labels are stable codes without whitespace (public datasets use upper case, "-" and "?"). */
    public static final Pattern LABEL = Pattern.compile("\\S{1,128}");

    private static final ObjectMapper JSON = new ObjectMapper();

    public List<TrainingExample> read(Path file) {
        Checks.requireNonNull("file", file);
        return TextSources.read(file, "training data", this::read);
    }

    /** Reads a classpath resource, e.g. the bundled demo data. */
    public List<TrainingExample> readResource(Class<?> anchor, String name) {
        return TextSources.readResource(anchor, name, "training data", this::read);
    }

    /**
     * @param reader the JSON Lines; not closed here
     * @param source names the data in error messages
     */
    public List<TrainingExample> read(Reader reader, String source) throws IOException {
        Checks.requireNonNull("reader", reader);
        List<TrainingExample> examples = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        Map<String, Integer> lineOfText = new HashMap<>();
        Map<String, String> labelOfText = new HashMap<>();
        int conflicts = 0;
        String firstConflict = null;
        BufferedReader lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        int lineNumber = 0;
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            String where = source + ":" + lineNumber + ": ";
            TrainingExample example = parse(line, where, errors);
            if (example == null) {
                continue;
            }
            String key = example.text().strip().toLowerCase(Locale.ROOT);
            String previousLabel = labelOfText.putIfAbsent(key, example.label());
            if (previousLabel == null) {
                lineOfText.put(key, lineNumber);
            } else if (!previousLabel.equals(example.label())) {
                conflicts++;
                if (firstConflict == null) {
                    firstConflict = where + "text \"" + example.text() + "\" is labelled \"" + example.label()
                            + "\" but line " + lineOfText.get(key) + " labels it \"" + previousLabel + "\"";
                }
            }
            examples.add(example);
        }
        if (errors.isEmpty() && examples.isEmpty()) {
            errors.add(source + ": no training examples");
        }
        if (!errors.isEmpty()) {
            throw new TrainingDataException(errors);
        }
        if (conflicts > 0) {
            // Public benchmark data has label noise (SST-2 phrases, duplicated reviews); the examples
            // are kept as they are, so results stay comparable with published ones.
            LOG.warn(
                    "{}: {} texts repeat an earlier text with another label (kept); first: {}",
                    source,
                    conflicts,
                    firstConflict);
        }
        return List.copyOf(examples);
    }

    private static TrainingExample parse(String line, String where, List<String> errors) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            errors.add(where + "not valid JSON (" + e.getOriginalMessage() + ")");
            return null;
        }
        if (node == null || !node.isObject()) {
            errors.add(where + "expected a JSON object {\"text\": ..., \"label\": ...}, was " + line.strip());
            return null;
        }
        int before = errors.size();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("text") && !name.equals("label")) {
                errors.add(where + "unknown field \"" + name + "\" (expected only \"text\" and \"label\")");
            }
        }
        String text = stringField(node, "text", where, errors);
        String label = stringField(node, "label", where, errors);
        if (label != null && !LABEL.matcher(label).matches()) {
            errors.add(where + "label must match " + LABEL.pattern() + ", was \"" + label + "\"");
        }
        return errors.size() == before ? new TrainingExample(text, label) : null;
    }

    private static String stringField(JsonNode node, String field, String where, List<String> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(where + "missing \"" + field + "\"");
            return null;
        }
        if (!value.isTextual()) {
            errors.add(where + "\"" + field + "\" must be a string, was " + value);
            return null;
        }
        if (value.asText().isBlank()) {
            errors.add(where + "\"" + field + "\" must not be blank");
            return null;
        }
        return value.asText();
    }
}
