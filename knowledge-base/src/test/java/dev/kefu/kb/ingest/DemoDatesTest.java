package dev.kefu.kb.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoDatesTest {
    private static final Instant TODAY = Instant.parse("2026-12-06T02:00:00Z"); // 10:00 in the store

    private static Map<String, KnowledgeEntry> byId(List<KnowledgeEntry> entries) {
        return entries.stream().collect(Collectors.toMap(KnowledgeEntry::id, Function.identity()));
    }

    @Test
    void should_run_every_dated_demo_promotion_today_ending_within_five_weeks() {
        List<KnowledgeEntry> moved =
                DemoDates.relativeTo(JsonlEntryReader.readDemoStore(), Clock.fixed(TODAY, ZoneOffset.UTC));
        List<KnowledgeEntry> promotions =
                moved.stream().filter(e -> e.type() == EntryType.PROMOTION).toList();
        assertThat(promotions).isNotEmpty();
        for (KnowledgeEntry promotion : promotions) {
            String starts = promotion.attributes().get("starts");
            String ends = promotion.attributes().get("ends");
            if (ends == null) {
                continue; // an offer with no end (the new member coupons)
            }
            Instant end = OffsetDateTime.parse(ends).toInstant();
            assertThat(OffsetDateTime.parse(starts).toInstant())
                    .as(promotion.id())
                    .isBefore(TODAY);
            assertThat(end).as(promotion.id()).isAfter(TODAY).isBefore(TODAY.plus(Duration.ofDays(35)));
        }
    }

    @Test
    void should_move_the_dates_named_in_the_texts_with_the_attributes() {
        Map<String, KnowledgeEntry> written = byId(JsonlEntryReader.readDemoStore());
        Map<String, KnowledgeEntry> moved =
                byId(DemoDates.relativeTo(List.copyOf(written.values()), Clock.fixed(TODAY, ZoneOffset.UTC)));
        KnowledgeEntry bundle = moved.get("promotion-x200-bundle");
        // written for 2027-01-01, ending 2027-01-15: 26 days earlier on 2026-12-06
        assertThat(bundle.attributes()).containsEntry("ends", "2026-12-20T23:59:59+08:00");
        assertThat(bundle.body()).contains("until 2026-12-20").doesNotContain("2027-01-15");
        assertThat(bundle.i18n().get("zh").body()).contains("2026-12-20").doesNotContain("2027-01-15");
        // everything else is as written
        assertThat(moved.get("product-x200")).isEqualTo(written.get("product-x200"));
        // on the day they were written for, nothing moves
        Instant writtenFor =
                DemoDates.WRITTEN_FOR.atStartOfDay(DemoDates.STORE_ZONE).toInstant();
        assertThat(DemoDates.relativeTo(JsonlEntryReader.readDemoStore(), Clock.fixed(writtenFor, ZoneOffset.UTC)))
                .isEqualTo(JsonlEntryReader.readDemoStore());
    }
}
