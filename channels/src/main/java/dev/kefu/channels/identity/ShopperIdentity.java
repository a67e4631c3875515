package dev.kefu.channels.identity;

import dev.kefu.channels.http.ShopperClaim;
import dev.kefu.core.Checks;
import dev.kefu.core.message.ShopperContext;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Turns what a request says about its shopper into who the shopper is. With a token the store
 * signed, the shopper is verified: its {@code sub} and signed tags. Without one the shopper is
 * anonymous: a plain id is only a hint, and the browser's tags are only the self-declarable
 * interests ({@code shopper.selfDeclaredTags}, and the opt-outs, which a browser may add but never
 * remove), at most {@code shopper.maxBrowserTags} of them. Signed tags come before the browser's;
 * the store's kept tags are added before both by the pipeline. Thread-safe.
 */
public final class ShopperIdentity {
    private final ShopperTokens tokens;
    private final Set<String> selfDeclarable;
    private final int maxBrowserTags;

    /**
     * @param selfDeclarable the tags a browser may declare: {@code shopper.selfDeclaredTags} and
     *     {@code slots.optOutTags}
     */
    public ShopperIdentity(ShopperTokens tokens, Set<String> selfDeclarable, int maxBrowserTags) {
        this.tokens = Checks.requireNonNull("tokens", tokens);
        this.selfDeclarable = Checks.copyOfSet("selfDeclarable", selfDeclarable);
        this.maxBrowserTags = maxBrowserTags;
    }

    /**
     * The shopper a request describes.
     *
     * @throws dev.kefu.channels.http.ApiException 401 {@code INVALID_SHOPPER_TOKEN} when it carries
     *     a token that is not valid
     */
    public ShopperContext resolve(ShopperClaim claim) {
        Set<String> browser = new LinkedHashSet<>();
        for (String tag : claim.tags()) {
            if (browser.size() >= maxBrowserTags) {
                break;
            }
            if (selfDeclarable.contains(tag)) {
                browser.add(tag);
            }
        }
        if (claim.token() == null) {
            return new ShopperContext(claim.id(), browser, false);
        }
        ShopperTokens.Verified verified = tokens.verify(claim.token());
        Set<String> tags = new LinkedHashSet<>(verified.tags());
        for (String tag : browser) {
            if (tags.size() >= ShopperContext.MAX_TAGS) {
                break;
            }
            tags.add(tag);
        }
        return new ShopperContext(verified.shopperId(), tags, true);
    }

    /**
     * The verified shopper of a token, or an anonymous one without a token.
     *
     * @throws dev.kefu.channels.http.ApiException 401 {@code INVALID_SHOPPER_TOKEN} for a token
     *     that is not valid
     */
    public ShopperContext verify(String token) {
        return resolve(new ShopperClaim(token, null, Set.of()));
    }
}
