package dev.kefu.core.compose.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LlmOrderDeskTest {
    private static final List<String> SHIPPED = List.of("order SO20261201001: shipped, placed 2026-12-01");
    private static final List<String> NOT_FOUND =
            List.of("There is no order SO20261201001 on the shopper's account: ask them to check the number.");

    @Test
    void should_accept_a_status_when_a_tool_result_gives_it() {
        assertThat(LlmOrderDesk.ungroundedStatus("Your order has shipped with SF Express.", SHIPPED))
                .isNull();
        assertThat(LlmOrderDesk.ungroundedStatus("您的订单已发货。", SHIPPED)).isNull();
        assertThat(LlmOrderDesk.ungroundedStatus("I can't find that order on your account.", NOT_FOUND))
                .isNull();
    }

    @Test
    void should_name_the_status_when_no_tool_result_gives_it() {
        assertThat(LlmOrderDesk.ungroundedStatus("Done: order SO20261201001 has been cancelled.", NOT_FOUND))
                .isEqualTo("been cancelled");
        assertThat(LlmOrderDesk.ungroundedStatus("您的订单已签收。", SHIPPED)).isEqualTo("已签收");
        assertThat(LlmOrderDesk.ungroundedStatus("It was refunded yesterday.", SHIPPED))
                .isEqualTo("was refunded");
        assertThat(LlmOrderDesk.ungroundedStatus("Your order has shipped.", NOT_FOUND))
                .isEqualTo("shipped");
    }
}
