package dev.kefu.channels.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.channels.http.ShopperClaim;
import dev.kefu.core.message.ShopperContext;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShopperIdentityTest {
    private final ShopperTokens tokens = new ShopperTokens("unit-test-identity-secret-0123456789", Clock.systemUTC());
    private final ShopperIdentity identity =
            new ShopperIdentity(tokens, Set.of("mother_baby", "gift_buyer", "no_marketing"), 2);

    @Test
    void should_keep_only_self_declarable_browser_tags_for_an_anonymous_shopper_and_the_id_as_a_hint() {
        ShopperContext shopper = identity.resolve(new ShopperClaim(
                null, "u-claimed", new LinkedHashSet<>(java.util.List.of("vip_diamond", "mother_baby"))));
        assertThat(shopper.verified()).isFalse();
        assertThat(shopper.id()).isEqualTo("u-claimed");
        assertThat(shopper.verifiedId()).isNull();
        assertThat(shopper.key("c-1")).isEqualTo("c-1");
        assertThat(shopper.tags()).containsExactly("mother_baby");
    }

    @Test
    void should_take_at_most_the_configured_number_of_browser_tags() {
        Set<String> many = new LinkedHashSet<>();
        IntStream.range(0, 40).forEach(i -> many.add("filler-" + i));
        many.addAll(Set.of("mother_baby", "gift_buyer", "no_marketing"));
        assertThat(identity.resolve(new ShopperClaim(null, null, many)).tags()).hasSize(2);
    }

    @Test
    void should_give_a_verified_shopper_their_signed_id_and_tags_before_the_browser_s() {
        String token = tokens.mint("u-1", Set.of("vip_gold", "no_marketing"), Duration.ofMinutes(5));
        ShopperContext shopper = identity.resolve(new ShopperClaim(token, "someone-else", Set.of("mother_baby")));
        assertThat(shopper.verified()).isTrue();
        assertThat(shopper.id()).isEqualTo("u-1");
        assertThat(shopper.key("c-1")).isEqualTo("u-1");
        assertThat(shopper.tags()).containsExactlyInAnyOrder("vip_gold", "no_marketing", "mother_baby");
    }
}
