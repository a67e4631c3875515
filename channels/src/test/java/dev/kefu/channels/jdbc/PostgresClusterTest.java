package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kefu.core.cluster.NodeId;
import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.StorageConfig;
import dev.kefu.core.conversation.ConversationBusyException;
import dev.kefu.core.slot.ScriptStore;
import dev.kefu.kb.curation.CurationLog;
import dev.kefu.kb.curation.Publication;
import dev.kefu.kb.curation.Revision;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes' cluster parts on one real PostgreSQL schema ({@code KEFU_TEST_POSTGRES_URL}): the
 * conversation locks exclude each other across nodes and time out as an explicit error, the
 * timers' lease moves when its holder stops renewing, notices reach the other node only, and a
 * stored release (publication, script version) makes the other node follow.
 */
@EnabledIfEnvironmentVariable(named = "KEFU_TEST_POSTGRES_URL", matches = ".+")
class PostgresClusterTest {
    private static final String URL = System.getenv("KEFU_TEST_POSTGRES_URL");

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private String schema;
    private HikariDataSource pool;

    @BeforeEach
    void schema() throws SQLException {
        schema = "kefu_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
        String url = URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        // migrates the schema
        JdbcConversationStore.open(new StorageConfig(url, null, null, 4), new ConversationConfig(10, 1), dataDir)
                .close();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
    }

    @AfterEach
    void drop() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        pool.close();
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private PostgresCluster node(String name, Duration lockWait, Duration lease) {
        PostgresCluster cluster = new PostgresCluster(pool, new NodeId(name), lockWait, lease);
        opened.add(cluster);
        return cluster;
    }

    @Test
    void should_lose_no_increment_when_two_nodes_change_one_conversation_at_once() throws Exception {
        PostgresCluster a = node("a", Duration.ofSeconds(20), Duration.ofSeconds(15));
        PostgresCluster b = node("b", Duration.ofSeconds(20), Duration.ofSeconds(15));
        // a value read, changed and written back under the lock, like a conversation; any overlap loses one
        AtomicInteger value = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                PostgresCluster node = i % 2 == 0 ? a : b;
                done.add(threads.submit(() -> node.locks().withLock("c-1", () -> {
                    int read = value.get();
                    Thread.yield();
                    value.set(read + 1);
                    // a nested lock of the same conversation takes nothing more
                    return node.locks().withLock("c-1", value::get);
                })));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(value.get()).isEqualTo(60);
    }

    @Test
    void should_refuse_as_busy_when_another_node_holds_the_lock_too_long() throws Exception {
        PostgresCluster a = node("a", Duration.ofSeconds(20), Duration.ofSeconds(15));
        PostgresCluster b = node("b", Duration.ofMillis(300), Duration.ofSeconds(15));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> a.locks().withLock("c-2", () -> {
            held.countDown();
            try {
                return release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        }));
        holder.start();
        assertThat(held.await(20, TimeUnit.SECONDS)).isTrue();
        try {
            assertThatThrownBy(() -> b.locks().withLock("c-2", () -> "changed"))
                    .isInstanceOf(ConversationBusyException.class)
                    .hasMessageContaining("c-2");
            assertThat(b.locks().withLock("c-3", () -> "other")).isEqualTo("other");
        } finally {
            release.countDown();
            holder.join(20_000);
        }
        assertThat(b.locks().withLock("c-2", () -> "changed")).isEqualTo("changed");
    }

    @Test
    void should_move_the_timers_to_another_node_when_the_holder_stops_renewing() throws Exception {
        Duration lease = Duration.ofMillis(900);
        PostgresCluster a = node("a", Duration.ofSeconds(5), lease);
        PostgresCluster b = node("b", Duration.ofSeconds(5), lease);
        assertThat(a.runsTimers()).isTrue();
        assertThat(b.runsTimers()).isFalse();
        assertThat(a.leases().holder(PostgresCluster.TIMERS)).contains("a");

        a.stopRenewing(); // as if the node hung or was killed: its lease is left to expire
        assertThat(a.runsTimers()).isFalse();
        await(b::runsTimers, Duration.ofSeconds(10));
        assertThat(a.leases().holder(PostgresCluster.TIMERS)).contains("b");
        assertThat(a.leases().hold(PostgresCluster.TIMERS, new NodeId("a"), lease))
                .as("an unexpired lease of another node is not taken")
                .isFalse();
    }

    @Test
    void should_give_the_timers_up_at_once_when_the_holder_closes() throws Exception {
        PostgresCluster a = node("a", Duration.ofSeconds(5), Duration.ofSeconds(30));
        PostgresCluster b = node("b", Duration.ofSeconds(5), Duration.ofMillis(600));
        assertThat(a.runsTimers()).isTrue();
        a.close();
        await(b::runsTimers, Duration.ofSeconds(10));
    }

    @Test
    void should_deliver_a_notice_to_the_other_nodes_of_the_schema_only() throws Exception {
        PostgresCluster a = node("a", Duration.ofSeconds(5), Duration.ofSeconds(15));
        PostgresCluster b = node("b", Duration.ofSeconds(5), Duration.ofSeconds(15));
        BlockingQueue<String> atA = new LinkedBlockingQueue<>();
        BlockingQueue<String> atB = new LinkedBlockingQueue<>();
        a.notices().subscribe("kefu_test", atA::add);
        b.notices().subscribe("kefu_test", atB::add);

        a.notices().publish("kefu_test", "first");
        a.notices().publish("kefu_test", "second");
        assertThat(atB.poll(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(atB.poll(5, TimeUnit.SECONDS)).isEqualTo("second");
        b.notices().publish("kefu_test", "back");
        assertThat(atA.poll(5, TimeUnit.SECONDS)).isEqualTo("back");
        assertThat(atA).as("a node does not hear its own notices").isEmpty();
        assertThatThrownBy(() -> a.notices().publish("Bad-Name", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_tell_listeners_to_read_afresh_and_listen_again_when_the_listening_connection_is_lost()
            throws Exception {
        PostgresCluster a = node("a", Duration.ofSeconds(5), Duration.ofSeconds(15));
        PostgresCluster b = node("b", Duration.ofSeconds(5), Duration.ofSeconds(15));
        BlockingQueue<String> atB = new LinkedBlockingQueue<>();
        b.notices().subscribe("kefu_test", new ClusterNotices.Listener() {
            @Override
            public void notice(String message) {
                atB.add(message);
            }

            @Override
            public void missed() {
                atB.add("(missed)");
            }
        });
        String channel = b.notices().physical("kefu_test");
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'kefu-notices'"
                + " AND query = 'LISTEN " + channel + "' AND pid <> pg_backend_pid()");
        assertThat(atB.poll(10, TimeUnit.SECONDS)).isEqualTo("(missed)");
        a.notices().publish("kefu_test", "after");
        assertThat(atB.poll(5, TimeUnit.SECONDS)).isEqualTo("after");
    }

    @Test
    void should_nudge_the_other_nodes_when_a_publication_or_a_script_version_is_stored() throws Exception {
        PostgresCluster a = node("a", Duration.ofSeconds(5), Duration.ofSeconds(15));
        PostgresCluster b = node("b", Duration.ofSeconds(5), Duration.ofSeconds(15));
        BlockingQueue<String> atB = new LinkedBlockingQueue<>();
        ReleaseNotices.follow(b.notices(), () -> atB.add("follow"));
        CurationLog log = ReleaseNotices.announcing(new JdbcCurationLog(pool), a.notices());
        ScriptStore scripts =
                ReleaseNotices.announcing(new JdbcScriptStore(pool, SharedReleasesContract.CLOCK), a.notices());

        Instant at = SharedReleasesContract.CLOCK.instant();
        log.append(
                List.of(new Revision(
                        1,
                        "faq-x",
                        Revision.Action.CREATE,
                        SharedReleasesContract.entry("faq-x", "x"),
                        "ann",
                        at,
                        null)),
                List.of());
        assertThat(atB.poll(1, TimeUnit.SECONDS))
                .as("a draft is read on use: no notice")
                .isNull();
        log.append(List.of(), List.of(new Publication(1, 1, "ann", at, 1)));
        assertThat(atB.poll(5, TimeUnit.SECONDS)).isEqualTo("follow");
        scripts.save("scripts: []");
        assertThat(atB.poll(5, TimeUnit.SECONDS)).isEqualTo("follow");
        assertThat(log.since(0, 0).publications()).hasSize(1);
        assertThat(scripts.newerThan(0)).isPresent();
    }

    private static void await(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("waited %s", within).isNegative();
            Thread.sleep(20);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(URL);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
