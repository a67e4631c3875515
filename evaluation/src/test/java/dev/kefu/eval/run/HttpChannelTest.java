package dev.kefu.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.channels.identity.ShopperTokens;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.eval.run.ShopperChannel.After;
import dev.kefu.eval.run.ShopperChannel.ShopperView;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpChannel} against a stand-in chat endpoint (no bot): it speaks the public chat API as a
 * storefront does, before and after conversation tokens, and waits out rate limits as told.
 */
class HttpChannelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request the stand-in received: its body and its token header. */
    record Received(JsonNode body, String token) {}

    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private Javalin server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void should_start_without_an_id_then_continue_with_the_servers_id_and_send_its_token_back() throws Exception {
        start(0, true);
        HttpChannel channel = new HttpChannel(URI.create("http://127.0.0.1:" + server.port() + "/"), null, waits::add);

        ShopperChannel.Session chat =
                channel.start(new ShopperContext("demo-vip-01", Set.of("vip_diamond")), "product-x200");
        ShopperView first = chat.send("这个防水吗");
        ShopperView second = chat.send("转人工");
        ShopperView third = chat.send("还在吗");

        assertThat(received).hasSize(3);
        JsonNode opening = received.get(0).body();
        assertThat(opening.has("conversationId")).isFalse();
        assertThat(opening.path("text").asText()).isEqualTo("这个防水吗");
        assertThat(opening.path("shopper").path("id").asText()).isEqualTo("demo-vip-01");
        assertThat(opening.path("shopper").path("tags").get(0).asText()).isEqualTo("vip_diamond");
        assertThat(opening.path("context").path("productId").asText()).isEqualTo("product-x200");
        assertThat(received.get(0).token()).isNull();
        assertThat(received.get(1).body().path("conversationId").asText()).isEqualTo("c-1");
        assertThat(received.get(1).token()).isEqualTo("token-c-1");
        assertThat(received.get(2).token()).isEqualTo("token-c-1");

        assertThat(first.after()).isEqualTo(After.REPLY);
        assertThat(first.text()).isEqualTo("X200 防汗防溅（IPX4）。");
        assertThat(first.citations()).containsExactly(new Citation("product-x200", "X200 耳机"));
        assertThat(first.intent()).isEqualTo("product_question");
        assertThat(first.sentiment()).isEqualTo(0.1);
        assertThat(second.after()).isEqualTo(After.HANDOFF);
        assertThat(second.reason()).isEqualTo("explicit_request");
        assertThat(third.after()).isEqualTo(After.WITH_PERSON);
        assertThat(third.reason()).isEqualTo("explicit_request");
        assertThat(third.text()).isEmpty();
        assertThat(waits).isEmpty();
    }

    @Test
    void should_send_no_token_header_to_a_server_that_issues_none_and_no_shopper_for_an_anonymous_one()
            throws Exception {
        start(0, false);
        HttpChannel channel = new HttpChannel(URI.create("http://127.0.0.1:" + server.port()), null, waits::add);

        ShopperChannel.Session chat = channel.start(ShopperContext.anonymous(), null);
        chat.send("hello");
        chat.send("退货要多久");

        assertThat(received.get(0).body().has("shopper")).isFalse();
        assertThat(received.get(0).body().has("context")).isFalse();
        assertThat(received.get(1).body().path("conversationId").asText()).isEqualTo("c-1");
        assertThat(received.get(1).token()).isNull();
    }

    @Test
    void should_sign_the_shopper_with_the_stores_secret_so_the_server_verifies_their_tags() throws Exception {
        start(0, true);
        String secret = "eval-test-identity-secret-0123456789abcdef";
        HttpChannel channel =
                new HttpChannel(URI.create("http://127.0.0.1:" + server.port()), signer(secret), waits::add);

        channel.start(new ShopperContext("demo-vip-03", Set.of("vip_diamond")), null)
                .send("where is my parcel?");
        channel.start(new ShopperContext(null, Set.of("mother_baby")), null).send("stroller?");

        JsonNode vip = received.get(0).body().path("shopper");
        assertThat(vip.has("id")).as("the signed token replaces the hint").isFalse();
        assertThat(vip.has("tags")).isFalse();
        ShopperTokens.Verified verified =
                signer(secret).verify(vip.path("token").asText());
        assertThat(verified.shopperId()).isEqualTo("demo-vip-03");
        assertThat(verified.tags()).containsExactly("vip_diamond");
        ShopperTokens.Verified tagged = signer(secret)
                .verify(received.get(1).body().path("shopper").path("token").asText());
        assertThat(tagged.shopperId()).isEqualTo(HttpChannel.ANONYMOUS_SUBJECT);
        assertThat(tagged.tags()).containsExactly("mother_baby");
        assertThatThrownBy(() -> signer("another-secret-of-the-same-length-0123456")
                        .verify(vip.path("token").asText()))
                .as("signed with this secret, not any")
                .hasMessageContaining("shopper token");
    }

    private static ShopperTokens signer(String secret) {
        return new ShopperTokens(secret, Clock.systemUTC());
    }

    @Test
    void should_wait_out_429s_as_retry_after_says_and_give_up_after_the_last_attempt() throws Exception {
        start(2, true);
        HttpChannel channel = new HttpChannel(URI.create("http://127.0.0.1:" + server.port()), null, waits::add);

        ShopperView seen = channel.start(ShopperContext.anonymous(), null).send("hello");

        assertThat(seen.after()).isEqualTo(After.REPLY);
        assertThat(waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));

        server.stop();
        waits.clear();
        start(HttpChannel.ATTEMPTS, true);
        HttpChannel limited = new HttpChannel(URI.create("http://127.0.0.1:" + server.port()), null, waits::add);
        assertThatThrownBy(() -> limited.start(ShopperContext.anonymous(), null).send("hello"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("answered 429 (rate limited) " + HttpChannel.ATTEMPTS + " times")
                .hasMessageContaining("limits.perAddressPerMinute: 0");
        assertThat(waits).hasSize(HttpChannel.ATTEMPTS - 1);
    }

    @Test
    void should_end_the_run_on_any_other_error_with_the_status_and_the_body() throws Exception {
        server = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.routes.post("/api/v1/chat", ctx -> ctx.status(404)
                            .result("{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"No conversation.\"}}"));
                })
                .start("127.0.0.1", 0);
        HttpChannel channel = new HttpChannel(URI.create("http://127.0.0.1:" + server.port()), null, waits::add);

        assertThatThrownBy(() -> channel.start(ShopperContext.anonymous(), null).send("hello"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/api/v1/chat answered 404: {\"error\":{\"code\":\"NOT_FOUND\"");
    }

    /**
     * A stand-in chat endpoint: one conversation {@code c-1}; 转人工 hands off, later messages are
     * relayed; the first {@code limited} requests get 429 with {@code Retry-After: 3}.
     */
    private void start(int limited, boolean tokens) {
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger handedOff = new AtomicInteger();
        server = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.routes.post("/api/v1/chat", ctx -> {
                        if (requests.incrementAndGet() <= limited) {
                            ctx.status(429).header("Retry-After", "3").result("{}");
                            return;
                        }
                        JsonNode body = JSON.readTree(ctx.body());
                        received.add(new Received(body, ctx.header(HttpChannel.TOKEN_HEADER)));
                        String text = body.path("text").asText();
                        String answer;
                        if (handedOff.get() > 0) {
                            answer = "{\"replies\": [], \"intent\": null, \"sentiment\": null, \"slots\": [],"
                                    + " \"handoff\": {\"reason\": \"explicit_request\", \"state\": \"queued\"}}";
                        } else if (text.equals("转人工")) {
                            handedOff.incrementAndGet();
                            answer = "{\"replies\": [{\"seq\": 4, \"text\": \"正在为您转接人工客服。\", \"citations\": []}],"
                                    + " \"intent\": {\"name\": \"talk_to_human\", \"confidence\": 0.9},"
                                    + " \"sentiment\": {\"score\": 0.0, \"label\": \"neutral\"}, \"slots\": [],"
                                    + " \"handoff\": {\"reason\": \"explicit_request\", \"state\": \"queued\"}}";
                        } else {
                            answer = "{\"replies\": [{\"seq\": 2, \"text\": \"X200 防汗防溅（IPX4）。\", \"citations\":"
                                    + " [{\"entryId\": \"product-x200\", \"title\": \"X200 耳机\"}]}],"
                                    + " \"intent\": {\"name\": \"product_question\", \"confidence\": 0.8},"
                                    + " \"sentiment\": {\"score\": 0.1, \"label\": \"neutral\"}, \"slots\": [],"
                                    + " \"handoff\": null}";
                        }
                        String opening = "{\"conversationId\": \"c-1\", "
                                + (tokens ? "\"conversationToken\": \"token-c-1\", " : "")
                                + "\"shopperSeq\": 1, ";
                        ctx.contentType("application/json").result(opening + answer.substring(1));
                    });
                })
                .start("127.0.0.1", 0);
    }
}
