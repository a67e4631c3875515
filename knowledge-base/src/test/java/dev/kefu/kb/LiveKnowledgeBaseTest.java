package dev.kefu.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Relation;
import dev.kefu.kb.model.RelationType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing while shoppers ask: real Lucene indexes, real threads. */
class LiveKnowledgeBaseTest {
    private static final LiveKnowledgeBase.Opener LEXICAL = (dir, entries) -> KnowledgeBase.open(dir, entries, 0.0);

    /** Release {@code version}: the same two entries, with the version in both of their bodies. */
    private static List<KnowledgeEntry> release(int version) {
        return List.of(
                new KnowledgeEntry(
                        "policy-returns",
                        EntryType.POLICY,
                        "Returns policy",
                        "Returns, version " + version + ".",
                        List.of("can I return an item"),
                        List.of(),
                        List.of(),
                        Map.of(),
                        Map.of()),
                new KnowledgeEntry(
                        "faq-return-label",
                        EntryType.FAQ,
                        "Return label",
                        "Return labels, version " + version + ".",
                        List.of("where is my return label"),
                        List.of(),
                        List.of(new Relation(RelationType.RELATED, "policy-returns")),
                        Map.of(),
                        Map.of()));
    }

    private static final KnowledgeQuery QUERY =
            new KnowledgeQuery("return policy label", Language.EN, "unknown", List.of(), 5);

    @Test
    void should_answer_from_the_new_release_right_after_a_publish(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("release-7")); // left by an earlier process
        try (LiveKnowledgeBase live = new LiveKnowledgeBase(root, release(1), LEXICAL)) {
            assertThat(live.release()).isEqualTo(1);
            assertThat(live.retrieve(QUERY))
                    .allSatisfy(p -> assertThat(p.text()).contains("version 1"));
            long started = System.nanoTime();
            assertThat(live.publish(release(2))).isEqualTo(2);
            assertThat(live.retrieve(QUERY)).isNotEmpty().allSatisfy(p -> assertThat(p.text())
                    .contains("version 2"));
            assertThat((System.nanoTime() - started) / 1e9).isLessThan(1.0);
            // the old release's files are gone once nothing uses it
            try (Stream<Path> dirs = Files.list(root)) {
                assertThat(dirs.map(d -> d.getFileName().toString())).containsExactly("release-2");
            }
        }
    }

    @Test
    void should_keep_the_current_release_when_a_publish_is_invalid(@TempDir Path root) throws Exception {
        try (LiveKnowledgeBase live = new LiveKnowledgeBase(root, release(1), LEXICAL)) {
            List<KnowledgeEntry> dangling = new ArrayList<>(release(2).subList(1, 2)); // points at a missing entry
            assertThatThrownBy(() -> live.publish(dangling))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("missing");
            assertThat(live.release()).isEqualTo(1);
            assertThat(live.retrieve(QUERY)).isNotEmpty().allSatisfy(p -> assertThat(p.text())
                    .contains("version 1"));
            assertThat(live.publish(release(3))).isEqualTo(2);
        }
    }

    @Test
    void should_never_fail_a_query_or_show_half_a_release_when_publishing_concurrently(@TempDir Path root)
            throws Exception {
        try (LiveKnowledgeBase live = new LiveKnowledgeBase(root, release(0), LEXICAL)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger queries = new AtomicInteger();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            CountDownLatch started = new CountDownLatch(3);
            List<Thread> shoppers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread shopper = new Thread(() -> {
                    started.countDown();
                    while (!stop.get()) {
                        try {
                            List<Passage> passages = live.retrieve(QUERY);
                            Set<String> versions = new java.util.HashSet<>();
                            for (Passage p : passages) {
                                versions.add(p.text().replaceAll(".*version (\\d+).*", "$1"));
                            }
                            if (passages.size() != 2 || versions.size() != 1) {
                                problems.add("mixed or missing release: " + passages);
                            }
                            queries.incrementAndGet();
                        } catch (RuntimeException e) {
                            problems.add(e.toString());
                        }
                    }
                });
                shopper.start();
                shoppers.add(shopper);
            }
            started.await();
            for (int version = 1; version <= 15; version++) {
                live.publish(release(version));
            }
            stop.set(true);
            for (Thread shopper : shoppers) {
                shopper.join();
            }
            assertThat(problems).isEmpty();
            assertThat(queries.get()).isGreaterThan(15);
            assertThat(live.release()).isEqualTo(16);
            assertThat(live.retrieve(QUERY))
                    .allSatisfy(p -> assertThat(p.text()).contains("version 15"));
        }
    }

    @Test
    void should_reopen_the_last_release_kept_by_the_previous_process_and_remove_the_others(@TempDir Path root)
            throws Exception {
        try (LiveKnowledgeBase live = new LiveKnowledgeBase(root, release(1), LEXICAL)) {
            live.publish(release(2));
        }
        Files.createDirectories(root.resolve("release-1")); // an older one, left by a crash
        List<Path> opened = new java.util.ArrayList<>();
        LiveKnowledgeBase.Opener recording = (dir, entries) -> {
            opened.add(dir);
            assertThat(dir.resolve("segments_1"))
                    .as("the kept index, in release 1's place")
                    .exists();
            return LEXICAL.open(dir, entries);
        };
        try (LiveKnowledgeBase live = new LiveKnowledgeBase(root, release(2), recording)) {
            assertThat(opened).containsExactly(root.resolve("release-1"));
            assertThat(live.retrieve(QUERY)).isNotEmpty().allSatisfy(p -> assertThat(p.text())
                    .contains("version 2"));
            try (Stream<Path> dirs = Files.list(root)) {
                assertThat(dirs.map(d -> d.getFileName().toString())).containsExactly("release-1");
            }
        }
    }

    @Test
    void should_start_when_the_kept_release_cannot_be_opened(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("release-3"));
        AtomicInteger attempts = new AtomicInteger();
        LiveKnowledgeBase.Opener failingOnce = (dir, entries) -> {
            if (attempts.getAndIncrement() == 0) {
                throw new java.io.IOException("damaged");
            }
            return LEXICAL.open(dir, entries);
        };
        try (LiveKnowledgeBase live = new LiveKnowledgeBase(root, release(1), failingOnce)) {
            assertThat(attempts).hasValue(2);
            assertThat(live.retrieve(QUERY)).isNotEmpty();
        }
    }

    @Test
    void should_refuse_queries_when_closed(@TempDir Path root) throws Exception {
        LiveKnowledgeBase live = new LiveKnowledgeBase(root, release(1), LEXICAL);
        live.close();
        assertThatThrownBy(() -> live.retrieve(QUERY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
