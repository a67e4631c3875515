package dev.kefu.core.compose.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.text.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalDataMaskerTest {
    private static final PersonalDataMasker MASKER = PersonalDataMasker.defaults();

    static Stream<Arguments> personalData() {
        return Stream.of(
                // Chinese mobiles, with and without +86, spaces, dashes
                Arguments.of("我的手机13800138000", "我的手机<PHONE_1>"),
                Arguments.of("call 138 0013 8000 please", "call <PHONE_1> please"),
                Arguments.of("电话：138-0013-8000。", "电话：<PHONE_1>。"),
                Arguments.of("reach me on +86 139 1234 5678.", "reach me on <PHONE_1>."),
                Arguments.of("+8615912345678", "<PHONE_1>"),
                Arguments.of("手机号码是 0086 186-1234-5678", "手机号码是 <PHONE_1>"),
                // international and landline numbers with separators
                Arguments.of("My number is +1 (415) 555-2671.", "My number is <PHONE_1>."),
                Arguments.of("UK: +44 20 7946 0958", "UK: <PHONE_1>"),
                Arguments.of("office 415-555-2671", "office <PHONE_1>"),
                Arguments.of("座机 010-12345678", "座机 <PHONE_1>"),
                Arguments.of("公司电话 (021) 6123 4567", "公司电话 <PHONE_1>"),
                Arguments.of("深圳 0755-8888 6666", "深圳 <PHONE_1>"),
                Arguments.of("London 020 7946 0958", "London <PHONE_1>"),
                Arguments.of("客服热线 400-820-8820", "客服热线 <PHONE_1>"),
                Arguments.of("家里电话 88886666", "家里电话 <PHONE_1>"),
                Arguments.of("phone number: 6123 4567", "phone number: <PHONE_1>"),
                // e-mail
                Arguments.of("mail Li.Na@Example.com now", "mail <EMAIL_1> now"),
                Arguments.of("邮箱zhang_wei+shop@mail.163.com谢谢", "邮箱<EMAIL_1>谢谢"),
                Arguments.of("write to zhang-wei@example.co.uk.", "write to <EMAIL_1>."),
                // payment cards (Luhn-valid)
                Arguments.of("card 4111 1111 1111 1111 ok", "card <CARD_1> ok"),
                Arguments.of("卡号5500-0000-0000-0004", "卡号<CARD_1>"),
                Arguments.of("amex 3782 822463 10005", "amex <CARD_1>"),
                Arguments.of("6222021234567890128", "<CARD_1>"),
                // order numbers
                Arguments.of("my order 2026112200123 has not arrived", "my order <ORDER_1> has not arrived"),
                Arguments.of("订单号 DD20261122001 还没到", "订单号 <ORDER_1> 还没到"),
                Arguments.of("订单号：DD20261122001", "订单号：<ORDER_1>"),
                Arguments.of("Order #123456 is late", "Order #<ORDER_1> is late"),
                Arguments.of("order number is 2026-1122-0012", "order number is <ORDER_1>"),
                Arguments.of("运单号SF1234567890", "运单号<ORDER_1>"),
                Arguments.of("where is DD20261122001?", "where is <ORDER_1>?"),
                Arguments.of("JD202611220012 到哪了", "<ORDER_1> 到哪了"),
                Arguments.of("单号 202611220012345678", "单号 <ORDER_1>"),
                Arguments.of("the code 202611220012 came", "the code <ORDER_1> came"),
                // Chinese addresses
                Arguments.of("寄到上海市浦东新区张江路88号5栋1201室，谢谢", "寄到<ADDRESS_1>，谢谢"),
                Arguments.of("请寄到北京市朝阳区建国路 88 号 SOHO 现代城 5 号楼 1201 室", "请寄到<ADDRESS_1>"),
                Arguments.of("地址：广东省深圳市南山区深南大道9988号", "地址：<ADDRESS_1>"),
                Arguments.of("我住在杭州市西湖区文三路 478 号华星时代广场 A 座 1203 室，明天 3 号到货吗", "我住在<ADDRESS_1>，明天 3 号到货吗"),
                Arguments.of("改到阳光花园小区3栋2单元501室", "改到<ADDRESS_1>"),
                Arguments.of("南京西路1266号恒隆广场", "<ADDRESS_1>恒隆广场"),
                Arguments.of("成都市武侯区天府大道北段1700号", "<ADDRESS_1>"),
                // English addresses
                Arguments.of("Ship to 221B Baker Street, Apt 3, London.", "Ship to <ADDRESS_1>, London."),
                Arguments.of("I live at 1600 Pennsylvania Avenue NW", "I live at <ADDRESS_1>"),
                Arguments.of("send it to 12 main street apartment 4b please", "send it to <ADDRESS_1> please"),
                Arguments.of("No. 88 Jianguo Road, Chaoyang District, Beijing", "<ADDRESS_1>, Beijing"),
                Arguments.of("at 10 Downing St. or 3 Abbey Rd", "at <ADDRESS_1> or <ADDRESS_2>"),
                Arguments.of("45 Sunset Blvd, Suite 200", "<ADDRESS_1>"),
                // mixed
                Arguments.of(
                        "订单 2026112200123 的收货地址改成 88 Jianguo Road, phone +86 138 0013 8000, mail a.b@c.cn",
                        "订单 <ORDER_1> 的收货地址改成 <ADDRESS_1>, phone <PHONE_1>, mail <EMAIL_1>"));
    }

    @ParameterizedTest
    @MethodSource("personalData")
    void should_mask_personal_data_when_the_text_contains_it(String text, String masked) {
        MaskingVault vault = MASKER.newVault();

        assertThat(vault.mask(text)).isEqualTo(masked);
    }

    @ParameterizedTest
    @MethodSource("personalData")
    void should_restore_the_original_text_when_every_placeholder_comes_back(String text, String masked) {
        MaskingVault vault = MASKER.newVault();

        assertThat(vault.restore(vault.mask(text))).isEqualTo(text);
    }

    @ParameterizedTest
    @MethodSource("personalData")
    void should_redact_to_bare_labels_when_the_text_is_kept_rather_than_sent(String text, String masked) {
        assertThat(MASKER.redact(text)).isEqualTo(masked.replaceAll("<([A-Z]+)_\\d+>", "<$1>"));
    }

    @Test
    void should_give_every_value_the_same_label_when_redacting() {
        assertThat(MASKER.redact("手机13800138000或13912345678，邮箱 li.na@example.com，订单号 DD20261122001"))
                .isEqualTo("手机<PHONE>或<PHONE>，邮箱 <EMAIL>，订单号 <ORDER>");
        assertThat(MASKER.redact("nothing personal, 1,599 yuan")).isEqualTo("nothing personal, 1,599 yuan");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // prices
                "The CloudNest Cloud Lite Stroller costs 1,599 yuan and is in stock.",
                "售价 ¥199，原价￥1,599.00，现在 199元，或 RMB 2,000，$19.99，1.5万元",
                "Shipping is free on orders of 99 yuan or more; otherwise standard shipping costs 8 yuan.",
                // dates, times, years
                "During Mother & Baby Week, ending 2026-12-31 at 23:59, all items are 15% off.",
                "活动截至 2026年12月31日，12月31日 23:59 结束，11 月 11 日 00:00-23:59，2026/12/31，12/31",
                "Orders paid before 16:00 (Beijing time) ship the same day, in 2026 and 2027.",
                // durations, percentages, quantities, sizes
                "Standard delivery takes 2-4 days, 5-7 days to remote areas, refunds within 48 hours.",
                "标准配送 2-4 天送达，48小时内发货，七天无理由退货，享 85 折，优惠 15%，满 99 减 20",
                "It weighs only 6.8 kg, folds to 52 x 45 x 22 cm, suits babies up to 36 months and 22 kg.",
                "165° recline, 5-point harness, UPF50+ canopy, 1-year warranty, 2 x 100 ml, 3 pcs",
                // knowledge ids, markers, placeholders
                "See [policy-shipping], promotion-spend-199-save-20, product-x200-ear-tips and faq-11.11-sale.",
                "Entries sku-123456789012 and order-20261122001 are ids, so is [faq-track-package].",
                "Your <PHONE_1> and <ORDER_1> are masked already.",
                // numbers that only look long
                "The 11.11 sale: 20261111 is a date, 1234567 a short number, 100,000,000 a big price.",
                "The card 4111 1111 1111 1112 fails the Luhn check, and 12345678901 is too short.",
                // street words without a house number, dates that look like house numbers
                "北京、上海、广州、深圳、杭州等大城市可选次日达快递，加收 12 元。",
                "我 3 号到货，12月3号发货，地铁 2 号线，第 5 号商品。",
                "It takes 2 days by the way, and 5 minutes down the road.",
                "Walk 3 blocks to the main road.",
                // phones must not swallow quantities and ranges
                "Buy 2 get 1, 3-5 items, 10-20 pieces, 1 2 3 4 5 go",
                "订单满 99 元包邮，order of 3 items, 订单 5 件"
            })
    void should_leave_the_text_unchanged_when_it_holds_no_personal_data(String text) {
        MaskingVault vault = MASKER.newVault();

        assertThat(vault.mask(text)).isEqualTo(text);
        assertThat(vault.size()).isZero();
    }

    @Test
    void should_give_the_same_placeholder_to_the_same_value_when_texts_share_a_vault() {
        MaskingVault vault = MASKER.newVault();

        String first = vault.mask("我的手机 13800138000，订单号 DD20261122001");
        String second = vault.mask("Phone +86 138-0013-8000 again, order dd20261122001, mail Li.Na@example.com");
        String third = vault.mask("li.na@EXAMPLE.com and another phone 13900139000");

        assertThat(first).isEqualTo("我的手机 <PHONE_1>，订单号 <ORDER_1>");
        assertThat(second).isEqualTo("Phone <PHONE_1> again, order <ORDER_1>, mail <EMAIL_1>");
        assertThat(third).isEqualTo("<EMAIL_1> and another phone <PHONE_2>");
        assertThat(vault.size()).isEqualTo(4);
    }

    @Test
    void should_start_afresh_when_a_new_vault_is_used() {
        MaskingVault first = MASKER.newVault();
        first.mask("13800138000 13900139000");
        MaskingVault second = MASKER.newVault();

        assertThat(second.mask("13900139000")).isEqualTo("<PHONE_1>");
        assertThat(second.restore("<PHONE_2>")).isEqualTo("<PHONE_2>");
    }

    @Test
    void should_restore_the_first_spelling_when_the_model_echoes_a_placeholder() {
        MaskingVault vault = MASKER.newVault();
        vault.mask("订单号 DD20261122001，手机 138 0013 8000");
        vault.mask("13800138000");

        String restored = vault.restore("您的订单 <ORDER_1> 已发货，我们会联系 < phone_1 > [policy-shipping]。");

        assertThat(restored).isEqualTo("您的订单 DD20261122001 已发货，我们会联系 138 0013 8000 [policy-shipping]。");
    }

    @Test
    void should_leave_unknown_placeholders_when_the_model_invents_them() {
        MaskingVault vault = MASKER.newVault();
        vault.mask("order 2026112200123");

        String restored = vault.restore("Order <ORDER_1> and <ORDER_2>, call <PHONE_1>, see <b>this</b>.");

        assertThat(restored).isEqualTo("Order 2026112200123 and <ORDER_2>, call <PHONE_1>, see <b>this</b>.");
    }

    @Test
    void should_not_mask_a_placeholder_again_when_masked_text_is_masked() {
        MaskingVault vault = MASKER.newVault();
        String once = vault.mask("订单号 DD20261122001，手机 13800138000，寄到上海市浦东新区张江路88号");

        assertThat(vault.mask(once)).isEqualTo(once);
        assertThat(vault.size()).isEqualTo(3);
    }

    @Test
    void should_replace_the_order_rules_when_a_store_configures_its_own_pattern() {
        PersonalDataMasker masker =
                PersonalDataMasker.defaults().withOrderPattern(Pattern.compile("(?<![A-Z0-9])KF-\\d{10}(?![0-9])"));
        MaskingVault vault = masker.newVault();

        assertThat(vault.mask("order KF-2026112200 and DD20261122001, phone 13800138000"))
                .isEqualTo("order <ORDER_1> and DD20261122001, phone <PHONE_1>");
        assertThat(masker.newVault().mask("order 2026112200123")).isEqualTo("order 2026112200123");
    }

    @Test
    void should_mask_the_store_s_order_numbers_when_built_from_the_store_s_identifiers() {
        Identifiers store = Identifiers.forOrders(Pattern.compile("SO\\d{8,12}"));
        PersonalDataMasker masker = PersonalDataMasker.of(store);

        assertThat(masker.newVault().mask("我的订单SO20241123001到哪了？电话 13800138000，旧单 DD20261122001"))
                .isEqualTo("我的订单<ORDER_1>到哪了？电话 <PHONE_1>，旧单 DD20261122001");
        assertThat(masker.newVault().mask("where is KF-123456")).isEqualTo("where is KF-123456");
        assertThat(PersonalDataMasker.of(Identifiers.defaults())).isSameAs(PersonalDataMasker.defaults());
    }

    @Test
    void should_mask_only_the_value_group_when_a_rule_names_one() {
        PersonalDataMasker masker = new PersonalDataMasker(
                List.of(new PersonalDataMasker.Rule("MEMBER", Pattern.compile("会员号\\s*(?<value>\\d{6})"))));

        assertThat(masker.newVault().mask("会员号 123456，订单号 DD20261122001"))
                .isEqualTo("会员号 <MEMBER_1>，订单号 DD20261122001");
    }

    @ParameterizedTest
    @ValueSource(strings = {"phone", "PHONE1", "PHONE_NUMBER", ""})
    void should_reject_a_rule_when_its_label_is_not_upper_case_letters(String label) {
        assertThatThrownBy(() -> new PersonalDataMasker.Rule(label, Pattern.compile("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rule.label");
    }

    @Test
    void should_hand_out_consistent_placeholders_when_one_vault_is_used_by_several_threads() throws Exception {
        MaskingVault vault = MASKER.newVault();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                String phone = "1380013800" + (i % 4);
                results.add(pool.submit(() -> vault.mask("手机 " + phone)));
            }
            for (Future<String> result : results) {
                assertThat(result.get()).matches("手机 <PHONE_[1-4]>");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(vault.size()).isEqualTo(4);
        assertThat(vault.restore("<PHONE_1> <PHONE_2> <PHONE_3> <PHONE_4>"))
                .contains("13800138000", "13800138001", "13800138002", "13800138003");
    }

    @Test
    void should_finish_quickly_when_a_long_chinese_text_has_many_street_words() {
        String text = "北京市朝阳区建国路和上海市浦东新区张江路，广州市天河区体育西路与深圳市南山区深南大道，".repeat(60);

        long start = System.nanoTime();
        MASKER.newVault().mask(text);

        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    }
}
