package dev.kefu.channels.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.slot.experiment.ExperimentLog.Exposure;
import dev.kefu.core.slot.experiment.ExperimentLog.StorefrontEvent;
import dev.kefu.core.slot.experiment.ExperimentStats.Counts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attribution of storefront events to experiment arms, in the embedded database. */
class JdbcExperimentLogTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration WINDOW = Duration.ofHours(72);

    @TempDir
    Path dataDir;

    @Test
    void should_count_each_shopper_once_in_their_first_arm_and_conversions_only_inside_the_window() {
        try (JdbcConversationStore store = JdbcConversationStoreH2Test.open(dataDir)) {
            JdbcExperimentLog log = store.experimentLog();
            log.exposed(new Exposure("exp", "a", "script", "alice", "c-alice", T0));
            log.exposed(new Exposure("exp", "a", "script", "alice", "c-alice", T0.plusSeconds(60))); // again: once
            log.exposed(new Exposure("exp", "b", "script", "bob", "c-bob", T0));
            log.exposed(new Exposure("exp", "holdout", "script", "carol", "c-carol", T0));
            log.exposed(new Exposure("exp", "b", "script", "c-anon", "c-anon", T0)); // anonymous: key = conversation
            log.exposed(new Exposure("other", "a", "script", "dave", "c-dave", T0));

            log.event(new StorefrontEvent("alice", "order_placed", "p-1", 89.0, null, T0.plus(Duration.ofHours(1))));
            log.event(new StorefrontEvent("bob", "order_placed", null, 10.0, null, T0.minusSeconds(1))); // before
            log.event(new StorefrontEvent("bob", "added_to_cart", null, null, null, T0.plus(Duration.ofHours(73))));
            log.event(new StorefrontEvent("carol", "product_viewed", "p-1", null, null, T0.plusSeconds(5))); // no
            log.event(new StorefrontEvent("guest-9", "slot_clicked", null, null, "c-anon", T0.plusSeconds(9)));
            log.event(new StorefrontEvent("dave", "order_placed", null, 1.0, null, T0.plusSeconds(9)));

            Map<String, Counts> counts = log.counts("exp", WINDOW);

            assertThat(counts)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "a", new Counts(1, 1),
                            "b", new Counts(2, 1),
                            "holdout", new Counts(1, 0)));
            assertThat(log.counts("exp", Duration.ofHours(74)).get("b")).isEqualTo(new Counts(2, 2));
            assertThat(log.counts("missing", WINDOW)).isEmpty();

            assertThat(log.events("bob", T0))
                    .extracting(StorefrontEvent::type, StorefrontEvent::amount)
                    .containsExactly(org.assertj.core.api.Assertions.tuple("added_to_cart", null));
            assertThat(log.events("alice", T0.minusSeconds(60))).singleElement().satisfies(e -> {
                assertThat(e.amount()).isEqualTo(89.0);
                assertThat(e.productId()).isEqualTo("p-1");
                assertThat(e.at()).isEqualTo(T0.plus(Duration.ofHours(1)));
            });
        }
    }
}
