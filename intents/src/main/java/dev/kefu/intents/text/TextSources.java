package dev.kefu.intents.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the UTF-8 text data the NLU is built from (lexicons, training data), from a file or from a
 * classpath resource, the same way for every reader: an unreadable or missing source is an {@link
 * UncheckedIOException} that names what was being read and where.
 */
public final class TextSources {
    private TextSources() {}

    /** Reads opened text; {@code source} names it in messages. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(Reader reader, String source) throws IOException;
    }

    /**
     * @param what what the text is, in messages ({@code "training data"})
     */
    public static <T> T read(Path file, String what, Parser<T> parser) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parser.parse(reader, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file, e);
        }
    }

    /**
     * @param anchor the class the resource {@code name} is resolved against
     * @param what what the text is, in messages ({@code "training data"})
     */
    public static <T> T readResource(Class<?> anchor, String name, String what, Parser<T> parser) {
        InputStream in = anchor.getResourceAsStream(name);
        if (in == null) {
            throw new UncheckedIOException(new IOException(what + " resource not found: " + name));
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parser.parse(reader, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + name, e);
        }
    }
}
