package dev.kefu.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChecksTest {
    @Test
    void should_name_the_first_missing_component_of_a_record() {
        assertThatThrownBy(() -> Checks.requireAllNonNull("ticket", "priority queuedAt dueAt", "normal", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ticket.queuedAt must not be null");
        assertThatCode(() -> Checks.requireAllNonNull("ticket", "queuedAt", Instant.EPOCH))
                .doesNotThrowAnyException();
    }

    @Test
    void should_name_a_blank_text_component_and_its_value() {
        assertThatThrownBy(() -> Checks.requireAllText("exposure", "experimentId arm", "exp-1", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("exposure.arm must not be blank, was \" \"");
    }

    @Test
    void should_refuse_names_that_do_not_match_the_values() {
        assertThatThrownBy(() -> Checks.requireAllNonNull("ticket", "priority queuedAt", "normal"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("priority queuedAt");
    }
}
