package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.channels.http.WebhookDrain;
import dev.kefu.channels.http.WebhookOutbox.About;
import dev.kefu.channels.http.WebhookOutbox.Pending;
import dev.kefu.channels.http.WebhookPoster;
import dev.kefu.core.contract.MutableClock;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook outbox (issue 18) on each database ({@link WebhookOutboxH2Test}, {@link
 * WebhookOutboxPostgresTest}) against a real HTTP receiver on loopback: a post that failed stays
 * in the outbox and is delivered by another node's drainer (two drainers over one database, the
 * first stopped), and a delivered post is never posted again.
 */
abstract class WebhookOutboxContract {
    private static final Duration BACKOFF = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path dataDir;

    protected JdbcConversationStore store;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
    /** How many requests the receiver fails (503) before it takes them (204). */
    private final AtomicInteger failing = new AtomicInteger();

    private final List<Map<String, String>> received = new CopyOnWriteArrayList<>();
    private Javalin receiver;
    private URI url;

    /** A store over a fresh, empty database. */
    protected abstract JdbcConversationStore open() throws SQLException;

    @BeforeEach
    void start() throws SQLException {
        store = open();
        receiver = Javalin.create(config -> {
                    config.startup.showJavalinBanner = false;
                    config.routes.post("/hooks", ctx -> {
                        received.add(Map.of(
                                "event", String.valueOf(ctx.header("X-Kefu-Event")),
                                "key", String.valueOf(ctx.header("Idempotency-Key")),
                                "type", String.valueOf(ctx.header("Content-Type")),
                                "agent", String.valueOf(ctx.header("User-Agent")),
                                "body", ctx.body()));
                        ctx.status(failing.getAndDecrement() > 0 ? 503 : 204);
                    });
                })
                .start("127.0.0.1", 0);
        url = URI.create("http://127.0.0.1:" + receiver.port() + "/hooks");
    }

    @AfterEach
    void stop() {
        receiver.stop();
        store.close();
    }

    /** A node's drainer: its own outbox handle and HTTP client over the shared database. */
    private WebhookDrain drainer(int maxAttempts) {
        return new WebhookDrain(
                store.webhookOutbox(), HttpClient.newHttpClient(), maxAttempts, BACKOFF, TIMEOUT, clock);
    }

    private WebhookPoster poster() {
        return new WebhookPoster(url, store.webhookOutbox(), clock);
    }

    @Test
    void should_deliver_a_failed_post_through_another_drainer_when_the_first_stops() {
        failing.set(1);
        WebhookDrain first = drainer(6);
        WebhookDrain second = drainer(6);
        poster().post("handoff", "c-1:1", About.nobody(), () -> "{\"conversationId\":\"c-1\"}");

        first.run(); // fails (503); then this node stops
        assertThat(received).hasSize(1);
        assertThat(store.webhookOutbox().due(clock.instant().plus(BACKOFF), 10))
                .as("kept for a retry after the backoff")
                .extracting(Pending::idempotencyKey, Pending::attempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c-1:1", 1));

        second.run();
        assertThat(received).as("not due before the backoff").hasSize(1);
        clock.advance(BACKOFF);
        second.run();

        assertThat(received).hasSize(2);
        assertThat(received.get(1))
                .containsEntry("event", "handoff")
                .containsEntry("key", "c-1:1")
                .containsEntry("type", "application/json; charset=utf-8")
                .containsEntry("agent", "kefu-webhook")
                .containsEntry("body", "{\"conversationId\":\"c-1\"}");
        clock.advance(Duration.ofMinutes(1));
        second.run();
        first.run();
        assertThat(received).as("a delivered post is not posted again").hasSize(2);
        assertThat(store.webhookOutbox().due(clock.instant(), 10)).isEmpty();
    }

    @Test
    void should_post_once_when_the_same_key_is_posted_twice_and_two_drainers_run() {
        poster().post("outreach", "rule:ann", About.nobody(), () -> "{\"n\":1}");
        poster().post("outreach", "rule:ann", About.nobody(), () -> "{\"n\":2}");
        poster().post("outreach", "nothing", About.nobody(), () -> null);

        drainer(6).run();
        drainer(6).run();

        assertThat(received).extracting(r -> r.get("body")).containsExactly("{\"n\":1}");
    }

    @Test
    void should_let_one_drainer_claim_a_post_when_two_read_it_at_once() {
        poster().post("handoff", "c-2:1", About.nobody(), () -> "{}");
        Pending seenByA = store.webhookOutbox().due(clock.instant(), 10).get(0);
        Pending seenByB = store.webhookOutbox().due(clock.instant(), 10).get(0);

        assertThat(store.webhookOutbox().claim(seenByA, clock.instant().plusSeconds(15)))
                .isTrue();
        assertThat(store.webhookOutbox().claim(seenByB, clock.instant().plusSeconds(15)))
                .isFalse();
    }

    @Test
    void should_retry_a_post_whose_drainer_died_mid_attempt_when_its_claim_expires() {
        poster().post("handoff", "c-3:1", About.nobody(), () -> "{}");
        Pending pending = store.webhookOutbox().due(clock.instant(), 10).get(0);
        store.webhookOutbox().claim(pending, clock.instant().plus(TIMEOUT.multipliedBy(3))); // then killed

        WebhookDrain other = drainer(6);
        other.run();
        assertThat(received).as("claimed by the dead node still").isEmpty();
        clock.advance(TIMEOUT.multipliedBy(3));
        other.run();

        assertThat(received).extracting(r -> r.get("key")).containsExactly("c-3:1");
        assertThat(store.webhookOutbox().due(clock.instant().plusSeconds(60), 10))
                .isEmpty();
    }

    @Test
    void should_remove_a_post_when_its_last_attempt_fails() {
        failing.set(10);
        WebhookDrain drain = drainer(2);
        poster().post("handoff", "c-4:1", About.nobody(), () -> "{}");

        drain.run();
        clock.advance(BACKOFF);
        drain.run();
        clock.advance(Duration.ofMinutes(1));
        drain.run();

        assertThat(received).hasSize(2);
        assertThat(store.webhookOutbox().due(clock.instant(), 10)).isEmpty();
    }
}
