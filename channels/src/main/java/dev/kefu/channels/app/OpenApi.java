package dev.kefu.channels.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.channels.app.RouteTable.Access;
import dev.kefu.channels.app.RouteTable.Route;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /openapi.json}: OpenAPI 3 of every HTTP route, generated from the {@link RouteTable}'s
 * own table (method, path, path parameters, and who may call it as the security requirement) over
 * the hand-written descriptions and schemas of {@code openapi/kefu-openapi.json}. An operation
 * described there that the table does not have stays in the document, where {@code OpenApiIT}
 * (the table and the document compared both ways) finds it. Hand-written JSON rather than an
 * annotation or DSL library: the routes are one table of method references, and the schemas few.
 */
final class OpenApi {
    static final String PATH = "/openapi.json";
    private static final String BASE = "/openapi/kefu-openapi.json";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    private final ObjectMapper json;
    private volatile byte[] document;

    OpenApi(ObjectMapper json) {
        this.json = json;
    }

    /** Describes {@code routes}; until then, the handler has nothing to serve. */
    void describe(List<Route> routes) {
        try {
            document = json.writeValueAsBytes(document(routes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document: the hand-written one with every route of {@code routes} added or completed. */
    ObjectNode document(List<Route> routes) throws IOException {
        ObjectNode document;
        try (InputStream in = OpenApi.class.getResourceAsStream(BASE)) {
            if (in == null) {
                throw new IllegalStateException(BASE + " is missing from the server's jar");
            }
            document = (ObjectNode) json.readTree(in);
        }
        ObjectNode paths = document.withObjectProperty("paths");
        for (Route route : routes) {
            ObjectNode operation = paths.withObjectProperty(route.path())
                    .withObjectProperty(route.method().name().toLowerCase(Locale.ROOT));
            operation.put("x-kefu-access", route.access().name().toLowerCase(Locale.ROOT));
            if (!operation.has("responses")) {
                ObjectNode responses = operation.putObject("responses");
                responses.putObject("200").put("description", "Done");
                responses.putObject("default").put("$ref", "#/components/responses/Error");
            }
            security(route.access(), operation);
            pathParameters(route.path(), operation);
        }
        return document;
    }

    /** The credentials of {@code access}, as alternatives; none for the public and the shopper's first message. */
    private static void security(Access access, ObjectNode operation) {
        List<String> schemes =
                switch (access) {
                    case PUBLIC, SHOPPER -> List.of();
                    case CONVERSATION -> List.of("conversationToken", "shopperToken");
                    case STORE_OR_CONVERSATION -> List.of("storeToken", "conversationToken", "shopperToken");
                    case AGENT -> List.of("agentToken");
                    case TRAINER -> List.of("trainerToken");
                    case STORE -> List.of("storeToken");
                };
        if (!schemes.isEmpty()) {
            ArrayNode security = operation.putArray("security");
            schemes.forEach(scheme -> security.addObject().putArray(scheme));
        }
    }

    /** Every {@code {name}} of the path as a required string parameter, unless described already. */
    private static void pathParameters(String path, ObjectNode operation) {
        Matcher names = PATH_PARAMETER.matcher(path);
        while (names.find()) {
            String name = names.group(1);
            ArrayNode parameters = operation.withArrayProperty("parameters");
            boolean described = false;
            for (JsonNode parameter : parameters) {
                described |= parameter.path("in").asText().equals("path")
                        && parameter.path("name").asText().equals(name);
            }
            if (!described) {
                ObjectNode parameter = parameters.addObject();
                parameter.put("name", name).put("in", "path").put("required", true);
                parameter.putObject("schema").put("type", "string");
            }
        }
    }

    /** {@code GET /openapi.json}. */
    void serve(Context ctx) {
        ctx.contentType("application/json").result(document);
    }
}
