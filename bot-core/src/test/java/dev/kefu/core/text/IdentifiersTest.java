package dev.kefu.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kefu.core.text.Identifier.Kind;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {
    private static final Identifiers IDENTIFIERS = Identifiers.defaults();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // order numbers after a cue: five or more digits, letters and dashes allowed
                "Order #88341 hasn't arrived|ORDER_NUMBER|88341|88341",
                "订单号：13800138000 还没发货|ORDER_NUMBER|13800138000|13800138000",
                "my order 2026112200123 has not arrived|ORDER_NUMBER|2026112200123|2026112200123",
                "订单号 DD20261122001 还没到|ORDER_NUMBER|DD20261122001|DD20261122001",
                "order number is 2026-1122-0012|ORDER_NUMBER|202611220012|2026-1122-0012",
                "运单号SF1234567890|ORDER_NUMBER|SF1234567890|SF1234567890",
                "order no. 55555 please|ORDER_NUMBER|55555|55555",
                // an order cue wins over a Luhn-valid number's reading as a card
                "where is my order 4111111111111111?|ORDER_NUMBER|4111111111111111|4111111111111111",
                "我的订单4111111111111111到哪了|ORDER_NUMBER|4111111111111111|4111111111111111",
                // order numbers without a cue: a letter prefix and 8+ digits, or 12-30 digits
                "where is DD20261122001?|ORDER_NUMBER|DD20261122001|DD20261122001",
                "so20241123001 到哪了|ORDER_NUMBER|SO20241123001|so20241123001",
                "where is 202611220001?|ORDER_NUMBER|202611220001|202611220001",
                "单号 202611220012345678|ORDER_NUMBER|202611220012345678|202611220012345678",
                // phones
                "我的手机13800138000|PHONE|13800138000|13800138000",
                "call 138 0013 8000 please|PHONE|13800138000|138 0013 8000",
                "reach me on +86 139 1234 5678.|PHONE|13912345678|+86 139 1234 5678",
                "手机号码是 0086 186-1234-5678|PHONE|18612345678|0086 186-1234-5678",
                "8613800138000|PHONE|13800138000|8613800138000",
                "My number is +1 (415) 555-2671.|PHONE|14155552671|+1 (415) 555-2671",
                "座机 010-12345678|PHONE|01012345678|010-12345678",
                "公司电话 (021) 6123 4567|PHONE|02161234567|(021) 6123 4567",
                "客服热线 400-820-8820|PHONE|4008208820|400-820-8820",
                "office 415-555-2671|PHONE|4155552671|415-555-2671",
                "家里电话 88886666|PHONE|88886666|88886666",
                // e-mails
                "send it to Li.Wei+shop@Example.COM please|EMAIL|li.wei+shop@example.com|Li.Wei+shop@Example.COM",
                "13800138000@163.com|EMAIL|13800138000@163.com|13800138000@163.com",
                "邮箱zhang_wei+shop@mail.163.com谢谢|EMAIL|zhang_wei+shop@mail.163.com|zhang_wei+shop@mail.163.com",
                // cards pass the Luhn check
                "card 4111 1111 1111 1111 ok|CARD|4111111111111111|4111 1111 1111 1111",
                "6222021234567890128|CARD|6222021234567890128|6222021234567890128"
            })
    void should_read_one_identifier_when_the_text_has_one(String text, Kind kind, String value, String written) {
        List<Identifier> found = IDENTIFIERS.find(text);

        assertThat(found).extracting(Identifier::kind, Identifier::value).containsExactly(tuple(kind, value));
        assertThat(text.substring(found.get(0).start(), found.get(0).end())).isEqualTo(written);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // short or date-like numbers, even after a cue
                "订单满 99 元包邮，order of 3 items, 订单 5 件",
                "order 2026 was late",
                "订单号 2026-11-22",
                "The 11.11 sale: 20261111 is a date, 1234567 a short number, 100,000,000 a big price.",
                "The card 4111 1111 1111 1112 fails the Luhn check, and 12345678901 is too short.",
                // prices, dates, times, ranges, sizes
                "售价 ¥199，原价￥1,599.00，现在 199元，或 RMB 2,000，$19.99，1.5万元",
                "活动截至 2026年12月31日，12月31日 23:59 结束，2026/12/31，12/31",
                "Buy 2 get 1, 3-5 items, 10-20 pieces, 1 2 3 4 5 go",
                "It folds to 52 x 45 x 22 cm and weighs 6.8 kg; X200 and UPF50+",
                ""
            })
    void should_find_no_identifier_when_numbers_are_prices_dates_or_counts(String text) {
        assertThat(IDENTIFIERS.find(text)).isEmpty();
    }

    @Test
    void should_keep_every_kind_apart_when_one_text_has_many() {
        String text = "订单 2026112200123 的电话 +86 138 0013 8000, mail a.b@c.cn, card 4111-1111-1111-1111";

        assertThat(IDENTIFIERS.find(text))
                .extracting(Identifier::kind, Identifier::value)
                .containsExactly(
                        tuple(Kind.ORDER_NUMBER, "2026112200123"),
                        tuple(Kind.PHONE, "13800138000"),
                        tuple(Kind.EMAIL, "a.b@c.cn"),
                        tuple(Kind.CARD, "4111111111111111"));
    }

    @Test
    void should_read_every_reading_when_all_are_asked_for() {
        assertThat(IDENTIFIERS.findAll("订单号：13800138000"))
                .extracting(Identifier::kind)
                .containsExactly(Kind.ORDER_NUMBER, Kind.PHONE);
        assertThat(IDENTIFIERS.find("订单号：13800138000"))
                .extracting(Identifier::kind)
                .containsExactly(Kind.ORDER_NUMBER);
    }

    @Test
    void should_read_order_numbers_by_the_store_s_pattern_when_one_is_given() {
        Identifiers store = IDENTIFIERS.withOrderPattern(Pattern.compile("(?<![A-Z0-9])KF-\\d{10}(?![0-9])"));

        assertThat(store.find("order KF-2026112200 and DD20261122001, phone 13800138000"))
                .extracting(Identifier::kind, Identifier::value)
                .containsExactly(tuple(Kind.ORDER_NUMBER, "KF2026112200"), tuple(Kind.PHONE, "13800138000"));
        assertThat(store.find("order 2026112200123")).isEmpty();
    }

    @Test
    void should_read_the_store_s_order_numbers_in_any_case_when_a_pattern_is_given() {
        Identifiers store = Identifiers.forOrders(Pattern.compile("SO\\d{8,12}"));

        assertThat(store.find("我的订单so20241123001到哪了，另一个 SO20241123002"))
                .extracting(Identifier::kind, Identifier::value)
                .containsExactly(tuple(Kind.ORDER_NUMBER, "SO20241123001"), tuple(Kind.ORDER_NUMBER, "SO20241123002"));
        assertThat(store.find("order DD20261122001"))
                .as("the default shape is not this store's")
                .isEmpty();
        assertThat(Identifiers.forOrders(null)).isSameAs(Identifiers.defaults());
    }

    @Test
    void should_read_only_the_value_group_when_the_store_s_pattern_names_one() {
        Identifiers store = IDENTIFIERS.withOrderPattern(Pattern.compile("会员单\\s*(?<value>\\d{6})"));

        assertThat(store.find("会员单 123456"))
                .extracting(Identifier::value, Identifier::start)
                .containsExactly(tuple("123456", 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "378282246310005", "6011111111111117"})
    void should_accept_a_card_number_when_it_passes_the_luhn_check(String number) {
        assertThat(Identifiers.isCardNumber(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "411111111111", "41111111111111111111", "2026112200123"})
    void should_reject_a_card_number_when_it_fails_the_luhn_check_or_the_length(String number) {
        assertThat(Identifiers.isCardNumber(number)).isFalse();
    }
}
