package dev.kefu.channels.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.config.ConversationConfig;
import dev.kefu.core.config.StorageConfig;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.message.ShopperContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged save survives {@code kill -9}: a child JVM saves to embedded H2 and prints each
 * acknowledged conversation while compaction steps run beside it ({@link
 * JdbcConversationStore#compactEmbedded}); it is killed with SIGKILL right after an acknowledgement,
 * then every acknowledged message must be in the database, and still after a close that compacts
 * the file ({@code SHUTDOWN COMPACT}); then a second writer goes on in that compacted file and is
 * killed in turn.
 */
class ConversationStoreKillIT {
    private static final int CONVERSATIONS = 8;
    private static final int ACKNOWLEDGEMENTS = 400;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void should_keep_every_acknowledged_save_when_process_is_killed() throws Exception {
        Path dataDir = dir.resolve("data");
        Map<String, Integer> acknowledged = new TreeMap<>();
        // the second writer goes on in the file the first one's recovery compacted at its close
        for (int round = 1; round <= 2; round++) {
            writeUntilKilled(dataDir, dir.resolve("child-" + round + ".err"), acknowledged);
            // once as recovered after the kill, once more after that store's compacting close
            assertThat(lost(dataDir, acknowledged))
                    .as("round %d: acknowledged saves lost", round)
                    .isEmpty();
            assertThat(lost(dataDir, acknowledged))
                    .as("round %d: acknowledged saves lost after SHUTDOWN COMPACT", round)
                    .isEmpty();
        }
    }

    /** Runs a {@link Writer} and kills it with SIGKILL right after its {@link #ACKNOWLEDGEMENTS}th save. */
    private static void writeUntilKilled(Path dataDir, Path errors, Map<String, Integer> acknowledged)
            throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Writer.class.getName(),
                        dataDir.toString())
                .redirectError(errors.toFile())
                .start();
        int count = 0;
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while (count < ACKNOWLEDGEMENTS && (line = out.readLine()) != null) {
                String[] idAndSize = line.split(" ");
                acknowledged.merge(idAndSize[0], Integer.parseInt(idAndSize[1]), Math::max);
                count++;
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(count)
                .as("acknowledgements before the child stopped; its stderr: %s", Files.readString(errors))
                .isEqualTo(ACKNOWLEDGEMENTS);
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
    }

    /** The acknowledged conversations with fewer messages stored than acknowledged. */
    private static List<String> lost(Path dataDir, Map<String, Integer> acknowledged) {
        List<String> lost = new ArrayList<>();
        try (JdbcConversationStore store = Writer.open(dataDir)) {
            for (Map.Entry<String, Integer> acked : acknowledged.entrySet()) {
                String id = acked.getKey();
                List<ConversationMessage> stored =
                        store.find(id).map(Conversation::messages).orElse(List.of());
                if (stored.size() < acked.getValue()) {
                    lost.add(id + ": " + acked.getValue() + " messages acknowledged, " + stored.size() + " stored");
                }
                for (ConversationMessage message : stored) {
                    assertThat(message.text()).isEqualTo(Writer.text(id, message.seq()));
                }
                assertThat(store.events(id)).as(id + " events").hasSize(stored.size());
            }
        }
        return lost;
    }

    /** The child: appends a message to one of a few conversations after another until killed. */
    public static final class Writer {
        private Writer() {}

        static JdbcConversationStore open(Path dataDir) {
            return JdbcConversationStore.open(
                    new StorageConfig(null, null, null, 2), new ConversationConfig(1_000, 60), dataDir);
        }

        static String text(String id, long seq) {
            return "message " + seq + " of " + id;
        }

        public static void main(String[] args) {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            Conversation[] conversations = new Conversation[CONVERSATIONS];
            try (JdbcConversationStore store = open(Path.of(args[0]))) {
                // compaction steps run beside the saves, as on the server's timer
                Thread compactor = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        store.compactEmbedded();
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                    }
                });
                compactor.setDaemon(true);
                compactor.start();
                for (long i = 0; ; i++) {
                    int k = (int) (i % CONVERSATIONS);
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    String id = "kill-" + k;
                    Conversation c = conversations[k] == null
                            ? store.find(id).orElseGet(() -> Conversation.start(id, ShopperContext.anonymous(), now))
                            : conversations[k];
                    c = c.append(Speaker.SHOPPER, text(id, c.nextSeq()), List.of(), now);
                    store.save(c, List.of(new ConversationEvent.FeedbackGiven(id, now, c.nextSeq() - 1, true)));
                    conversations[k] = c;
                    out.println(id + " " + c.messages().size());
                }
            }
        }
    }
}
