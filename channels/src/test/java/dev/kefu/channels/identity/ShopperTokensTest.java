package dev.kefu.channels.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.ErrorCodes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShopperTokensTest {
    private static final String SECRET = "unit-test-identity-secret-0123456789";
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private final ShopperTokens tokens = new ShopperTokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private static String sign(JWSAlgorithm algorithm, String secret, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    private static JWTClaimsSet.Builder claims(Instant expires) {
        return new JWTClaimsSet.Builder()
                .subject("u-1")
                .claim("tags", List.of("vip_gold"))
                .expirationTime(Date.from(expires));
    }

    private void assertRefused(String token) {
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.code()).isEqualTo(ErrorCodes.INVALID_SHOPPER_TOKEN);
            assertThat(e.getMessage()).doesNotContain("Exception", "nimbus");
        });
    }

    @Test
    void should_verify_the_store_s_token_and_read_its_subject_and_tags() throws Exception {
        ShopperTokens.Verified verified = tokens.verify(
                sign(JWSAlgorithm.HS256, SECRET, claims(NOW.plusSeconds(60)).build()));
        assertThat(verified.shopperId()).isEqualTo("u-1");
        assertThat(verified.tags()).containsExactly("vip_gold");
        assertThat(tokens.verify(tokens.mint("u-2", Set.of("mother_baby"), Duration.ofMinutes(5)))
                        .tags())
                .containsExactly("mother_baby");
    }

    @Test
    void should_allow_a_minute_of_clock_skew_and_no_more() throws Exception {
        assertThat(tokens.verify(sign(
                                JWSAlgorithm.HS256,
                                SECRET,
                                claims(NOW.minusSeconds(30)).build()))
                        .shopperId())
                .isEqualTo("u-1");
        assertRefused(
                sign(JWSAlgorithm.HS256, SECRET, claims(NOW.minusSeconds(120)).build()));
    }

    @Test
    void should_refuse_another_algorithm_alg_none_a_wrong_key_and_a_changed_payload() throws Exception {
        String good =
                sign(JWSAlgorithm.HS256, SECRET, claims(NOW.plusSeconds(60)).build());
        assertRefused(sign(
                JWSAlgorithm.HS512, SECRET + SECRET, claims(NOW.plusSeconds(60)).build()));
        assertRefused(sign(
                JWSAlgorithm.HS256,
                "another-secret-of-thirty-two-bytes!",
                claims(NOW.plusSeconds(60)).build()));
        String[] parts = good.split("\\.");
        String none = Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";
        assertRefused(none);
        String payload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        ("{\"sub\":\"u-1\",\"tags\":[\"vip_diamond\"],\"exp\":" + (NOW.getEpochSecond() + 60) + "}")
                                .getBytes(StandardCharsets.UTF_8));
        assertRefused(parts[0] + "." + payload + "." + parts[2]);
        assertRefused(good.substring(0, good.length() - 2));
    }

    @Test
    void should_refuse_a_token_without_subject_or_expiry_or_with_malformed_tags() throws Exception {
        assertRefused(sign(
                JWSAlgorithm.HS256,
                SECRET,
                new JWTClaimsSet.Builder()
                        .expirationTime(Date.from(NOW.plusSeconds(60)))
                        .build()));
        assertRefused(sign(
                JWSAlgorithm.HS256,
                SECRET,
                new JWTClaimsSet.Builder().subject("u-1").build()));
        assertRefused(sign(
                JWSAlgorithm.HS256,
                SECRET,
                claims(NOW.plusSeconds(60)).claim("tags", "vip_gold").build()));
        assertRefused(sign(
                JWSAlgorithm.HS256,
                SECRET,
                claims(NOW.plusSeconds(60)).claim("tags", List.of("Not A Tag")).build()));
        assertRefused(null);
        assertRefused("");
        assertRefused("a.b.c");
    }

    @Test
    void should_refuse_every_token_without_a_secret() throws Exception {
        ShopperTokens none = new ShopperTokens(null, Clock.fixed(NOW, ZoneOffset.UTC));
        String good =
                sign(JWSAlgorithm.HS256, SECRET, claims(NOW.plusSeconds(60)).build());
        assertThatThrownBy(() -> none.verify(good)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> none.mint("u-1", Set.of(), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
