package dev.kefu.channels.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.core.Checks;
import dev.kefu.core.message.ShopperContext;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The store's signed statements of who a shopper is: JWTs signed with HS256 under {@code
 * store.identitySecret}, with {@code sub} (the shopper id), {@code tags} (an array of strings) and
 * {@code exp}. The JWT library checks the signature, the algorithm and the times; only HS256 is
 * accepted (never {@code none}, never another algorithm), with {@value #CLOCK_SKEW_SECONDS} s of
 * clock skew. Without a secret every token is refused. Thread-safe.
 */
public final class ShopperTokens {
    /** How far the store's clock and ours may disagree about {@code exp} and {@code nbf}. */
    public static final int CLOCK_SKEW_SECONDS = 60;

    private final byte[] secret;
    private final Clock clock;
    private final DefaultJWTClaimsVerifier<SecurityContext> claims;

    /** @param secret the HS256 secret (at least 32 bytes), or {@code null}: no shopper is verified */
    public ShopperTokens(String secret, Clock clock) {
        this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.clock = Checks.requireNonNull("clock", clock);
        this.claims = new DefaultJWTClaimsVerifier<>(new JWTClaimsSet.Builder().build(), Set.of("sub", "exp")) {
            @Override
            protected Date currentTime() {
                return Date.from(ShopperTokens.this.clock.instant());
            }
        };
        this.claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
    }

    /** A shopper the store vouched for: their id and the tags it signed. */
    public record Verified(String shopperId, Set<String> tags) {
        public Verified {
            Checks.requireText("shopperId", shopperId);
            tags = Checks.copyOfSet("tags", tags);
        }
    }

    /**
     * The shopper this token names.
     *
     * @throws ApiException 401 {@code INVALID_SHOPPER_TOKEN} for anything but a valid, unexpired
     *     HS256 token of ours with a well-formed {@code sub} and {@code tags}
     */
    public Verified verify(String token) {
        if (secret == null || token == null || token.isBlank()) {
            throw invalid();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                throw invalid();
            }
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            claims.verify(set, null);
            String subject = set.getSubject();
            List<String> tags = set.getStringListClaim("tags");
            Set<String> signed = new LinkedHashSet<>(tags == null ? List.of() : tags);
            if (subject.isBlank()
                    || subject.length() > ShopperContext.MAX_ID_LENGTH
                    || subject.chars().anyMatch(Character::isISOControl)
                    || signed.size() > ShopperContext.MAX_TAGS
                    || !signed.stream().allMatch(ShopperContext::isTag)) {
                throw invalid();
            }
            return new Verified(subject, signed);
        } catch (ParseException | JOSEException | BadJWTException | IllegalArgumentException e) {
            throw invalid();
        }
    }

    /**
     * A token for this shopper, as the store's back end signs one (the demo's command, tests).
     *
     * @throws IllegalStateException without a secret
     */
    public String mint(String shopperId, Set<String> tags, Duration validFor) {
        if (secret == null) {
            throw new IllegalStateException("no store.identitySecret to sign with");
        }
        Instant now = clock.instant();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader(JWSAlgorithm.HS256),
                new JWTClaimsSet.Builder()
                        .subject(Checks.requireText("shopperId", shopperId))
                        .claim("tags", List.copyOf(tags))
                        .issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(validFor)))
                        .build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a shopper token", e);
        }
        return jwt.serialize();
    }

    private static ApiException invalid() {
        return new ApiException(
                401,
                ErrorCodes.INVALID_SHOPPER_TOKEN,
                "The shopper token is not valid or has expired; ask the store for a new one.");
    }
}
