package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18, item 5: two nodes (two servers in this JVM, each with its own port and data directory)
 * on one PostgreSQL schema share the trainers' knowledge and scripts. A publish on B is answered on
 * A within 5 s, a node started later serves the latest release, a script saved on A is used on B.
 */
@EnabledIfEnvironmentVariable(named = "KEFU_TEST_POSTGRES_URL", matches = ".+")
class SharedKnowledgeIT {
    private static final String URL = System.getenv("KEFU_TEST_POSTGRES_URL");
    private static boolean schemaMade;
    private static final String SCHEMA =
            "kefu_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    /** The check: a publish on one node is answered on every node within 5 s. */
    private static final Duration WITHIN = Duration.ofSeconds(5);

    @RegisterExtension
    static final RunningServer a = new RunningServer(storage());

    @RegisterExtension
    static final RunningServer b = new RunningServer(storage());

    private static final String QUESTION = "Do you plant a tree for every order?";

    private static Map<String, String> storage() {
        if (URL == null) {
            return Map.of();
        }
        if (!schemaMade) {
            execute("CREATE SCHEMA " + SCHEMA);
            schemaMade = true;
        }
        return Map.of("storage.url", URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
    }

    @AfterAll
    static void dropSchema() {
        execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(URL);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void should_answer_on_every_node_what_a_trainer_published_on_one_and_serve_it_on_a_node_started_later()
            throws Exception {
        assertThat(cited(a)).isEmpty();

        JsonNode draft = b.trainer(
                "POST",
                "/api/v1/kb/entries",
                RunningServer.JSON.writeValueAsString(Map.of(
                        "id", "faq-tree-planting",
                        "type", "faq",
                        "title", "Planting trees",
                        "body", "We plant one tree for every order over 99 yuan.",
                        "questions", List.of(QUESTION))));
        assertThat(draft.path("revision").path("number").asLong()).isPositive();
        assertThat(a.trainer("GET", "/api/v1/kb/entries/faq-tree-planting", null)
                        .path("status")
                        .asText())
                .as("B's draft is A's trainers' draft too")
                .isEqualTo("new");

        long publishing = System.nanoTime();
        b.trainer("POST", "/api/v1/kb/publish", null);
        long published = System.nanoTime();
        assertThat(cited(b)).containsExactly("faq-tree-planting");
        assertThat(waitFor(() -> cited(a).contains("faq-tree-planting")))
                .as("answered on A within " + WITHIN)
                .isTrue();
        long answered = System.nanoTime();
        System.out.println(
                "publish on B took " + Duration.ofNanos(published - publishing).toMillis() + " ms; answered on A "
                        + Duration.ofNanos(answered - published).toMillis() + " ms after it returned");

        RunningServer later = new RunningServer(storage());
        later.beforeAll(null);
        try {
            assertThat(cited(later))
                    .as("a node started later serves the latest release")
                    .containsExactly("faq-tree-planting");
        } finally {
            later.afterAll(null);
        }
    }

    @Test
    void should_use_on_every_node_a_script_saved_on_one() throws Exception {
        String gift =
                """
                scripts:
                  - id: gift-wrap
                    stage: closing
                    tags: [gift_buyer]
                    position: quick_reply
                    priority: 5
                    variants:
                      - {id: wrap, lines: {en: "Gift-wrap the {product.name}", zh: "为{product.name}加礼品包装"}}
                """;
        assertThat(a.send("PUT", "/api/v1/scripts", gift, RunningServer.TRAINER_TOKEN)
                        .statusCode())
                .isEqualTo(200);

        assertThat(waitFor(() -> b.send("GET", "/api/v1/scripts", null, RunningServer.TRAINER_TOKEN)
                                .body()
                                .equals(gift)
                        && slotScript(b).equals("gift-wrap")))
                .as("B's trainers see A's scripts and B's shoppers get them within " + WITHIN)
                .isTrue();
    }

    private static String slotScript(RunningServer node) throws Exception {
        JsonNode answer = node.postJson(
                "/api/v1/chat",
                Map.of(
                        "text",
                        "Is the CloudNest Cloud Lite Stroller easy to fold?",
                        "shopper",
                        Map.of("id", "g-" + UUID.randomUUID(), "tags", List.of("gift_buyer"))));
        return answer.path("slots").path(0).path("scriptId").asText();
    }

    private static List<String> cited(RunningServer node) throws Exception {
        JsonNode answer = node.postJson("/api/v1/chat", Map.of("text", QUESTION));
        return answer.path("replies").path(0).path("citations").findValuesAsText("entryId");
    }

    /** Polls {@code condition} until it holds or {@link #WITHIN} has passed. */
    private static boolean waitFor(Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        while (true) {
            if (condition.call()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
    }
}
