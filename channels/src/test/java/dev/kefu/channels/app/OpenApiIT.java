package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /openapi.json} against the routes the server really has, so the description cannot
 * drift: the same methods and paths both ways, every reference resolves, the chat's schemas name
 * every field a real chat answer has, and each route's credentials are its access in the table.
 */
class OpenApiIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static JsonNode document;

    @BeforeAll
    static void fetch() throws Exception {
        HttpResponse<String> response = server.get(OpenApi.PATH);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        document = RunningServer.JSON.readTree(response.body());
    }

    @Test
    void should_describe_exactly_the_routes_of_the_route_table() {
        Set<String> described = new TreeSet<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (METHODS.contains(method)) {
                        described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));
        Set<String> routes = new TreeSet<>();
        server.routes().forEach(route -> routes.add(route.method() + " " + route.path()));

        assertThat(described).as("described but not routed").isSubsetOf(routes);
        assertThat(routes).as("routed but not described").isSubsetOf(described);
        assertThat(document.path("openapi").asText()).startsWith("3.");
    }

    @Test
    void should_resolve_every_reference() {
        List<String> references = new ArrayList<>();
        collectReferences(document, references);
        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(reference).startsWith("#/");
            assertThat(document.at(reference.substring(1)).isMissingNode())
                    .as(reference)
                    .isFalse();
        }
    }

    @Test
    void should_describe_every_field_of_a_real_chat_answer() throws Exception {
        JsonNode chat = document.at("/paths/~1api~1v1~1chat/post");
        assertThat(chat.at("/requestBody/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ChatRequest");
        assertThat(chat.at("/responses/200/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/ChatResponse");
        assertThat(chat.has("security")).as("anyone may start a conversation").isFalse();

        JsonNode answer = server.postJson("/api/v1/chat", Map.of("text", "How long does delivery take?"));
        JsonNode schema = document.at("/components/schemas/ChatResponse");
        assertThat(fieldNames(answer)).isSubsetOf(fieldNames(schema.path("properties")));
        for (JsonNode required : schema.path("required")) {
            assertThat(answer.has(required.asText())).as(required.asText()).isTrue();
        }
        JsonNode reply = answer.path("replies").get(0);
        assertThat(fieldNames(reply)).isSubsetOf(fieldNames(document.at("/components/schemas/Reply/properties")));
        assertThat(fieldNames(RunningServer.JSON.readTree(
                        server.get("/api/v1/chat/x/messages").body())))
                .as("an error is the documented error")
                .isEqualTo(fieldNames(document.at("/components/schemas/Error/properties")));
    }

    @Test
    void should_ask_each_route_for_the_credentials_of_its_access() {
        assertThat(document.at("/paths/~1api~1v1~1kb~1entries/get/security/0")
                        .fieldNames()
                        .next())
                .isEqualTo("trainerToken");
        assertThat(document.at("/paths/~1api~1v1~1agent~1queue/get/security/0")
                        .fieldNames()
                        .next())
                .isEqualTo("agentToken");
        JsonNode messages = document.at("/paths/~1api~1v1~1chat~1{conversationId}~1messages/get");
        assertThat(messages.at("/security/0").fieldNames().next()).isEqualTo("conversationToken");
        assertThat(messages.path("parameters").findValuesAsText("name")).contains("conversationId", "after");
        assertThat(document.at("/paths/~1health~1live/get").has("security")).isFalse();
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("$ref")) {
                    references.add(field.getValue().asText());
                } else {
                    collectReferences(field.getValue(), references);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectReferences(element, references));
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
