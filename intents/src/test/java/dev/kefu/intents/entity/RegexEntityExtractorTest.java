package dev.kefu.intents.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.Language;
import dev.kefu.intents.text.KefuNormalizer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegexEntityExtractorTest {
    private final RegexEntityExtractor extractor = new RegexEntityExtractor();
    private final KefuNormalizer normalizer = new KefuNormalizer();

    private List<Entity> extract(String text) {
        return extractor.extract(normalizer.normalize(text), Language.MIXED);
    }

    @Test
    void should_find_order_number_when_a_long_digit_run_appears() {
        assertThat(extract("where is 202611220001?"))
                .containsExactly(new Entity(RegexEntityExtractor.ORDER_NUMBER, "202611220001", 9, 21));
    }

    @Test
    void should_find_short_order_number_when_it_follows_an_order_cue() {
        assertThat(extract("Order #88341 hasn't arrived"))
                .extracting(Entity::type, Entity::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("order_number", "88341"));
        assertThat(extract("订单号：13800138000 还没发货"))
                .extracting(Entity::type, Entity::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("order_number", "13800138000"));
    }

    @Test
    void should_find_mobile_number_when_it_has_no_order_cue() {
        assertThat(extract("call me at +86 138-0013-8000"))
                .extracting(Entity::type, Entity::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("phone", "13800138000"));
        assertThat(extract("我的手机13912345678")).extracting(Entity::value).containsExactly("13912345678");
    }

    @Test
    void should_find_email_lower_cased_when_address_is_present() {
        assertThat(extract("send it to Li.Wei+shop@Example.COM please"))
                .extracting(Entity::type, Entity::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("email", "li.wei+shop@example.com"));
    }

    @Test
    void should_not_read_phone_inside_email_when_address_is_digits() {
        assertThat(extract("13800138000@163.com")).extracting(Entity::type).containsExactly("email");
    }

    @Test
    void should_canonicalise_amounts_when_written_in_any_common_form() {
        assertThat(extract("¥199")).extracting(Entity::value).containsExactly("199 CNY");
        assertThat(extract("￥199.00")).extracting(Entity::value).containsExactly("199 CNY");
        assertThat(extract("退我199元")).extracting(Entity::value).containsExactly("199 CNY");
        assertThat(extract("it was 199 yuan")).extracting(Entity::value).containsExactly("199 CNY");
        assertThat(extract("RMB 50")).extracting(Entity::value).containsExactly("50 CNY");
        assertThat(extract("charged $20 twice")).extracting(Entity::value).containsExactly("20 USD");
        assertThat(extract("1,299块")).extracting(Entity::value).containsExactly("1299 CNY");
    }

    @Test
    void should_apply_multipliers_when_amounts_use_wan_or_qian() {
        assertThat(extract("¥1,299")).extracting(Entity::value).containsExactly("1299 CNY");
        assertThat(extract("1299元")).extracting(Entity::value).containsExactly("1299 CNY");
        assertThat(extract("预算1.2万")).extracting(Entity::value).containsExactly("12000 CNY");
        assertThat(extract("1.2万元")).extracting(Entity::value).containsExactly("12000 CNY");
        assertThat(extract("¥1.5万")).extracting(Entity::value).containsExactly("15000 CNY");
        assertThat(extract("3千块")).extracting(Entity::value).containsExactly("3000 CNY");
    }

    @Test
    void should_read_chinese_numerals_when_an_amount_is_written_in_words() {
        assertThat(extract("两百块")).extracting(Entity::value).containsExactly("200 CNY");
        assertThat(extract("花了三百五十元")).extracting(Entity::value).containsExactly("350 CNY");
        assertThat(extract("一千二百块钱")).extracting(Entity::value).containsExactly("1200 CNY");
        assertThat(extract("十块")).extracting(Entity::value).containsExactly("10 CNY");
        assertThat(extract("两块钱")).extracting(Entity::value).containsExactly("2 CNY");
    }

    @Test
    void should_not_read_money_when_a_number_counts_people_or_pieces() {
        assertThat(extract("1.2万人买过")).isEmpty();
        assertThat(extract("两块手表")).isEmpty();
        assertThat(extract("2026")).isEmpty();
        assertThat(extract("in 2026 I ordered twice")).isEmpty();
    }

    @Test
    void should_order_entities_by_position_when_several_are_found() {
        assertThat(extract("order 202611220001 cost ¥99, mail me at a@b.cn"))
                .extracting(Entity::type)
                .containsExactly("order_number", "amount", "email");
    }

    @Test
    void should_find_nothing_when_text_has_no_entities() {
        assertThat(extract("how long does delivery take? 3 days?")).isEmpty();
        assertThat(extract("")).isEmpty();
    }
}
