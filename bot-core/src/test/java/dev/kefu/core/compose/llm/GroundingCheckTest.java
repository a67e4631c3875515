package dev.kefu.core.compose.llm;

import static dev.kefu.core.compose.llm.DemoPassages.MOTHER_BABY_WEEK_EN;
import static dev.kefu.core.compose.llm.DemoPassages.MOTHER_BABY_WEEK_ZH;
import static dev.kefu.core.compose.llm.DemoPassages.RETURNS_EN;
import static dev.kefu.core.compose.llm.DemoPassages.SHIPPING_EN;
import static dev.kefu.core.compose.llm.DemoPassages.SHIPPING_ZH;
import static dev.kefu.core.compose.llm.DemoPassages.STROLLER_EN;
import static dev.kefu.core.compose.llm.DemoPassages.STROLLER_ZH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.Passage;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class GroundingCheckTest {
    private static final String SYSTEM_PROMPT = "You are the customer service assistant of an online store. Answer only"
            + " from the knowledge passages below and cite every passage you use by writing its id in square"
            + " brackets. Never invent prices, dates, discounts or coupon codes.\n"
            + "你是网店的智能客服助手，只能根据下面提供的知识条目回答顾客的问题，并用方括号注明引用的条目编号，不得编造价格、日期和优惠券。";
    private static final List<Passage> ENGLISH = List.of(SHIPPING_EN, STROLLER_EN, MOTHER_BABY_WEEK_EN, RETURNS_EN);
    private static final List<Passage> CHINESE = List.of(SHIPPING_ZH, STROLLER_ZH, MOTHER_BABY_WEEK_ZH);

    private final GroundingCheck check = new GroundingCheck();

    private GroundingVerdict check(String answer, List<Passage> passages, Language language) {
        return check.check(answer, passages, List.of(), language, SYSTEM_PROMPT);
    }

    /** An answer from one passage with {@code sourceText}, in either language. */
    private GroundingVerdict checkAgainst(String sourceText, String answer) {
        Passage passage = new Passage("faq-demo", "faq", "Demo", sourceText, 1.0);
        return check.check(answer, List.of(passage), List.of(), Language.MIXED, SYSTEM_PROMPT);
    }

    // ---------------------------------------------------------------- accepted

    static Stream<Arguments> groundedAnswers() {
        return Stream.of(
                Arguments.of(
                        Language.EN,
                        "The CloudNest Cloud Lite Stroller costs 1,599 yuan and weighs only 6.8 kg"
                                + " [product-stroller-cloud]. It folds to 52 x 45 x 22 cm, suits babies from birth to 36"
                                + " months (up to 22 kg) and has a 1-year warranty.",
                        List.of("product-stroller-cloud")),
                Arguments.of(
                        Language.EN,
                        "Yes! Until December 31 at 23:59, Mother & Baby Week takes 15% off the Cloud Lite Stroller"
                                + " (1,599 yuan), and you get a free sleeping bag worth 199 yuan"
                                + " [product-stroller-cloud][promotion-mother-baby-week].",
                        List.of("product-stroller-cloud", "promotion-mother-baby-week")),
                Arguments.of(
                        Language.EN,
                        "Orders paid before 4 pm ship the same day, and standard delivery takes 2 to 4 days"
                                + " [policy-shipping]. Orders of 99 yuan or more ship free; otherwise shipping is 8 yuan.",
                        List.of("policy-shipping")),
                Arguments.of(
                        Language.EN,
                        "You can return most items within seven days of delivery without giving a reason"
                                + " (七天无理由退货), as long as they are unused [policy-returns]. Returns are usually"
                                + " approved within 24 hours.",
                        List.of("policy-returns")),
                Arguments.of(
                        Language.ZH,
                        "云巢 Cloud Lite 推车售价 ¥1599，车重仅 6.8 公斤，适合新生儿至 36 个月的宝宝【product-stroller-cloud】。",
                        List.of("product-stroller-cloud")),
                Arguments.of(
                        Language.ZH,
                        "母婴周活动截至 12月31日 23:59，母婴商品自动享 85 折，买推车还送价值 199 元的睡袋 [promotion-mother-baby-week]。",
                        List.of("promotion-mother-baby-week")),
                Arguments.of(
                        Language.ZH, "下午4点前付款当天发货，标准配送 2-4 天送达，满 99 元包邮【policy-shipping】。", List.of("policy-shipping")),
                Arguments.of(
                        Language.ZH,
                        "您好，CloudNest Cloud Lite Stroller 售价 1599 元 [product-stroller-cloud]",
                        List.of("product-stroller-cloud")),
                Arguments.of(
                        Language.MIXED,
                        "Cloud Lite stroller 售价 1599 元, frame 有 1 年质保 [product-stroller-cloud]",
                        List.of("product-stroller-cloud")));
    }

    @ParameterizedTest
    @MethodSource("groundedAnswers")
    void should_accept_an_answer_when_its_facts_are_in_the_cited_passages(
            Language language, String answer, List<String> cited) {
        List<Passage> passages = language == Language.EN ? ENGLISH : CHINESE;

        GroundingVerdict verdict = check(answer, passages, language);

        assertThat(verdict.accepted()).as(verdict.detail()).isTrue();
        assertThat(verdict.reason()).isNull();
        assertThat(verdict.detail()).isEmpty();
        assertThat(verdict.citedIds()).containsExactlyElementsOf(cited);
        assertThat(verdict.text()).doesNotContain("[", "【", "product-stroller-cloud");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(
            delimiter = '|',
            value = {
                "We have a secret Black Friday sale for you, so it is worth ordering now [policy-shipping].|EN|sale",
                "Ask for a coupon at checkout and delivery takes 2-4 days [policy-shipping].|EN|coupon",
                "Good news: every order comes with a free gift [policy-shipping].|EN|free gift",
                "现在下单还送您一个红包，标准配送 2-4 天送达 [policy-shipping]。|ZH|红包",
                "推车今天特价，单手一秒收车 [product-stroller-cloud]。|ZH|特价",
                "下单即可领取优惠券，标准配送 2-4 天送达 [policy-shipping]。|ZH|优惠券"
            })
    void should_refuse_an_invented_promotion_even_without_a_number(String answer, Language language, String term) {
        GroundingVerdict verdict = check(answer, language == Language.EN ? ENGLISH : CHINESE, language);
        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.reason()).isEqualTo(RejectionReason.UNGROUNDED_PROMOTION);
        assertThat(verdict.detail()).contains("\"" + term + "\"");
    }

    @Test
    void should_accept_a_promotion_the_cited_passage_offers_and_folding_that_is_no_discount() {
        assertThat(check(
                                "During Mother & Baby Week all mother & baby items are 15% off, and the stroller comes"
                                        + " with a free Stroller Sleeping Bag [promotion-mother-baby-week].",
                                ENGLISH, Language.EN)
                        .accepted())
                .isTrue();
        assertThat(check("云巢推车可以单手一秒收车，一键折叠 [product-stroller-cloud]。", CHINESE, Language.ZH)
                        .accepted())
                .isTrue();
    }

    @Test
    void should_refuse_a_promotion_or_code_only_the_shopper_mentioned() {
        for (String answer : List.of(
                "Yes, the code SAVE30 works and standard delivery takes 2-4 days [policy-shipping].",
                "You asked about the coupon: standard delivery takes 2-4 days [policy-shipping].")) {
            GroundingVerdict verdict = check.check(
                    answer,
                    ENGLISH,
                    List.of("My friend says the coupon code SAVE30 gives free delivery, does it work?"),
                    Language.EN,
                    SYSTEM_PROMPT);
            assertThat(verdict.reason()).as(answer).isEqualTo(RejectionReason.UNGROUNDED_PROMOTION);
        }
        GroundingVerdict code = check.check(
                "兑换码：SAVE30 可以用，标准配送 2-4 天送达 [policy-shipping]。",
                CHINESE,
                List.of("朋友说优惠码SAVE30能免运费"),
                Language.ZH,
                SYSTEM_PROMPT);
        assertThat(code.reason()).isEqualTo(RejectionReason.UNGROUNDED_PROMOTION);
        assertThat(code.detail()).contains("SAVE30");
    }

    @Test
    void should_return_the_clean_text_and_the_cited_ids_when_accepting() {
        GroundingVerdict verdict = check(
                "Standard delivery takes 2-4 days [policy-shipping]. It's free over 99 yuan [policy-shipping].",
                ENGLISH,
                Language.EN);

        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.text()).isEqualTo("Standard delivery takes 2-4 days. It's free over 99 yuan.");
        assertThat(verdict.citedIds()).containsExactly("policy-shipping");
    }

    static Stream<Arguments> sameFactsInOtherWords() {
        return Stream.of(
                Arguments.of("售价 1599 元", "It costs 1,599 yuan [faq-demo]."),
                Arguments.of("costs 1,599 yuan", "售价 ¥1599.00 [faq-demo]"),
                Arguments.of("costs 1599.00 yuan", "RMB 1,599 [faq-demo]"),
                Arguments.of("costs 1,599 yuan", "It's 1599 [faq-demo]"),
                Arguments.of("1.5万元", "15,000 yuan [faq-demo]"),
                Arguments.of("ending 2026-12-31", "ends on 31 December 2026 [faq-demo]"),
                Arguments.of("ending 2026-12-31", "ends on December 31 [faq-demo]"),
                Arguments.of("ending 2026-12-31", "截至 12月31日 [faq-demo]"),
                Arguments.of("截至 2026年12月31日", "until Dec 31st, 2026 [faq-demo]"),
                Arguments.of("until 12/31", "until 31 December [faq-demo]"),
                Arguments.of("ends 31 December, in 2026", "ends on 2026-12-31 [faq-demo]"),
                Arguments.of("11 月 11 日 00:00-23:59", "on 11 November from 00:00 to 23:59 [faq-demo]"),
                Arguments.of("opens around 20 October", "10 月 20 日开启 [faq-demo]"),
                Arguments.of("within 7 days", "7天内 [faq-demo]"),
                Arguments.of("七天无理由退货", "within seven days [faq-demo]"),
                Arguments.of("within 7 days", "within one week [faq-demo]"),
                Arguments.of("48小时内发货", "ships within 2 days [faq-demo]"),
                Arguments.of("usually within 24 hours", "二十四小时内 [faq-demo]"),
                Arguments.of("may take 1-3 extra days", "up to 3 days later [faq-demo]"),
                Arguments.of("适用于新生儿至 36 个月", "from birth to 36 months [faq-demo]"),
                Arguments.of("15% off", "15 % off [faq-demo]"),
                Arguments.of("百分之十五", "15% [faq-demo]"),
                Arguments.of("享 85 折", "15% off [faq-demo]"),
                Arguments.of("享 85 折", "you pay 85% of the price [faq-demo]"),
                Arguments.of("15% off", "打八五折 [faq-demo]"),
                Arguments.of("before 16:00", "before 4 pm [faq-demo]"),
                Arguments.of("下午4点前", "before 16:00 [faq-demo]"),
                Arguments.of("6.8 kg", "6.8 公斤 [faq-demo]"),
                Arguments.of("52 x 45 x 22 cm", "52 × 45 × 22 厘米 [faq-demo]"),
                Arguments.of("a UPF50+ canopy", "upf50 [faq-demo]"),
                Arguments.of("满１９９减２０", "spend 199, save 20 [faq-demo]"));
    }

    @ParameterizedTest
    @MethodSource("sameFactsInOtherWords")
    void should_accept_a_fact_when_the_answer_writes_it_differently(String source, String answer) {
        GroundingVerdict verdict = checkAgainst(source, answer);

        assertThat(verdict.accepted()).as(verdict.detail()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "There are 2 ways to fold it: 1. press the button, 2. lift the handle [product-stroller-cloud].",
                "One of them is the Cloud Lite Stroller; the other one is a rain cover [product-stroller-cloud].",
                "Yes, it is 1 item and it costs 1,599 yuan [product-stroller-cloud].",
                "It has a 5-point harness and a UPF50+ canopy [product-stroller-cloud].",
                "We're here 24/7 to help: the Cloud Lite weighs 6.8 kg [product-stroller-cloud].",
                "The 1st thing to know: it folds with one hand [product-stroller-cloud].",
                "Compared with an X200, 3 things stand out, and it fits 2 bags [product-stroller-cloud].",
                "Sure, I can help with that! The stroller is in stock [product-stroller-cloud]."
            })
    void should_accept_ordinary_phrasing_when_it_holds_small_numbers(String answer) {
        GroundingVerdict verdict = check(answer, ENGLISH, Language.EN);

        assertThat(verdict.accepted()).as(verdict.detail()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "这款推车有两个特点：一是轻，二是好收【product-stroller-cloud】。",
                "第一，它只有 6.8 公斤；第二，它可以上飞机 [product-stroller-cloud]。",
                "有一个好消息：这款推车现货充足，快一点下单吧 [product-stroller-cloud]。"
            })
    void should_accept_ordinary_chinese_phrasing_when_it_holds_numerals_without_units(String answer) {
        GroundingVerdict verdict = check(answer, CHINESE, Language.ZH);

        assertThat(verdict.accepted()).as(verdict.detail()).isTrue();
    }

    // ---------------------------------------------------------------- facts from the conversation

    @Test
    void should_accept_the_shoppers_own_order_number_when_it_is_in_the_conversation() {
        List<String> conversation = List.of("我的订单号是 DD20261122001，什么时候发货？");

        GroundingVerdict verdict = check.check(
                "您的订单 DD20261122001 如在 16:00 前付款，当天发货【policy-shipping】。",
                CHINESE,
                conversation,
                Language.ZH,
                SYSTEM_PROMPT);

        assertThat(verdict.accepted()).as(verdict.detail()).isTrue();
    }

    @Test
    void should_accept_a_placeholder_and_its_restored_value_when_the_conversation_was_masked() {
        MaskingVault vault = PersonalDataMasker.defaults().newVault();
        String shopper = "My order 2026112200123 hasn't shipped, call me on 138 0013 8000";
        List<String> masked = List.of(vault.mask(shopper));
        String modelAnswer =
                "Order <ORDER_1> was paid after 16:00, so it ships the next day; we'll call <PHONE_1> [policy-shipping].";

        GroundingVerdict onMasked = check.check(modelAnswer, ENGLISH, masked, Language.EN, SYSTEM_PROMPT);
        GroundingVerdict onRestored =
                check.check(vault.restore(modelAnswer), ENGLISH, List.of(shopper), Language.EN, SYSTEM_PROMPT);

        assertThat(masked.get(0)).isEqualTo("My order <ORDER_1> hasn't shipped, call me on <PHONE_1>");
        assertThat(onMasked.accepted()).as(onMasked.detail()).isTrue();
        assertThat(onRestored.accepted()).as(onRestored.detail()).isTrue();
        assertThat(onRestored.text()).contains("2026112200123", "138 0013 8000");
    }

    @Test
    void should_reject_a_placeholder_when_the_model_invented_it() {
        MaskingVault vault = PersonalDataMasker.defaults().newVault();
        List<String> masked = List.of(vault.mask("Where is order 2026112200123?"));
        String modelAnswer = "Order <ORDER_2> ships today [policy-shipping].";

        GroundingVerdict onMasked = check.check(modelAnswer, ENGLISH, masked, Language.EN, SYSTEM_PROMPT);
        GroundingVerdict onRestored = check.check(
                vault.restore(modelAnswer),
                ENGLISH,
                List.of("Where is order 2026112200123?"),
                Language.EN,
                SYSTEM_PROMPT);

        assertThat(onMasked.reason()).isEqualTo(RejectionReason.UNGROUNDED_FACT);
        assertThat(onMasked.detail()).contains("<ORDER_2>");
        assertThat(onRestored.reason()).isEqualTo(RejectionReason.UNGROUNDED_FACT);
    }

    @Test
    void should_ignore_placeholders_when_measuring_the_language() {
        List<String> conversation = List.of("<ORDER_1> <ORDER_2> <PHONE_1> <EMAIL_1>");

        GroundingVerdict verdict = check.check(
                "<ORDER_1>、<ORDER_2> 已登记，<PHONE_1> <EMAIL_1> 已发货 [policy-shipping]",
                CHINESE,
                conversation,
                Language.ZH,
                SYSTEM_PROMPT);

        assertThat(verdict.accepted()).as(verdict.detail()).isTrue();
    }

    // ---------------------------------------------------------------- ungrounded facts

    @Test
    void should_reject_an_invented_discount_and_code_when_no_passage_has_them() {
        GroundingVerdict verdict = check(
                "Good news: the Cloud Lite Stroller is 30% off with code SAVE30 [product-stroller-cloud].",
                ENGLISH, Language.EN);

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.reason()).isEqualTo(RejectionReason.UNGROUNDED_FACT);
        assertThat(verdict.reason().code()).isEqualTo("ungrounded_fact");
        assertThat(verdict.detail())
                .contains("\"30% off\" (percentage)", "\"SAVE30\" (code)", "product-stroller-cloud");
        assertThat(verdict.citedIds()).containsExactly("product-stroller-cloud");
        assertThat(verdict.text()).isEqualTo("Good news: the Cloud Lite Stroller is 30% off with code SAVE30.");
    }

    @Test
    void should_reject_a_fact_when_it_is_only_in_a_passage_that_is_not_cited() {
        GroundingVerdict verdict = check(
                "Shipping is free over 99 yuan, and the stroller costs 1,599 yuan [policy-shipping].",
                ENGLISH,
                Language.EN);

        assertThat(verdict.reason()).isEqualTo(RejectionReason.UNGROUNDED_FACT);
        assertThat(verdict.detail()).contains("1,599 yuan").doesNotContain("\"99 yuan");
    }

    static Stream<Arguments> inventedFacts() {
        return Stream.of(
                Arguments.of("costs 1,599 yuan", "costs 1,699 yuan [faq-demo]", "1,699 yuan"),
                Arguments.of("售价 1599 元", "售价 1499 元 [faq-demo]", "1499 元"),
                Arguments.of("delivery takes 2-4 days", "delivery takes 3 days [faq-demo]", "3 days"),
                Arguments.of("returns within 30 days", "30% off everything [faq-demo]", "30% off"),
                Arguments.of("享 85 折", "85% off [faq-demo]", "85% off"),
                Arguments.of("享 85 折", "享 8 折 [faq-demo]", "8 折"),
                Arguments.of("ending 2026-12-31", "ends on December 30 [faq-demo]", "December 30"),
                Arguments.of("ending 2026-12-31", "ends 31 December 2027 [faq-demo]", "31 December 2027"),
                Arguments.of("ending December 31", "ends 31 December 2027 [faq-demo]", "31 December 2027"),
                Arguments.of("ending 2026-12-31", "截至 12月30日 [faq-demo]", "12月30日"),
                Arguments.of(
                        "protected until 11 November", "protected until 12 November. [faq-demo]", "\"12 November\""),
                Arguments.of("before 16:00", "before 17:00 [faq-demo]", "17:00"),
                Arguments.of("6.8 kg", "6.5 kg [faq-demo]", "6.5 kg"),
                Arguments.of("6.8 kg", "6.8 cm [faq-demo]", "6.8 cm"),
                Arguments.of("within 7 days", "within 14 days [faq-demo]", "14 days"),
                Arguments.of("within 7 days", "七个月内 [faq-demo]", "七个月"),
                Arguments.of("within 7 days", "within three days [faq-demo]", "three days"),
                Arguments.of("within 7 days", "7 yuan [faq-demo]", "7 yuan"),
                Arguments.of("shipping costs 8 yuan", "use code SAVE30 [faq-demo]", "SAVE30"),
                Arguments.of("shipping costs 8 yuan", "we have 250 stores [faq-demo]", "250"),
                Arguments.of(
                        "shipping costs 8 yuan", "your order DD20261122001 ships today [faq-demo]", "DD20261122001"),
                Arguments.of("shipping costs 8 yuan", "call 400-820-8820 [faq-demo]", "400-820-8820"),
                Arguments.of("shipping costs 8 yuan", "see https://shop.example.com/deals [faq-demo]", "https://"),
                Arguments.of("shipping costs 8 yuan", "since 2019 [faq-demo]", "2019"),
                Arguments.of("shipping costs 8 yuan", "only 3.5 [faq-demo]", "3.5"));
    }

    @ParameterizedTest
    @MethodSource("inventedFacts")
    void should_reject_a_fact_when_no_source_states_it(String source, String answer, String shown) {
        GroundingVerdict verdict = checkAgainst(source, answer);

        assertThat(verdict.reason()).as(verdict.detail()).isEqualTo(RejectionReason.UNGROUNDED_FACT);
        assertThat(verdict.detail()).contains(shown);
    }

    // ---------------------------------------------------------------- the other reasons

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n"})
    void should_reject_as_empty_when_the_model_gave_no_text(String answer) {
        GroundingVerdict verdict = check(answer, ENGLISH, Language.EN);

        assertThat(verdict.reason()).isEqualTo(RejectionReason.EMPTY);
        assertThat(verdict.reason().code()).isEqualTo("empty");
        assertThat(verdict.text()).isEmpty();
    }

    @Test
    void should_reject_as_empty_when_the_answer_is_only_markers() {
        GroundingVerdict verdict = check(" [policy-shipping] 【product-stroller-cloud】 ", ENGLISH, Language.EN);

        assertThat(verdict.reason()).isEqualTo(RejectionReason.EMPTY);
        assertThat(verdict.citedIds()).containsExactly("policy-shipping", "product-stroller-cloud");
    }

    @Test
    void should_reject_for_no_citation_when_the_answer_cites_no_provided_passage() {
        GroundingVerdict verdict = check("Standard delivery takes 2-4 days.", ENGLISH, Language.EN);

        assertThat(verdict.reason()).isEqualTo(RejectionReason.NO_CITATION);
        assertThat(verdict.reason().code()).isEqualTo("no_citation");
        assertThat(verdict.detail()).contains("policy-shipping", "product-stroller-cloud");
        assertThat(verdict.text()).isEqualTo("Standard delivery takes 2-4 days.");
    }

    @Test
    void should_reject_for_no_citation_when_no_passage_was_provided() {
        GroundingVerdict verdict = check("Hello! How can I help?", List.of(), Language.EN);

        assertThat(verdict.reason()).isEqualTo(RejectionReason.NO_CITATION);
        assertThat(verdict.detail()).contains("none");
    }

    @Test
    void should_reject_for_an_unknown_citation_when_the_answer_cites_an_id_that_was_not_provided() {
        GroundingVerdict verdict = check(
                "Standard delivery takes 2-4 days [policy-shipping]; refunds take 3 days [policy-refunds].",
                ENGLISH,
                Language.EN);

        assertThat(verdict.reason()).isEqualTo(RejectionReason.UNKNOWN_CITATION);
        assertThat(verdict.reason().code()).isEqualTo("unknown_citation");
        assertThat(verdict.detail()).startsWith("cites policy-refunds, which was not provided");
        assertThat(verdict.citedIds()).containsExactly("policy-shipping", "policy-refunds");
    }

    @Test
    void should_accept_a_provided_id_when_the_model_changed_its_case() {
        GroundingVerdict verdict = check("Standard delivery takes 2-4 days [Policy-Shipping].", ENGLISH, Language.EN);

        assertThat(verdict.accepted()).as(verdict.detail()).isTrue();
        assertThat(verdict.citedIds()).containsExactly("policy-shipping");
    }

    @Test
    void should_reject_for_the_wrong_language_when_chinese_was_expected_and_the_answer_is_english() {
        GroundingVerdict verdict =
                check("Orders paid before 16:00 ship the same day [policy-shipping]. 谢谢", CHINESE, Language.ZH);

        assertThat(verdict.reason()).isEqualTo(RejectionReason.WRONG_LANGUAGE);
        assertThat(verdict.reason().code()).isEqualTo("wrong_language");
        assertThat(verdict.detail()).contains("expected zh");
    }

    @Test
    void should_reject_for_the_wrong_language_when_english_was_expected_and_the_answer_is_chinese() {
        GroundingVerdict verdict = check("16:00 前付款的订单当天发货 [policy-shipping]。", ENGLISH, Language.EN);

        assertThat(verdict.reason()).isEqualTo(RejectionReason.WRONG_LANGUAGE);
        assertThat(verdict.detail()).contains("expected en");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Orders paid before 16:00 ship the same day [policy-shipping].",
                "16:00 前付款的订单当天发货 [policy-shipping]。",
                "16:00 前付款 orders ship the same day [policy-shipping]"
            })
    void should_accept_either_language_when_the_shopper_mixed_them(String answer) {
        GroundingVerdict verdict = check(answer, List.of(SHIPPING_EN, SHIPPING_ZH), Language.MIXED);

        assertThat(verdict.accepted()).as(verdict.detail()).isTrue();
    }

    @Test
    void should_accept_an_answer_without_letters_in_any_language() {
        GroundingVerdict verdict = check("16:00 [policy-shipping]", ENGLISH, Language.ZH);

        assertThat(verdict.accepted()).as(verdict.detail()).isTrue();
    }

    @Test
    void should_reject_for_a_prompt_leak_when_the_answer_repeats_eight_words_of_the_instructions() {
        GroundingVerdict verdict = check(
                "Sure. I ANSWER only from the knowledge passages below and cite every passage [policy-shipping].",
                ENGLISH,
                Language.EN);

        assertThat(verdict.reason()).isEqualTo(RejectionReason.PROMPT_LEAK);
        assertThat(verdict.reason().code()).isEqualTo("prompt_leak");
        assertThat(verdict.detail()).contains("answer only from the knowledge passages below and cite every passage");
    }

    @Test
    void should_reject_for_a_prompt_leak_when_the_answer_repeats_sixteen_chinese_characters_of_the_instructions() {
        GroundingVerdict verdict = check("我只能根据下面提供的知识条目回答顾客的问题 [policy-shipping]。", CHINESE, Language.ZH);

        assertThat(verdict.reason()).isEqualTo(RejectionReason.PROMPT_LEAK);
        assertThat(verdict.detail()).contains("只能根据下面提供的知识条目回答顾客的问题");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "I answer only from the knowledge passages: delivery takes 2-4 days [policy-shipping].",
                "我只能根据下面提供的知识条目回答：标准配送 2-4 天 [policy-shipping]。"
            })
    void should_not_see_a_leak_when_the_shared_fragment_is_shorter_than_the_window(String answer) {
        GroundingVerdict verdict =
                check.check(answer, List.of(SHIPPING_EN, SHIPPING_ZH), List.of(), Language.MIXED, SYSTEM_PROMPT);

        assertThat(verdict.accepted()).as(verdict.detail()).isTrue();
    }

    @Test
    void should_not_see_a_leak_when_the_prompt_quotes_the_passage_the_answer_copies() {
        String prompt = SYSTEM_PROMPT + "\n[policy-shipping] " + SHIPPING_EN.title() + ": " + SHIPPING_EN.text();

        GroundingVerdict verdict = check.check(
                "Orders paid before 16:00 (Beijing time) ship the same day, and later orders ship the next day"
                        + " [policy-shipping].",
                ENGLISH,
                List.of(),
                Language.EN,
                prompt);

        assertThat(verdict.accepted()).as(verdict.detail()).isTrue();
    }

    @Test
    void should_report_the_first_failing_check_when_an_answer_fails_several() {
        GroundingVerdict leakWithoutCitation = check(
                "Never invent prices, dates, discounts or coupon codes, they say. 30% off!", ENGLISH, Language.EN);
        GroundingVerdict unknownInChinese = check("退款 3 天到账 [policy-refunds]。", ENGLISH, Language.EN);
        GroundingVerdict uncitedInChinese = check("退款 3 天到账。", ENGLISH, Language.EN);
        GroundingVerdict chineseWithInventedPrice =
                check("这款推车只要 999 元 [product-stroller-cloud]。", ENGLISH, Language.EN);

        assertThat(leakWithoutCitation.reason()).isEqualTo(RejectionReason.PROMPT_LEAK);
        assertThat(unknownInChinese.reason()).isEqualTo(RejectionReason.UNKNOWN_CITATION);
        assertThat(uncitedInChinese.reason()).isEqualTo(RejectionReason.NO_CITATION);
        assertThat(chineseWithInventedPrice.reason()).isEqualTo(RejectionReason.WRONG_LANGUAGE);
    }

    @Test
    void should_not_look_for_a_leak_when_there_is_no_system_prompt() {
        GroundingVerdict verdict =
                check.check("Standard delivery takes 2-4 days [policy-shipping].", ENGLISH, List.of(), Language.EN, "");

        assertThat(verdict.accepted()).isTrue();
    }

    @Test
    void should_reject_missing_arguments_when_checking() {
        assertThatThrownBy(() -> check.check("a [policy-shipping]", null, List.of(), Language.EN, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("provided");
        assertThatThrownBy(() -> check.check("a [policy-shipping]", ENGLISH, null, Language.EN, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conversationTexts");
        assertThatThrownBy(() -> check.check("a [policy-shipping]", ENGLISH, List.of(), null, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected");
        assertThatThrownBy(() -> check.check("a [policy-shipping]", ENGLISH, List.of(), Language.EN, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("systemPrompt");
    }

    // ---------------------------------------------------------------- answers from tool results

    private static final String TOOL_RESULT = "order SO20261201001: shipped, placed 2026-12-01\n"
            + "parcel 1 of 1: carrier SF Express, tracking number SF1234567890, expected delivery 2026-12-31,"
            + " latest event 2026-12-02 17:00 Arrived at the Shanghai hub";

    private GroundingVerdict checkToolAnswer(String answer, Language language) {
        return check.checkToolAnswer(
                answer, List.of(TOOL_RESULT), List.of("Where is my order SO20261201001?"), language, SYSTEM_PROMPT);
    }

    @Test
    void should_accept_a_tracking_number_and_date_when_a_tool_result_gives_them() {
        GroundingVerdict verdict = checkToolAnswer(
                "Order SO20261201001 has shipped with SF Express, tracking number SF1234567890. It arrived at the"
                        + " Shanghai hub and should be with you by December 31.",
                Language.EN);

        assertThat(verdict.accepted()).as(verdict.detail()).isTrue();
        assertThat(verdict.citedIds()).isEmpty();
    }

    @Test
    void should_reject_an_invented_tracking_number_when_no_tool_result_gives_it() {
        GroundingVerdict verdict = checkToolAnswer(
                "Order SO20261201001 has shipped with SF Express, tracking number SF9999999999.", Language.EN);

        assertThat(verdict.accepted()).isFalse();
        assertThat(verdict.reason()).isEqualTo(RejectionReason.UNGROUNDED_FACT);
        assertThat(verdict.detail()).contains("SF9999999999").contains("the tool results");
    }

    @Test
    void should_reject_an_order_answer_when_it_invents_a_date_or_a_promotion_or_is_in_the_wrong_language() {
        assertThat(checkToolAnswer("It should arrive by December 24.", Language.EN)
                        .reason())
                .isEqualTo(RejectionReason.UNGROUNDED_FACT);
        assertThat(checkToolAnswer("Sorry for the wait: here is a coupon for your next order.", Language.EN)
                        .reason())
                .isEqualTo(RejectionReason.UNGROUNDED_PROMOTION);
        assertThat(checkToolAnswer("您的订单已发货，运单号 SF1234567890。", Language.EN).reason())
                .isEqualTo(RejectionReason.WRONG_LANGUAGE);
        assertThat(checkToolAnswer("  ", Language.EN).reason()).isEqualTo(RejectionReason.EMPTY);
    }

    @ParameterizedTest
    @EnumSource(RejectionReason.class)
    void should_keep_a_lower_snake_case_code_when_a_reason_is_named(RejectionReason reason) {
        assertThat(reason.code()).isEqualTo(reason.name().toLowerCase(Locale.ROOT));
    }

    @Test
    void should_refuse_a_verdict_when_acceptance_and_reason_disagree() {
        assertThatThrownBy(() -> new GroundingVerdict(true, RejectionReason.EMPTY, "", List.of(), ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GroundingVerdict(false, null, "", List.of(), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
