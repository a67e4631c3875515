package dev.kefu.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.text.CalendarDate.Form;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "it arrived 2026-11-11|2026-11-11|YEAR_MONTH_DAY",
                "ordered on 2025/12/31|2025-12-31|YEAR_MONTH_DAY",
                "活动截至 2026年12月31日|2026-12-31|YEAR_MONTH_DAY",
                "11月11日买的|11-11|CHINESE",
                "11 月 11 日 00:00|11-11|CHINESE",
                "12月3号发货|12-03|CHINESE",
                "6月18买的|06-18|CHINESE",
                "十一月十一日|11-11|CHINESE",
                "bought it on Nov 11|11-11|MONTH_NAME",
                "bought on nov 11?|11-11|MONTH_NAME",
                "November 3rd, 2025 please|2025-11-03|MONTH_NAME",
                "until Dec 31st, 2026|2026-12-31|MONTH_NAME",
                "the 11th of November|11-11|MONTH_NAME",
                "ends 31 December 2027|2027-12-31|MONTH_NAME",
                "on 11/11|11-11|SLASH",
                "on 25/10|10-25|SLASH",
                "on 12/1/2027|2027-12-01|SLASH",
                "until 12/31/26|2026-12-31|SLASH",
                "on 2/30|02-30|SLASH"
            })
    void should_read_a_date_when_written_in_a_common_form(String text, String value, Form form) {
        List<CalendarDate> dates = Dates.find(text);

        assertThat(dates)
                .extracting(CalendarDate::value, CalendarDate::form)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(value, form));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "24/7 support",
                "7/24 客服",
                "2026",
                "I need 618 pieces",
                "3 days",
                "May 5pm",
                "Dec 12:30",
                "on 13/13",
                "36 个月",
                "Monday",
                ""
            })
    void should_find_no_date_when_numbers_only_look_like_one(String text) {
        assertThat(Dates.find(text)).isEmpty();
    }

    @Test
    void should_cover_the_whole_mention_and_keep_forms_apart_when_a_text_has_several() {
        String text = "ordered 2026-11-11, arrives Nov 20 or 11/25";

        List<CalendarDate> dates = Dates.find(text);

        assertThat(dates)
                .extracting(d -> text.substring(d.start(), d.end()))
                .containsExactly("2026-11-11", "Nov 20", "11/25");
        assertThat(dates).extracting(CalendarDate::hasYear).containsExactly(true, false, false);
    }
}
