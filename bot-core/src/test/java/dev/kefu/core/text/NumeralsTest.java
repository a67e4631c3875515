package dev.kefu.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumeralsTest {
    @ParameterizedTest
    @CsvSource({
        "十一, 11",
        "二十, 20",
        "二十四, 24",
        "两百, 200",
        "一百零五, 105",
        "一百〇八, 108",
        "一千二百九十九, 1299",
        "十万, 100000",
        "一万二千, 12000",
        "十, 10",
        "零, 0",
        // a trailing digit after 百/千/万 is the next unit down
        "三百五, 350",
        "一千二, 1200",
        "两万五, 25000",
        // single Arabic digits stand in for Chinese ones
        "3千, 3000"
    })
    void should_read_a_chinese_numeral_when_it_is_well_formed(String numeral, long value) {
        assertThat(Numerals.chinese(numeral)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "百", "一二", "五个", "八五", "二〇二六", "万", "一万万"})
    void should_return_minus_one_when_text_is_not_a_chinese_numeral(String text) {
        assertThat(Numerals.chinese(text)).isEqualTo(-1);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1599|1599",
                "1,599|1599",
                "1,599.00|1599",
                "6.8|6.8",
                "１５９９|1599",
                "１，５９９．５|1599.5",
                "seven|7",
                "Twenty-Four|24",
                "ninety nine|99",
                "七|7",
                "两|2",
                "二十四|24",
                "三点五|3.5",
                "一点五万|15000",
                "1.5万|15000",
                "3千|3000"
            })
    void should_read_a_number_when_written_in_digits_words_or_chinese(String text, String plain) {
        assertThat(Numerals.plain(Numerals.parse(text))).isEqualTo(plain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "百", "一二", "hundred", "三点", "1.2.3"})
    void should_throw_when_text_is_no_number(String text) {
        assertThatThrownBy(() -> Numerals.parse(text)).isInstanceOf(NumberFormatException.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"1,599.00|1599", "0.50|0.5", "100|100", "1E+3|1000"})
    void should_write_a_number_plainly_when_it_has_grouping_or_trailing_zeros(String number, String plain) {
        assertThat(Numerals.plain(new BigDecimal(number.replace(",", "")))).isEqualTo(plain);
    }
}
