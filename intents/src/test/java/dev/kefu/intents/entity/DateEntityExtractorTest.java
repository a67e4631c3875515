package dev.kefu.intents.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.Language;
import dev.kefu.intents.text.KefuNormalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DateEntityExtractorTest {
    /** Friday 20 November 2026, 10:00 in Shanghai (ISO week 2026-W47). */
    private static final Clock FRIDAY = Clock.fixed(Instant.parse("2026-11-20T02:00:00Z"), ZoneOffset.UTC);

    private final DateEntityExtractor extractor = new DateEntityExtractor(FRIDAY);
    private final KefuNormalizer normalizer = new KefuNormalizer();

    private List<Entity> extract(String text) {
        return extractor.extract(normalizer.normalize(text), Language.MIXED);
    }

    private List<String> values(String text) {
        return extract(text).stream().map(Entity::value).toList();
    }

    @Test
    void should_read_absolute_english_dates_when_written_in_common_forms() {
        assertThat(values("it arrived 2026-11-11")).containsExactly("2026-11-11");
        assertThat(values("ordered on 2025/12/31")).containsExactly("2025-12-31");
        assertThat(values("bought it on Nov 11")).containsExactly("2026-11-11");
        assertThat(values("November 3rd, 2025 please")).containsExactly("2025-11-03");
        assertThat(values("the 11th of November")).containsExactly("2026-11-11");
        assertThat(values("on 11/11")).containsExactly("2026-11-11");
        assertThat(values("on 25/10")).containsExactly("2026-10-25");
        assertThat(values("on 12/1/2027")).containsExactly("2027-12-01");
    }

    @Test
    void should_take_the_closest_year_when_a_date_has_none() {
        assertThat(values("will it come by Jan 3?")).containsExactly("2027-01-03");
        assertThat(values("I bought it on 6/1")).containsExactly("2026-06-01");
    }

    @Test
    void should_read_chinese_dates_when_written_with_month_and_day() {
        assertThat(values("11月11日买的")).containsExactly("2026-11-11");
        assertThat(values("11月11号下单")).containsExactly("2026-11-11");
        assertThat(values("2026年11月11日的订单")).containsExactly("2026-11-11");
        assertThat(values("十一月十一日")).containsExactly("2026-11-11");
        assertThat(values("6月18买的")).containsExactly("2026-06-18");
    }

    @Test
    void should_resolve_relative_days_against_the_clock_when_words_are_relative() {
        assertThat(values("can it arrive tomorrow?")).containsExactly("2026-11-21");
        assertThat(values("I ordered yesterday")).containsExactly("2026-11-19");
        assertThat(values("today")).containsExactly("2026-11-20");
        assertThat(values("the day after tomorrow")).containsExactly("2026-11-22");
        assertThat(values("明天能到吗")).containsExactly("2026-11-21");
        assertThat(values("昨天买的")).containsExactly("2026-11-19");
        assertThat(values("今天发货吗")).containsExactly("2026-11-20");
        assertThat(values("后天")).containsExactly("2026-11-22");
        assertThat(values("前天下的单")).containsExactly("2026-11-18");
        assertThat(values("大后天")).containsExactly("2026-11-23");
    }

    @Test
    void should_resolve_weekdays_in_calendar_weeks_when_prefixed_by_next_last_or_this() {
        assertThat(values("next Monday")).containsExactly("2026-11-23");
        assertThat(values("this friday")).containsExactly("2026-11-20");
        assertThat(values("last Sunday")).containsExactly("2026-11-15");
        assertThat(values("下周一能到吗")).containsExactly("2026-11-23");
        assertThat(values("下星期三")).containsExactly("2026-11-25");
        assertThat(values("上周日买的")).containsExactly("2026-11-15");
        assertThat(values("这周五")).containsExactly("2026-11-20");
    }

    @Test
    void should_give_iso_week_or_month_when_a_whole_period_is_meant() {
        assertThat(values("I ordered last week")).containsExactly("2026-W46");
        assertThat(values("next week")).containsExactly("2026-W48");
        assertThat(values("上周买的")).containsExactly("2026-W46");
        assertThat(values("下个月")).containsExactly("2026-12");
        assertThat(values("last month")).containsExactly("2026-10");
    }

    @Test
    void should_map_shopping_festivals_to_their_dates_when_named() {
        assertThat(values("双十一买的")).containsExactly("2026-11-11");
        assertThat(values("双11的优惠")).containsExactly("2026-11-11");
        assertThat(values("双十二有活动吗")).containsExactly("2026-12-12");
        assertThat(values("618活动还有吗")).containsExactly("2026-06-18");
        assertThat(values("大促618")).containsExactly("2026-06-18");
        assertThat(values("6.18 买的")).containsExactly("2026-06-18");
    }

    @Test
    void should_not_read_a_date_when_numbers_only_look_like_one() {
        assertThat(extract("I need 618 pieces")).isEmpty();
        assertThat(extract("24/7 support")).isEmpty();
        assertThat(extract("2026")).isEmpty();
        assertThat(extract("on 2/30")).isEmpty();
        assertThat(extract("Monday")).isEmpty();
        assertThat(extract("线上周年庆")).isEmpty();
        assertThat(extract("查一下周一")).isEmpty();
        assertThat(extract("3 days")).isEmpty();
    }

    @Test
    void should_cover_the_whole_mention_when_reporting_a_span() {
        assertThat(extract("bought on nov 11?"))
                .extracting(Entity::type, Entity::start, Entity::end)
                .containsExactly(tuple("date", 10, 16));
    }

    @Test
    void should_decide_today_in_the_given_zone_when_utc_is_still_yesterday() {
        Clock lateEvening = Clock.fixed(Instant.parse("2026-11-19T20:00:00Z"), ZoneOffset.UTC);
        assertThat(new DateEntityExtractor(lateEvening).extract("today", Language.EN))
                .extracting(Entity::value)
                .containsExactly("2026-11-20");
        assertThat(new DateEntityExtractor(lateEvening, ZoneId.of("UTC")).extract("today", Language.EN))
                .extracting(Entity::value)
                .containsExactly("2026-11-19");
    }

    @Test
    void should_reject_null_arguments_when_constructed_or_called() {
        assertThatThrownBy(() -> new DateEntityExtractor(null, ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clock");
        assertThatThrownBy(() -> extractor.extract(null, Language.EN)).isInstanceOf(IllegalArgumentException.class);
    }
}
