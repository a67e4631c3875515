package dev.kefu.channels.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.RunningServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.h2.api.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A shopper's phone, e-mail and order number never reach a log line or the trainers' inbox in
 * clear: not when the database refuses their message, not when their question goes to the inbox,
 * not when a warning quotes them. The lines are read as the server's own {@code logback.xml}
 * writes them.
 */
class PersonalDataMaskingIT {
    private static final List<String> PERSONAL = List.of("13800138000", "li.na@example.com", "DD20261122001");

    private static final String QUESTION =
            "How long does delivery take? Call me on 13800138000 or li.na@example.com, it is for order DD20261122001";

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @Test
    void should_log_the_sqlstate_but_no_personal_data_when_the_database_refuses_a_message() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            database("CREATE TRIGGER quote_values BEFORE INSERT ON messages FOR EACH ROW CALL \""
                    + QuotingTrigger.class.getName() + "\"");
            HttpResponse<String> refused;
            try {
                refused = server.post("/api/v1/chat", RunningServer.JSON.writeValueAsString(Map.of("text", QUESTION)));
            } finally {
                database("DROP TRIGGER quote_values");
            }

            assertThat(refused.statusCode()).isEqualTo(500);
            assertThat(refused.body()).doesNotContain(PERSONAL).doesNotContain("SQL");
            assertThat(log.lines())
                    .contains("request POST /api/v1/chat failed", "cannot save conversation", "SQLState 22001")
                    .doesNotContain(PERSONAL);
        }
    }

    @Test
    void should_keep_show_and_log_a_question_masked_when_it_goes_to_the_trainers_inbox() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            JsonNode answer = server.postJson("/api/v1/chat", Map.of("text", QUESTION));
            String conversation = answer.path("conversationId").asText();
            long seq = answer.path("replies").get(0).path("seq").asLong();
            server.postJson("/api/v1/chat/" + conversation + "/feedback", Map.of("seq", seq, "helpful", false));

            String inbox = server.trainer("GET", "/api/v1/kb/unanswered", null).toString();
            assertThat(inbox)
                    .contains("How long does delivery take? Call me on <PHONE> or <EMAIL>, it is for order <ORDER>")
                    .doesNotContain(PERSONAL);
            assertThat(Files.readString(
                            server.dataDir().resolve("knowledge").resolve("unanswered.jsonl"), StandardCharsets.UTF_8))
                    .contains("<PHONE>")
                    .doesNotContain(PERSONAL);
            assertThat(log.lines()).contains("feedback conversation=").doesNotContain(PERSONAL);
        }
    }

    @Test
    void should_mask_a_warning_and_its_stack_trace_when_they_quote_a_shopper() throws Exception {
        try (CapturedLog log = new CapturedLog()) {
            CapturedLog.warnQuoting(LoggerFactory.getLogger(PersonalDataMaskingIT.class), QUESTION);
            System.getLogger("kefu.platform").log(System.Logger.Level.WARNING, "a JDK logger quotes " + QUESTION);

            assertThat(log.lines())
                    .contains(
                            "the shopper wrote How long does delivery take? Call me on <PHONE> or <EMAIL>",
                            "java.lang.IllegalStateException: cannot handle How long",
                            "Caused by: java.lang.IllegalArgumentException: caused by How long",
                            "a JDK logger quotes How long does delivery take? Call me on <PHONE>")
                    .doesNotContain(PERSONAL);
        }
    }

    /** Refuses every row as PostgreSQL's driver does a NUL: with a message that quotes the row's values. */
    public static final class QuotingTrigger implements Trigger {
        @Override
        public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
            throw new SQLException("refused " + Arrays.toString(newRow), "22001");
        }
    }

    /** A statement on the server's embedded database (same JVM, same URL: the same database). */
    private static void database(String sql) throws SQLException {
        String url =
                "jdbc:h2:file:" + server.dataDir().resolve("db").resolve("kefu").toAbsolutePath()
                        + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
