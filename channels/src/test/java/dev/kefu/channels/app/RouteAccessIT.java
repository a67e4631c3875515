package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.channels.app.RouteTable.Access;
import dev.kefu.channels.app.RouteTable.Route;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The authorization matrix, derived from the route table: every route that needs a token refuses
 * a request without one and one with another audience's token (401 {@code UNAUTHORIZED}), and
 * lets its own audience's token in; no public or shopper route asks for a token.
 */
class RouteAccessIT {
    @RegisterExtension
    static final RunningServer server = new RunningServer();

    private static final Map<Access, String> TOKENS = Map.of(
            Access.AGENT, RunningServer.AGENT_TOKEN,
            Access.TRAINER, RunningServer.TRAINER_TOKEN,
            Access.STORE, RunningServer.STORE_TOKEN);

    private static HttpResponse<String> call(Route route, String token) throws Exception {
        String path = route.path().replaceAll("\\{[^}]+}", "x");
        String body = route.method() == RouteTable.Method.POST || route.method() == RouteTable.Method.PUT ? "{}" : null;
        return server.send(route.method().name(), path, body, token);
    }

    @Test
    void should_refuse_a_missing_or_foreign_token_and_let_the_audience_in_when_a_route_needs_one() throws Exception {
        List<Route> guarded = server.routes().stream()
                .filter(route -> TOKENS.containsKey(route.access()))
                .toList();
        assertThat(guarded).extracting(Route::access).contains(Access.AGENT, Access.TRAINER, Access.STORE);

        for (Route route : guarded) {
            String name = route.method() + " " + route.path();
            assertThat(call(route, null).statusCode())
                    .as(name + " without a token")
                    .isEqualTo(401);
            for (Map.Entry<Access, String> other : TOKENS.entrySet()) {
                int status = call(route, other.getValue()).statusCode();
                if (other.getKey() == route.access()) {
                    assertThat(status).as(name + " with its own token").isNotEqualTo(401);
                } else {
                    assertThat(status)
                            .as(name + " with a " + other.getKey() + " token")
                            .isEqualTo(401);
                }
            }
        }
    }

    @Test
    void should_ask_no_token_when_a_route_is_for_anyone_or_for_shoppers() throws Exception {
        List<Route> open = server.routes().stream()
                .filter(route -> !TOKENS.containsKey(route.access()))
                .toList();
        assertThat(open).extracting(Route::access).contains(Access.PUBLIC, Access.SHOPPER);

        for (Route route : open) {
            assertThat(call(route, null).statusCode())
                    .as(route.method() + " " + route.path())
                    .isNotEqualTo(401);
        }
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
