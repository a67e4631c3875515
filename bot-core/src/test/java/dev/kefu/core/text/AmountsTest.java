package dev.kefu.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountsTest {
    private static List<String> values(String text) {
        return Amounts.find(text).stream().map(Amount::value).toList();
    }

    static Stream<Arguments> amounts() {
        return Stream.of(
                // currency before the number
                Arguments.of("售价 ¥199", List.of("199 CNY")),
                Arguments.of("原价¥1,599.00", List.of("1599 CNY")),
                Arguments.of("RMB 2,000", List.of("2000 CNY")),
                Arguments.of("rmb 50", List.of("50 CNY")),
                Arguments.of("charged $20 twice", List.of("20 USD")),
                Arguments.of("US$19.99 or HK$5", List.of("19.99 USD", "5 HKD")),
                Arguments.of("€5 and £3", List.of("5 EUR", "3 GBP")),
                Arguments.of("人民币100", List.of("100 CNY")),
                Arguments.of("¥1.5万", List.of("15000 CNY")),
                Arguments.of("¥100-200", List.of("100-200 CNY")),
                // currency after the number
                Arguments.of("退我199元", List.of("199 CNY")),
                Arguments.of("1,299块", List.of("1299 CNY")),
                Arguments.of("it was 199 yuan", List.of("199 CNY")),
                Arguments.of("costs 1,599 Yuan", List.of("1599 CNY")),
                Arguments.of("20 dollars", List.of("20 USD")),
                Arguments.of("5 euros", List.of("5 EUR")),
                Arguments.of("1.2万元", List.of("12000 CNY")),
                Arguments.of("3千块", List.of("3000 CNY")),
                Arguments.of("2 to 4 dollars", List.of("2-4 USD")),
                Arguments.of("满99元包邮，运费8元", List.of("99 CNY", "8 CNY")),
                // numbers in words
                Arguments.of("两百块", List.of("200 CNY")),
                Arguments.of("花了三百五十元", List.of("350 CNY")),
                Arguments.of("一千二百块钱", List.of("1200 CNY")),
                Arguments.of("十块", List.of("10 CNY")),
                Arguments.of("两块钱", List.of("2 CNY")),
                Arguments.of("三点五元", List.of("3.5 CNY")),
                Arguments.of("两万五千块", List.of("25000 CNY")),
                Arguments.of("ten dollars", List.of("10 USD")),
                // a bare multiplier is money in yuan unless something is counted
                Arguments.of("预算1.2万", List.of("12000 CNY")),
                // mixed
                Arguments.of("Cloud Lite 售价 1599 元, or $229", List.of("1599 CNY", "229 USD")));
    }

    @ParameterizedTest
    @MethodSource("amounts")
    void should_read_amounts_with_their_currency_when_written_in_any_common_form(String text, List<String> values) {
        assertThat(values(text)).isEqualTo(values);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1.2万人买过",
                "3千米",
                "2万mAh",
                "两块手表",
                "一块蛋糕",
                "2026",
                "in 2026 I ordered twice",
                "how long does delivery take? 3 days?",
                "百元",
                "x200元",
                "Buy 2 get 1, 3-5 items",
                "6.8 kg, 52 x 45 x 22 cm, 15% off",
                ""
            })
    void should_find_no_amount_when_numbers_count_or_measure_something_else(String text) {
        assertThat(Amounts.find(text)).isEmpty();
    }

    @Test
    void should_tell_a_bare_multiplier_from_a_written_currency() {
        List<Amount> amounts = Amounts.find("预算1.2万，最多¥1.5万");

        assertThat(amounts).extracting(Amount::currencyWritten).containsExactly(false, true);
        assertThat(amounts).extracting(Amount::currency).containsExactly("CNY", "CNY");
    }

    @Test
    void should_cover_the_whole_mention_when_reporting_a_span() {
        String text = "退款 1,299 元到账了吗";

        Amount amount = Amounts.find(text).get(0);

        assertThat(text.substring(amount.start(), amount.end())).isEqualTo("1,299 元");
    }
}
