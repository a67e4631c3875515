package dev.kefu.channels.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConversationTokensTest {
    private static final byte[] SECRET = "conversation-secret-0123456789-abc".getBytes(StandardCharsets.UTF_8);
    private final ConversationTokens tokens = new ConversationTokens(SECRET, new SecureRandom());

    @Test
    void should_make_unguessable_url_safe_ids() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = tokens.newId();
            assertThat(id).matches("[A-Za-z0-9_-]{22}");
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void should_match_only_the_token_of_the_same_id_under_the_same_secret() {
        String id = tokens.newId();
        String token = tokens.tokenOf(id);
        assertThat(tokens.matches(id, token)).isTrue();
        assertThat(tokens.matches(id + "x", token)).isFalse();
        assertThat(tokens.matches(id, token.substring(1))).isFalse();
        assertThat(tokens.matches(id, null)).isFalse();
        assertThat(tokens.matches(id, "")).isFalse();
        ConversationTokens otherServer = new ConversationTokens(
                "another-server-secret-0123456789-x".getBytes(StandardCharsets.UTF_8), new SecureRandom());
        assertThat(otherServer.matches(id, token)).isFalse();
        assertThat(new ConversationTokens(SECRET, new SecureRandom()).matches(id, token))
                .as("every node on the same secret")
                .isTrue();
    }
}
