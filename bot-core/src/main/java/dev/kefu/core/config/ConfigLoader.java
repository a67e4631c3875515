package dev.kefu.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link KefuConfig} from, in increasing precedence: the built-in defaults
 * ({@code defaults.yaml} beside this class), an optional YAML file, environment variables named
 * {@code KEFU_} + the setting's path in upper snake case, and explicit overrides (command-line
 * options). Unknown settings, values of the wrong type and out-of-range values are all collected
 * and thrown together in one {@link ConfigException}, before anything starts.
 *
 * <p>This is the only place that reads the environment for settings.
 */
public final class ConfigLoader {
    static final String ENV_PREFIX = "KEFU_";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private final Map<String, String> environment;

    /** @param environment the process environment (tests pass their own map) */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The built-in defaults alone, as the demo runs them. */
    public static KefuConfig defaults() {
        return new ConfigLoader(Map.of()).load(null, Map.of());
    }

    /**
     * @param file a YAML file, or {@code null} for none
     * @param overrides setting path to value (e.g. {@code server.port -> 8080}), applied last
     * @throws ConfigException listing every problem found
     */
    public KefuConfig load(Path file, Map<String, String> overrides) {
        ObjectNode defaults = readDefaults();
        ObjectNode merged = defaults.deepCopy();
        List<String> errors = new ArrayList<>();
        if (file != null) {
            JsonNode user = readFile(file, errors);
            if (user != null) {
                mergeInto(merged, defaults, user, "", file.toString(), errors);
            }
        }
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        collectLeaves(defaults, "", leaves);
        for (Map.Entry<String, JsonNode> leaf : leaves.entrySet()) {
            String value = environment.get(envName(leaf.getKey()));
            if (value != null) {
                set(merged, leaf.getKey(), parseScalar(value, leaf.getValue(), envName(leaf.getKey()), errors));
            }
        }
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            JsonNode template = leaves.get(override.getKey());
            if (template == null) {
                errors.add("unknown setting '" + override.getKey() + "'");
            } else {
                set(merged, override.getKey(), parseScalar(override.getValue(), template, override.getKey(), errors));
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        KefuConfig config;
        try {
            config = YAML.treeToValue(merged, KefuConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(e.getOriginalMessage()));
        }
        List<String> semantic = config.errors();
        if (!semantic.isEmpty()) {
            throw new ConfigException(semantic);
        }
        return config;
    }

    /** The environment variable that overrides a setting: {@code llm.baseUrl -> KEFU_LLM_BASE_URL}. */
    static String envName(String path) {
        StringBuilder name = new StringBuilder(ENV_PREFIX);
        for (char c : path.toCharArray()) {
            if (c == '.') {
                name.append('_');
            } else if (Character.isUpperCase(c)) {
                name.append('_').append(c);
            } else {
                name.append(Character.toUpperCase(c));
            }
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }

    private static ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("defaults.yaml")) {
            if (in == null) {
                throw new IllegalStateException("defaults.yaml is missing from the bot-core jar");
            }
            return (ObjectNode) YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in defaults.yaml", e);
        }
    }

    private static JsonNode readFile(Path file, List<String> errors) {
        if (!Files.isRegularFile(file)) {
            errors.add("config file " + file + " does not exist or is not a file");
            return null;
        }
        try {
            JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return JsonNodeFactory.instance.objectNode();
            }
            if (!node.isObject()) {
                errors.add("config file " + file + " must hold a YAML mapping at the top level");
                return null;
            }
            return node;
        } catch (IOException e) {
            errors.add("config file " + file + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    private static void mergeInto(
            ObjectNode target, JsonNode template, JsonNode user, String prefix, String source, List<String> errors) {
        Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode expected = template.get(field.getKey());
            JsonNode given = field.getValue();
            if (expected == null) {
                errors.add("unknown setting '" + path + "' in " + source);
            } else if (expected.isObject()) {
                if (given.isObject()) {
                    mergeInto((ObjectNode) target.get(field.getKey()), expected, given, path, source, errors);
                } else {
                    errors.add("setting '" + path + "' in " + source + " must be a mapping, was " + given);
                }
            } else if (compatible(expected, given)) {
                target.set(field.getKey(), given);
            } else {
                errors.add("setting '" + path + "' in " + source + " must be " + describe(expected) + ", was " + given);
            }
        }
    }

    private static boolean compatible(JsonNode expected, JsonNode given) {
        if (given.isNull() || expected.isNull()) {
            return given.isNull() || given.isValueNode();
        }
        return switch (expected.getNodeType()) {
            case NUMBER -> given.isNumber() && (expected.isFloatingPointNumber() || given.isIntegralNumber());
            case BOOLEAN -> given.isBoolean();
            case STRING -> given.isValueNode();
            case ARRAY -> given.isArray();
            default -> false;
        };
    }

    private static String describe(JsonNode expected) {
        if (expected.getNodeType() == JsonNodeType.NUMBER) {
            return expected.isIntegralNumber() ? "a whole number" : "a number";
        }
        return switch (expected.getNodeType()) {
            case BOOLEAN -> "true or false";
            case ARRAY -> "a list";
            default -> "a text";
        };
    }

    /** Parses a command-line or environment value to the type of the default it replaces. */
    private static JsonNode parseScalar(String raw, JsonNode template, String source, List<String> errors) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String value = raw.trim();
        if (template.isArray()) {
            ArrayNode array = nodes.arrayNode();
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    array.add(part.trim());
                }
            }
            return array;
        }
        if (template.isNumber()) {
            try {
                return template.isIntegralNumber()
                        ? nodes.numberNode(Long.parseLong(value))
                        : nodes.numberNode(Double.parseDouble(value));
            } catch (NumberFormatException e) {
                errors.add(source + " must be " + describe(template) + ", was \"" + raw + "\"");
                return template;
            }
        }
        if (template.isBoolean()) {
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return nodes.booleanNode(Boolean.parseBoolean(value));
            }
            errors.add(source + " must be true or false, was \"" + raw + "\"");
            return template;
        }
        return value.isEmpty() || value.equals("null") ? nodes.nullNode() : nodes.textNode(value);
    }

    private static void collectLeaves(JsonNode node, String prefix, Map<String, JsonNode> leaves) {
        node.fields().forEachRemaining(field -> {
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject()) {
                collectLeaves(field.getValue(), path, leaves);
            } else {
                leaves.put(path, field.getValue());
            }
        });
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }
}
