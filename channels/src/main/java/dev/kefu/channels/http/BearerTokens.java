package dev.kefu.channels.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens of one kind of user (trainers, agents): {@code name:token} pairs from the
 * configuration. {@link #require} answers who sent a request, or refuses it with 401. Tokens are
 * compared in constant time, so their content cannot be found by timing. Thread-safe.
 */
public final class BearerTokens {
    /** The request attribute that names the authenticated caller. */
    private static final String CALLER = "kefu.caller";

    private final String realm;
    private final Map<String, byte[]> tokensByName = new LinkedHashMap<>();

    /**
     * @param realm who the tokens are for, in error messages ({@code trainer})
     * @param pairs validated {@code name:token} pairs (see {@code TrainerConfig})
     */
    public BearerTokens(String realm, List<String> pairs) {
        this.realm = realm;
        for (String pair : pairs) {
            int colon = pair.indexOf(':');
            tokensByName.put(pair.substring(0, colon), pair.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The names of the users. */
    public Set<String> names() {
        return tokensByName.keySet();
    }

    /** The user whose token this is (a WebSocket's hello carries it in the frame), if any. */
    public Optional<String> nameOf(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Map.Entry<String, byte[]> entry : tokensByName.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), given)) { // check all: same time either way
                match = entry.getKey();
            }
        }
        return Optional.ofNullable(match);
    }

    /**
     * Lets the request through only with one of these tokens, and remembers whose it is for the
     * handler ({@link #caller}).
     *
     * @throws ApiException 401 {@code UNAUTHORIZED} as {@link #require} does
     */
    public void authenticate(Context ctx) {
        ctx.attribute(CALLER, require(ctx));
    }

    /** The name of the caller {@link #authenticate} let through, or {@code null} on a public route. */
    public static String caller(Context ctx) {
        return ctx.attribute(CALLER);
    }

    /**
     * The name of the user whose token the request carries ({@code Authorization: Bearer <token>}).
     *
     * @throws ApiException 401 {@code UNAUTHORIZED} when the header is missing or the token unknown
     */
    public String require(Context ctx) {
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip()
                : null;
        Optional<String> name = nameOf(token);
        if (name.isPresent()) {
            return name.get();
        }
        ctx.header("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
        throw new ApiException(
                401,
                ErrorCodes.UNAUTHORIZED,
                token == null
                        ? "This needs a " + realm + " token: send the header Authorization: Bearer <token>."
                        : "That " + realm + " token is not valid.");
    }
}
