package dev.kefu.core.compose.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CitationMarkersTest {

    static Stream<Arguments> markedAnswers() {
        return Stream.of(
                Arguments.of(
                        "Standard delivery takes 2-4 days [policy-shipping].",
                        "Standard delivery takes 2-4 days.",
                        List.of("policy-shipping")),
                Arguments.of(
                        "[policy-shipping] Orders paid before 16:00 ship the same day.",
                        "Orders paid before 16:00 ship the same day.",
                        List.of("policy-shipping")),
                Arguments.of(
                        "It costs 1,599 yuan [product-stroller-cloud] and is 15% off [promotion-mother-baby-week].",
                        "It costs 1,599 yuan and is 15% off.",
                        List.of("product-stroller-cloud", "promotion-mother-baby-week")),
                Arguments.of(
                        "It costs 1,599 yuan [product-stroller-cloud][promotion-mother-baby-week], in stock.",
                        "It costs 1,599 yuan, in stock.",
                        List.of("product-stroller-cloud", "promotion-mother-baby-week")),
                Arguments.of(
                        "It costs 1,599 yuan [product-stroller-cloud, promotion-mother-baby-week] and is in stock.",
                        "It costs 1,599 yuan and is in stock.",
                        List.of("product-stroller-cloud", "promotion-mother-baby-week")),
                Arguments.of(
                        "Sources: [policy-shipping], [faq-track-package]\nAnything else?",
                        "Sources:\nAnything else?",
                        List.of("policy-shipping", "faq-track-package")),
                Arguments.of(
                        "It costs 1,599 yuan ([product-stroller-cloud]).",
                        "It costs 1,599 yuan.",
                        List.of("product-stroller-cloud")),
                Arguments.of(
                        "Delivery takes 2-4 days. [policy-shipping].",
                        "Delivery takes 2-4 days.",
                        List.of("policy-shipping")),
                Arguments.of(
                        "Delivery takes 2-4 days [policy-shipping] , and it is free over 99 yuan [policy-shipping] !",
                        "Delivery takes 2-4 days, and it is free over 99 yuan!",
                        List.of("policy-shipping")),
                Arguments.of(
                        "First line [policy-shipping]\nSecond line [policy-returns]",
                        "First line\nSecond line",
                        List.of("policy-shipping", "policy-returns")),
                Arguments.of(
                        "标准配送 2-4 天送达 [policy-shipping]。满 99 元包邮【policy-shipping】",
                        "标准配送 2-4 天送达。满 99 元包邮",
                        List.of("policy-shipping")),
                Arguments.of(
                        "云巢推车 [product-stroller-cloud] 很轻，只有 6.8 公斤【product-stroller-cloud、promotion-mother-baby-week】。",
                        "云巢推车很轻，只有 6.8 公斤。",
                        List.of("product-stroller-cloud", "promotion-mother-baby-week")),
                Arguments.of(
                        "母婴周享 85 折（[promotion-mother-baby-week]），截至 12 月 31 日。",
                        "母婴周享 85 折，截至 12 月 31 日。",
                        List.of("promotion-mother-baby-week")),
                Arguments.of(
                        "Cloud Lite [product-stroller-cloud] 推车售价 1599 元。",
                        "Cloud Lite 推车售价 1599 元。",
                        List.of("product-stroller-cloud")),
                Arguments.of("No markers here.", "No markers here.", List.of()));
    }

    @ParameterizedTest
    @MethodSource("markedAnswers")
    void should_remove_markers_and_tidy_the_text_when_the_answer_cites(String answer, String text, List<String> ids) {
        CitationMarkers.Parsed parsed = CitationMarkers.parse(answer);

        assertThat(parsed.text()).isEqualTo(text);
        assertThat(parsed.ids()).containsExactlyElementsOf(ids);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "He said it was fine [sic].",
                "Delivery [2-4 days] is fast.",
                "See [Note] below.",
                "Your phone [PHONE_1] and order <ORDER_1> are safe.",
                "Ranges like [1-3] stay.",
                "An upper-case id [Policy-Shipping] is no marker without known ids.",
                "A bracket with a word and an id [see policy-shipping] stays.",
                "Empty [] and spaced [ ] brackets stay."
            })
    void should_leave_brackets_as_text_when_they_do_not_hold_ids(String answer) {
        CitationMarkers.Parsed parsed = CitationMarkers.parse(answer);

        assertThat(parsed.text()).isEqualTo(answer);
        assertThat(parsed.ids()).isEmpty();
    }

    @Test
    void should_report_each_id_once_in_order_of_first_appearance_when_cited_repeatedly() {
        CitationMarkers.Parsed parsed =
                CitationMarkers.parse("A [policy-returns]. B [policy-shipping]. C [policy-returns, policy-shipping].");

        assertThat(parsed.ids()).containsExactly("policy-returns", "policy-shipping");
        assertThat(parsed.text()).isEqualTo("A. B. C.");
    }

    @Test
    void should_accept_known_ids_in_any_case_and_with_any_allowed_characters_when_they_are_given() {
        List<String> known = List.of("FAQ:Returns?", "policy-shipping");

        CitationMarkers.Parsed parsed =
                CitationMarkers.parse("Returns are free [faq:returns?] and fast [POLICY-SHIPPING].", known);

        assertThat(parsed.ids()).containsExactly("FAQ:Returns?", "policy-shipping");
        assertThat(parsed.text()).isEqualTo("Returns are free and fast.");
        assertThat(CitationMarkers.parse("Returns are free [faq:returns?].").ids())
                .isEmpty();
    }

    @Test
    void should_keep_unknown_id_shaped_markers_as_citations_when_known_ids_are_given() {
        CitationMarkers.Parsed parsed =
                CitationMarkers.parse("Refunds take 3 days [policy-refunds].", List.of("policy-shipping"));

        assertThat(parsed.ids()).containsExactly("policy-refunds");
        assertThat(parsed.text()).isEqualTo("Refunds take 3 days.");
    }

    @Test
    void should_leave_an_empty_text_when_the_answer_is_only_markers() {
        CitationMarkers.Parsed parsed = CitationMarkers.parse("  [policy-shipping] [policy-returns]  ");

        assertThat(parsed.text()).isEmpty();
        assertThat(parsed.ids()).containsExactly("policy-shipping", "policy-returns");
    }

    @Test
    void should_reject_a_null_answer_when_parsing() {
        assertThatThrownBy(() -> CitationMarkers.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("answer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy-shipping", "faq_double_eleven", "product-x200-ear-tips", "faq-11.11-sale"})
    void should_take_a_token_for_an_id_when_it_is_lower_case_and_hyphenated(String token) {
        assertThat(CitationMarkers.looksLikeId(token)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sic", "2-4", "Policy-Shipping", "PHONE_1", "-shipping", "shipping-", "a b", "快递-说明"})
    void should_not_take_a_token_for_an_id_when_it_lacks_the_shape(String token) {
        assertThat(CitationMarkers.looksLikeId(token)).isFalse();
    }
}
