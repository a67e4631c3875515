package dev.kefu.channels.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.pipeline.ConversationPipeline;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The server's log lines in both formats, written by the encoder of its own {@code logback.xml}. */
class LogFormatTest {
    private static final String QUESTION = "Call me on 13800138000 or li.na@example.com";
    private static final List<String> PERSONAL = List.of("13800138000", "li.na@example.com");

    @Test
    void should_write_one_json_object_a_line_with_date_level_conversation_and_stage_and_mask_personal_data()
            throws Exception {
        String lines;
        try (CapturedLog log = new CapturedLog()) { // json: the default
            logDuringTurn();
            lines = log.lines();
        }

        assertThat(lines.lines()).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines);
        assertThat(Instant.parse(line.path("date").asText()))
                .isAfter(Instant.now().minusSeconds(60));
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("loggerName").asText()).isEqualTo(LogFormatTest.class.getName());
        assertThat(line.path("conversationId").asText()).isEqualTo("c-42");
        assertThat(line.path("stage").asText()).isEqualTo("knowledge");
        assertThat(line.path("message").asText()).isEqualTo("the shopper wrote Call me on <PHONE> or <EMAIL>");
        assertThat(line.path("error").asText())
                .startsWith("java.lang.IllegalStateException: cannot handle Call me on <PHONE>")
                .contains("Caused by: java.lang.IllegalArgumentException: caused by Call me on <PHONE>");
        assertThat(lines).doesNotContain(PERSONAL);
    }

    @Test
    void should_write_readable_lines_with_the_date_and_conversation_when_the_format_is_text() throws Exception {
        String lines;
        try (CapturedLog log = new CapturedLog().format("text")) {
            logDuringTurn();
            LoggerFactory.getLogger(LogFormatTest.class).info("outside any turn");
            lines = log.lines();
        }

        assertThat(lines)
                .containsPattern(
                        "(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  \\S+ \\[c-42\\] - the shopper"
                                + " wrote Call me on <PHONE> or <EMAIL>$")
                .containsPattern("(?m)^java.lang.IllegalStateException: cannot handle Call me on <PHONE>")
                .containsPattern("(?m)^\\S+ \\S+ INFO  \\S+ - outside any turn$")
                .doesNotContain(PERSONAL);
    }

    @Test
    void should_keep_the_format_when_asked_for_an_unknown_one() throws Exception {
        try (CapturedLog log = new CapturedLog().format("xml")) {
            LoggerFactory.getLogger(LogFormatTest.class).info("still json");
            assertThat(new ObjectMapper().readTree(log.lines()).path("message").asText())
                    .isEqualTo("still json");
        }
    }

    /** A warning quoting the shopper, logged while a turn's conversation and stage are in the MDC. */
    private static void logDuringTurn() {
        try (MDC.MDCCloseable conversation = MDC.putCloseable(ConversationPipeline.LOG_CONVERSATION, "c-42");
                MDC.MDCCloseable stage = MDC.putCloseable(ConversationPipeline.LOG_STAGE, "knowledge")) {
            CapturedLog.warnQuoting(LoggerFactory.getLogger(LogFormatTest.class), QUESTION);
        }
    }
}
