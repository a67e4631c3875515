package dev.kefu.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One evaluation report: named metrics in insertion order (then, in the JSON only, {@link #data}),
 * written as JSON to {@code --out} and as Markdown beside it ({@code report.json} -> {@code
 * report.md}). Undefined ratios (NaN) are written as JSON {@code null}.
 */
public final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String title;
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final StringBuilder details = new StringBuilder();

    public Report(String title) {
        this.title = title;
    }

    public Report put(String name, Object value) {
        metrics.put(name, value instanceof Double d && (d.isNaN() || d.isInfinite()) ? null : value);
        return this;
    }

    /**
     * A value for the JSON report only, after the metrics: a breakdown or a list too big for the
     * Markdown's metrics table, which a {@link #section} shows in its own way.
     */
    public Report data(String name, Object value) {
        if (metrics.containsKey(name)) {
            throw new IllegalArgumentException(name + " is already a metric of this report");
        }
        data.put(name, value);
        return this;
    }

    /** Appends a Markdown section after the metrics table. */
    public Report section(String heading, String markdown) {
        details.append("\n## ")
                .append(heading)
                .append("\n\n")
                .append(markdown.strip())
                .append('\n');
        return this;
    }

    public Map<String, Object> metrics() {
        return metrics;
    }

    /** Writes {@code out} (JSON) and the Markdown file beside it; returns the Markdown path. */
    public Path write(Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Map<String, Object> json = new LinkedHashMap<>(metrics);
        json.putAll(data);
        JSON.writeValue(out.toFile(), json);
        Path markdown = markdownPath(out);
        Files.writeString(markdown, markdown());
        return markdown;
    }

    static Path markdownPath(Path out) {
        String name = out.getFileName().toString();
        String base = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return out.resolveSibling(base + ".md");
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n| metric | value |\n|---|---|\n");
        metrics.forEach((name, value) ->
                md.append("| ").append(name).append(" | ").append(format(value)).append(" |\n"));
        return md.append(details).toString();
    }

    private static String format(Object value) {
        if (value == null) {
            return "n/a";
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.4f", d);
        }
        return value.toString();
    }

    /** A Markdown table of {@code header} and {@code rows} (each made by {@link #cells}). */
    public static String table(List<String> header, List<String> rows) {
        return "| " + String.join(" | ", header) + " |\n|" + "---|".repeat(header.size()) + "\n"
                + String.join("\n", rows);
    }

    /** One Markdown table row; a value's pipes are escaped and its white space runs made one space. */
    public static String cells(String... values) {
        StringBuilder row = new StringBuilder("|");
        for (String value : values) {
            row.append(' ')
                    .append(value == null ? "" : value.replace("|", "\\|").replaceAll("\\s+", " "))
                    .append(" |");
        }
        return row.toString();
    }
}
