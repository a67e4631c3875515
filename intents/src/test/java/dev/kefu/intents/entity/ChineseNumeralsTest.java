package dev.kefu.intents.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChineseNumeralsTest {
    @Test
    void should_read_value_when_numeral_is_simple() {
        assertThat(ChineseNumerals.parse("十一")).isEqualTo(11);
        assertThat(ChineseNumerals.parse("二十")).isEqualTo(20);
        assertThat(ChineseNumerals.parse("两百")).isEqualTo(200);
        assertThat(ChineseNumerals.parse("一百零五")).isEqualTo(105);
        assertThat(ChineseNumerals.parse("一千二百九十九")).isEqualTo(1299);
        assertThat(ChineseNumerals.parse("十万")).isEqualTo(100_000);
        assertThat(ChineseNumerals.parse("一万二千")).isEqualTo(12_000);
    }

    @Test
    void should_read_next_unit_down_when_a_digit_trails_a_unit() {
        assertThat(ChineseNumerals.parse("三百五")).isEqualTo(350);
        assertThat(ChineseNumerals.parse("一千二")).isEqualTo(1200);
        assertThat(ChineseNumerals.parse("两万五")).isEqualTo(25_000);
    }

    @Test
    void should_return_minus_one_when_text_is_not_a_numeral() {
        assertThat(ChineseNumerals.parse("")).isEqualTo(-1);
        assertThat(ChineseNumerals.parse("百")).isEqualTo(-1);
        assertThat(ChineseNumerals.parse("一二")).isEqualTo(-1);
        assertThat(ChineseNumerals.parse("五个")).isEqualTo(-1);
    }
}
