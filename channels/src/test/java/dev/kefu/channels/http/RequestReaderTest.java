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
}
