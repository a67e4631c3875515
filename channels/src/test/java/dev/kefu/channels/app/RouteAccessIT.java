package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RouteTable.Access;
import dev.kefu.channels.app.RouteTable.Route;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The authorization matrix, derived from the route table: every route is called with every kind of
 * credential, and what it answers must be what the route's {@link Access} says: let in, refused
 * with 401 {@code UNAUTHORIZED} (a bearer token is missing or another audience's), or answered 404
 * {@code NOT_FOUND} as for an unknown conversation (the conversation's token is missing or another
 * conversation's). A new route gets its expectation from its access; a new access does not compile
 * here until it has a column of the matrix.
 */
class RouteAccessIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    /** Who calls: each credential a request can carry. */
    enum Credential {
        NONE,
        /** A forged value wherever a token goes: a bearer token and a conversation token. */
        WRONG_TOKEN,
        AGENT,
        TRAINER,
        STORE,
        /** The verified shopper who owns the conversation (their signed token), no conversation token. */
        OWNER,
        /** The token of another shopper's conversation. */
        OTHER_CONVERSATION_TOKEN,
        /** The conversation's own token. */
        CONVERSATION_TOKEN
    }

    /** What a call must answer. */
    enum Outcome {
        LET_IN,
        UNAUTHORIZED,
        NOT_FOUND
    }

    private static final String OWNER = "matrix-owner";
    private static String conversationId;
    private static String conversationToken;
    private static String otherToken;

    @BeforeAll
    static void conversations() throws Exception {
        JsonNode owned = server.postJson(
                "/api/v1/chat", Map.of("text", "hello", "shopper", Map.of("token", RunningServer.shopperToken(OWNER))));
        conversationId = owned.path("conversationId").asText();
        conversationToken = owned.path("conversationToken").asText();
        otherToken = server.postJson("/api/v1/chat", Map.of("text", "hello"))
                .path("conversationToken")
                .asText();
    }

    /** The expected answer of a route of {@code access} to a caller with {@code credential}. */
    static Outcome expected(Access access, Credential credential) {
        return switch (access) {
            case PUBLIC -> Outcome.LET_IN;
            case AGENT -> bearer(credential == Credential.AGENT);
            case TRAINER -> bearer(credential == Credential.TRAINER);
            case STORE -> bearer(credential == Credential.STORE);
            case SHOPPER, CONVERSATION -> conversation(credential);
            case STORE_OR_CONVERSATION -> switch (credential) {
                case STORE -> Outcome.LET_IN;
                case WRONG_TOKEN, AGENT, TRAINER -> Outcome.UNAUTHORIZED; // a bearer token, not the store's
                case NONE, OWNER, OTHER_CONVERSATION_TOKEN, CONVERSATION_TOKEN -> conversation(credential);
            };
        };
    }

    private static Outcome bearer(boolean own) {
        return own ? Outcome.LET_IN : Outcome.UNAUTHORIZED;
    }

    private static Outcome conversation(Credential credential) {
        return credential == Credential.CONVERSATION_TOKEN || credential == Credential.OWNER
                ? Outcome.LET_IN
                : Outcome.NOT_FOUND;
    }

    private static HttpResponse<String> call(Route route, Credential credential) throws Exception {
        String path = route.path().replace("{conversationId}", conversationId).replaceAll("\\{[^}]+}", "x");
        String body = null;
        if (route.method() == RouteTable.Method.POST || route.method() == RouteTable.Method.PUT) {
            body = route.access() == Access.SHOPPER || route.access() == Access.STORE_OR_CONVERSATION
                    ? RunningServer.JSON.writeValueAsString(Map.of(
                            "conversationId", conversationId,
                            "text", "hello again",
                            "type", "slot_clicked",
                            "shopperId", "matrix-shopper"))
                    : "{}";
        }
        Map<String, String> headers = new HashMap<>();
        String bearer =
                switch (credential) {
                    case WRONG_TOKEN -> "not-a-token-0123456789";
                    case AGENT -> RunningServer.AGENT_TOKEN;
                    case TRAINER -> RunningServer.TRAINER_TOKEN;
                    case STORE -> RunningServer.STORE_TOKEN;
                    case NONE, OWNER, OTHER_CONVERSATION_TOKEN, CONVERSATION_TOKEN -> null;
                };
        String token =
                switch (credential) {
                    case WRONG_TOKEN -> "not-a-token-0123456789";
                    case OTHER_CONVERSATION_TOKEN -> otherToken;
                    case CONVERSATION_TOKEN -> conversationToken;
                    case NONE, AGENT, TRAINER, STORE, OWNER -> null;
                };
        if (credential == Credential.OWNER) {
            headers.put("X-Kefu-Shopper-Token", RunningServer.shopperToken(OWNER));
        }
        return server.send(route.method().name(), path, body, bearer, token, headers);
    }

    @Test
    void should_answer_every_route_and_credential_as_the_route_s_access_says() throws Exception {
        List<Route> routes = server.routes();
        assertThat(routes).extracting(Route::access).contains(Access.values());
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        for (Route route : routes) {
            for (Credential credential : Credential.values()) {
                Outcome expected = expected(route.access(), credential);
                HttpResponse<String> response = call(route, credential);
                Outcome actual = outcome(response);
                cells++;
                if (actual != expected) {
                    wrong.add(route.method() + " " + route.path() + " (" + route.access() + ") with " + credential
                            + ": expected " + expected + ", answered " + response.statusCode() + " "
                            + response.body());
                }
            }
        }
        assertThat(wrong).as("cells that answer against the route's access").isEmpty();
        assertThat(cells).isEqualTo(routes.size() * Credential.values().length);
    }

    /**
     * What an answer amounts to: 401 is a refusal of the bearer token, a 404 {@code NOT_FOUND} that
     * names no conversation of ours (an unknown entry, say) is a handler's answer and so a way in.
     */
    private static Outcome outcome(HttpResponse<String> response) throws Exception {
        if (response.statusCode() == 401) {
            return Outcome.UNAUTHORIZED;
        }
        if (response.statusCode() == 404 && response.body().contains("No conversation " + conversationId + ".")) {
            return Outcome.NOT_FOUND;
        }
        return Outcome.LET_IN;
    }

    @Test
    void should_open_only_the_known_routes_to_anyone() {
        assertThat(server.routes().stream()
                        .filter(route -> route.access() == Access.PUBLIC)
                        .map(route -> route.method() + " " + route.path()))
                .as("a new public route is a decision: add it here")
                .containsExactlyInAnyOrder(
                        "GET /health",
                        "GET /health/live",
                        "GET /health/ready",
                        "GET /metrics",
                        "GET /openapi.json",
                        "GET /api/v1/ui",
                        "GET /agent",
                        "GET /trainer");
    }

    @Test
    void should_refuse_a_route_that_names_a_conversation_without_guarding_it() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RouteTable(
                        List.of(new Route(
                                RouteTable.Method.GET, "/api/v1/chat/{conversationId}/x", Access.PUBLIC, ctx -> {})),
                        List.of(),
                        Map.of(),
                        null,
                        null,
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names a {conversationId}");
    }

    @Test
    void should_guard_an_unknown_path_of_a_section_as_the_section_is_guarded() throws Exception {
        assertThat(server.send("GET", "/api/v1/kb/no-such-thing", null, null).statusCode())
                .isEqualTo(401);
        assertThat(server.send("GET", "/api/v1/kb/no-such-thing", null, RunningServer.TRAINER_TOKEN)
                        .statusCode())
                .isEqualTo(404);
        assertThat(server.send("GET", "/api/v1/nothing-here", null, null).statusCode())
                .isEqualTo(404);
    }
}
