package dev.kefu.channels.identity;

import dev.kefu.core.Checks;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Conversation ids and their tokens. Ids are made by the server: 128 random bits, URL-safe. A
 * conversation's token is the HMAC-SHA256 of its id under the server's secret (kept in the
 * conversation database, shared by every node on it), so nothing per conversation is stored and
 * only the server can make one. Tokens are compared in constant time. Thread-safe.
 */
public final class ConversationTokens {
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final SecureRandom random;

    /** @param secret the server's secret, at least 32 bytes */
    public ConversationTokens(byte[] secret, SecureRandom random) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("the conversation token secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), HMAC);
        this.random = Checks.requireNonNull("random", random);
    }

    /** A fresh conversation id: 128 random bits, 22 URL-safe characters. */
    public String newId() {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return URL_SAFE.encodeToString(bits);
    }

    /** The token of conversation {@code conversationId}. */
    public String tokenOf(String conversationId) {
        return URL_SAFE.encodeToString(mac(conversationId));
    }

    /** Whether {@code token} is conversation {@code conversationId}'s, compared in constant time. */
    public boolean matches(String conversationId, String token) {
        if (conversationId == null || token == null || token.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(
                tokenOf(conversationId).getBytes(StandardCharsets.US_ASCII), token.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(String conversationId) {
        try {
            Mac mac = Mac.getInstance(HMAC); // not thread-safe: one per call
            mac.init(key);
            return mac.doFinal(conversationId.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
