package dev.kefu.channels.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.staticfiles.ResourceHandler;
import io.javalin.http.staticfiles.StaticFileConfig;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The storefront's, the desk's and the console's files, served from one classpath folder
 * ({@code public/}) through the class loader that already has the jar open. Javalin's own
 * classpath handler mounts the whole jar as a file system at start (its 200 MB and 21,000 entries:
 * a few hundred milliseconds of every start) to serve a few dozen files. {@code /dir/} serves {@code
 * /dir/index.html}; a file is read once and kept (the folder is small and fixed, so the cache is
 * bounded by it; misses are not kept). Like Javalin's, it answers only requests no route took.
 */
public final class ClasspathFiles implements ResourceHandler {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "json", "application/json",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    private final String folder;
    private final ClassLoader loader;
    private final Map<String, byte[]> read = new ConcurrentHashMap<>();

    /** @param folder the classpath folder, e.g. {@code public} */
    public ClasspathFiles(String folder, ClassLoader loader) {
        this.folder = folder;
        this.loader = loader;
    }

    @Override
    public boolean canHandle(Context ctx) {
        return servable(ctx) && file(ctx.path()).isPresent();
    }

    @Override
    public boolean handle(Context ctx) {
        if (!servable(ctx)) {
            return false;
        }
        Optional<byte[]> bytes = file(ctx.path());
        if (bytes.isEmpty()) {
            return false;
        }
        String path = ctx.path().endsWith("/") ? ctx.path() + "index.html" : ctx.path();
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        ctx.header("Cache-Control", "max-age=0");
        ctx.contentType(TYPES.getOrDefault(extension, "application/octet-stream"));
        ctx.result(bytes.get());
        return true;
    }

    @Override
    public boolean addStaticFileConfig(StaticFileConfig config) {
        return false; // configured by its constructor only
    }

    @Override
    public Set<RouteRole> resourceRouteRoles(Context ctx) {
        return Set.of();
    }

    private static boolean servable(Context ctx) {
        return ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD;
    }

    /**
     * The file at {@code path} ({@code index.html} for {@code dir/}), or none; never outside the
     * folder, never a folder itself (every file served has an extension).
     */
    Optional<byte[]> file(String path) {
        String name = path.endsWith("/") ? path + "index.html" : path;
        if (!name.startsWith("/")
                || name.contains("..")
                || name.contains("\\")
                || name.contains("//")
                || name.lastIndexOf('.') < name.lastIndexOf('/')) { // a folder (a jar finds it too): not a file
            return Optional.empty();
        }
        byte[] kept = read.get(name);
        if (kept != null) {
            return Optional.of(kept);
        }
        try (InputStream in = loader.getResourceAsStream(folder + name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readAllBytes();
            read.put(name, bytes);
            return Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + name, e);
        }
    }
}
