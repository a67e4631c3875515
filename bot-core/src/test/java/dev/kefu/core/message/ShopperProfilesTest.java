package dev.kefu.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShopperProfilesTest {
    private final ShopperProfiles store = id -> id.equals("u-1") ? Set.of("no_marketing", "vip_gold") : Set.of();

    @Test
    void should_add_the_store_s_tags_to_a_verified_shopper_only() {
        assertThat(store.enrich(new ShopperContext("u-1", Set.of("mother_baby"), true))
                        .tags())
                .containsExactlyInAnyOrder("no_marketing", "vip_gold", "mother_baby");
        ShopperContext hint = new ShopperContext("u-1", Set.of("mother_baby"), false);
        assertThat(store.enrich(hint)).as("an unsigned id finds nothing").isEqualTo(hint);
        assertThat(store.enrich(ShopperContext.anonymous())).isEqualTo(ShopperContext.anonymous());
    }

    @Test
    void should_never_let_a_full_set_of_message_tags_crowd_out_the_store_s() {
        Set<String> fifty = new LinkedHashSet<>();
        IntStream.range(0, ShopperContext.MAX_TAGS).forEach(i -> fifty.add("filler-" + i));
        ShopperContext enriched = store.enrich(new ShopperContext("u-1", fifty, true));
        assertThat(enriched.tags()).hasSize(ShopperContext.MAX_TAGS).contains("no_marketing", "vip_gold");
        assertThat(enriched.verified()).isTrue();
    }
}
