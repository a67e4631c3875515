package dev.kefu.channels.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.message.ShopperContext;
import org.junit.jupiter.api.Test;

class RequestReaderTest {
    private final RequestReader reader = new RequestReader(new ObjectMapper(), 20);

    /** A chat body as read for its form: the shopper as the body describes them, not yet verified. */
    private ChatInput chat(String body) {
        JsonNode node = reader.object(body);
        ShopperClaim claim = reader.shopper(node.get("shopper"));
        return reader.chat(node, new ShopperContext(claim.id(), claim.tags(), false));
    }

    @Test
    void should_read_all_fields_when_request_is_complete() {
        ChatInput input = chat(
                """
                {"conversationId": "c_1-A", "text": "  hi there ", "shopper": {"id": "s1", "tags": ["vip_gold"]}, "locale": "zh-CN"}
                """);
        assertThat(input.conversationId()).isEqualTo("c_1-A");
        assertThat(input.text()).isEqualTo("hi there");
        assertThat(input.shopper().id()).isEqualTo("s1");
        assertThat(input.shopper().tags()).containsExactly("vip_gold");
        assertThat(input.locale()).isEqualTo("zh-CN");
    }

    @Test
    void should_count_characters_not_utf16_units_when_checking_length() {
        assertThat(chat("{\"text\": \"" + "😀".repeat(20) + "\"}").text()).hasSize(40);
        assertThatThrownBy(() -> chat("{\"text\": \"" + "😀".repeat(21) + "\"}"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCodes.TEXT_TOO_LONG));
    }

    @Test
    void should_refuse_invalid_tag_with_field_named_in_message() {
        assertThatThrownBy(() -> chat("{\"text\": \"hi\", \"shopper\": {\"tags\": [\"<script>\"]}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_FIELD);
                    assertThat(e.getMessage()).contains("shopper.tags");
                });
    }

    @Test
    void should_report_position_when_json_is_malformed() {
        assertThatThrownBy(() -> reader.object("{\n\"text\": }")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_JSON);
            assertThat(e.getMessage()).contains("line 2");
        });
    }

    /** The server's bounded parser (the finding: deep nesting was a 500 with a NullPointerException). */
    private final RequestReader bounded = new RequestReader(RequestReader.jsonMapper(), 20);

    private static void assertCode(Runnable read, String code) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("jackson");
        });
    }

    @Test
    void should_refuse_deep_nesting_long_numbers_and_long_strings_as_invalid_json() {
        assertCode(
                () -> bounded.object("{\"a\":" + "[".repeat(1001) + "]".repeat(1001) + "}"), ErrorCodes.INVALID_JSON);
        assertCode(
                () -> new RequestReader(new ObjectMapper(), 20).object("[".repeat(1001) + "]".repeat(1001)),
                ErrorCodes.INVALID_JSON);
        assertCode(
                () -> bounded.object("{\"a\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"),
                ErrorCodes.INVALID_JSON);
        assertCode(() -> bounded.object("{\"seq\": " + "9".repeat(1000) + "}"), ErrorCodes.INVALID_JSON);
        assertCode(() -> bounded.object("{\"seq\": 1e" + "9".repeat(100) + "}"), ErrorCodes.INVALID_JSON);
        assertCode(() -> bounded.object("{\"text\": \"" + "a".repeat(70_000) + "\"}"), ErrorCodes.INVALID_JSON);
        assertThat(bounded.object("{\"shopper\": {\"tags\": [\"a\"]}, \"seq\": 12345678901234567}")
                        .isObject())
                .isTrue();
    }

    @Test
    void should_refuse_integers_beyond_a_long_rather_than_wrap_them() {
        assertCode(
                () -> bounded.requiredLong(bounded.object("{\"seq\": 18446744073709551617}"), "seq"),
                ErrorCodes.INVALID_FIELD);
        assertThat(bounded.requiredLong(bounded.object("{\"seq\": 3}"), "seq")).isEqualTo(3);
    }

    @Test
    void should_refuse_texts_of_only_control_or_zero_width_characters_and_strip_nul() {
        assertCode(() -> chat("{\"text\": \"\\u0000\\u0000\"}"), ErrorCodes.TEXT_REQUIRED);
        assertCode(() -> chat("{\"text\": \"\\u200b\\u200d\\ufeff\\u00a0\"}"), ErrorCodes.TEXT_REQUIRED);
        assertThat(chat("{\"text\": \"where\\u0000 is\\u200b my order\"}").text())
                .isEqualTo("where is my order");
        assertThat(bounded.rating(bounded.object("{\"score\": 4, \"comment\": \"ok\\u0000\"}"))
                        .comment())
                .isEqualTo("ok");
        assertThat(bounded.rating(bounded.object("{\"score\": 4, \"comment\": \"\\u0000\"}"))
                        .comment())
                .isNull();
    }

    @Test
    void should_refuse_shopper_ids_with_control_characters_without_repeating_the_value() {
        assertThatThrownBy(() -> chat("{\"text\": \"hi\", \"shopper\": {\"id\": \"bob\\u0000<x>\"}}"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_FIELD);
                    assertThat(e.getMessage()).contains("shopper.id").doesNotContain("<x>");
                });
        assertThatThrownBy(() -> chat("{\"text\": \"hi\", \"shopper\": {\"tags\": [\"<x>\"]}}"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getMessage()).doesNotContain("<x>"));
    }
}
