package dev.kefu.core.slot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.slot.TagRules.InferredTag;
import dev.kefu.core.slot.experiment.ExperimentLog.StorefrontEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagRulesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final TagRules rules = ScriptLibrary.demo().tagRules();

    private static Conversation said(Instant at, String... texts) {
        Conversation c = Conversation.start("c-1", ShopperContext.anonymous(), at);
        for (String text : texts) {
            c = c.append(Speaker.SHOPPER, text, List.of(), at);
        }
        return c;
    }

    private static StorefrontEvent viewed(Instant at) {
        return new StorefrontEvent("s-1", "product_viewed", "p", null, null, at);
    }

    @Test
    void should_infer_tags_from_keywords_in_either_language_with_their_source_and_expiry() {
        List<InferredTag> tags = rules.infer(
                said(T0, "我想给宝宝买个推车", "Is it a good GIFT for my sister?", "That's too expensive"),
                List.of(),
                T0.plusSeconds(60));

        assertThat(tags).extracting(InferredTag::tag).containsExactly("mother_baby", "gift_buyer", "price_sensitive");
        assertThat(tags.get(0).source()).isEqualTo("keyword:宝宝");
        assertThat(tags.get(0).expiresAt()).isEqualTo(T0.plus(Duration.ofHours(720)));
        assertThat(tags.get(1).source()).isEqualTo("keyword:gift");
    }

    @Test
    void should_let_a_keyword_tag_expire_after_its_ttl() {
        Conversation old = said(T0, "a present for my friend, 送礼");
        assertThat(rules.infer(old, List.of(), T0.plus(Duration.ofHours(167))))
                .extracting(InferredTag::tag)
                .containsExactly("gift_buyer");
        assertThat(rules.infer(old, List.of(), T0.plus(Duration.ofHours(168)))).isEmpty();
    }

    @Test
    void should_tag_multi_product_browsing_only_with_enough_recent_views() {
        Instant now = T0.plus(Duration.ofHours(30));
        List<StorefrontEvent> three = List.of(
                viewed(T0), // more than a day before now: does not count
                viewed(now.minus(Duration.ofHours(5))),
                viewed(now.minus(Duration.ofHours(3))),
                viewed(now.minus(Duration.ofHours(1))));

        List<InferredTag> tags = rules.infer(said(now), three, now);

        assertThat(tags).singleElement().satisfies(tag -> {
            assertThat(tag.tag()).isEqualTo("browsing_multi");
            assertThat(tag.source()).isEqualTo("behaviour:product_viewed x3");
            assertThat(tag.expiresAt())
                    .as("when the oldest of the three leaves the window")
                    .isEqualTo(now.minus(Duration.ofHours(5)).plus(Duration.ofHours(24)));
        });
        assertThat(rules.infer(said(now), three.subList(0, 3), now)).isEmpty();
        assertThat(rules.lookback()).isEqualTo(Duration.ofHours(24));
    }
}
