package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * NUL, which PostgreSQL refuses in a text (the issue: a 500, and the statement with the shopper's
 * text in the log), never reaches it: the server on the PostgreSQL of {@code
 * KEFU_TEST_POSTGRES_URL}, in a schema of its own. (On H2: {@link LimitsIT}.)
 */
@EnabledIfEnvironmentVariable(named = "KEFU_TEST_POSTGRES_URL", matches = ".+")
class InvisibleTextPostgresIT {
    @RegisterExtension
    @Order(0)
    static final PostgresSchema schema = new PostgresSchema();

    @RegisterExtension
    @Order(1)
    static final RunningServer server = new RunningServer(schema.storage());

    @Test
    void should_store_texts_and_comments_without_nul_and_refuse_texts_of_nothing_else() throws Exception {
        // Escaped in the JSON: a lone surrogate cannot be encoded in UTF-8 by the client.
        JsonNode answer = RunningServer.JSON.readTree(
                server.post("/api/v1/chat", "{\"text\": \"where\\u0000 is my\\u200b parcel \\ud800?\"}")
                        .body());
        String id = answer.path("conversationId").asText();
        String token = answer.path("conversationToken").asText();
        assertThat(server.send(
                                "POST",
                                "/api/v1/chat/" + id + "/rating",
                                "{\"score\": 5, \"comment\": \"great\\u0000!\"}",
                                null,
                                token)
                        .statusCode())
                .isEqualTo(200);
        assertThat(server.post("/api/v1/chat", "{\"text\": \"\\u0000\"}").statusCode())
                .isEqualTo(400);
        assertThat(server.post("/api/v1/chat", "{\"text\": \"hi\", \"shopper\": {\"id\": \"a\\u0000b\"}}")
                        .statusCode())
                .isEqualTo(400);

        JsonNode messages = RunningServer.JSON
                .readTree(server.get("/api/v1/chat/" + id + "/messages", token).body())
                .path("messages");
        assertThat(messages.get(0).path("text").asText()).isEqualTo("where is my parcel \ufffd?");
        assertThat(server.get("/health").statusCode()).isEqualTo(200);
    }
}
