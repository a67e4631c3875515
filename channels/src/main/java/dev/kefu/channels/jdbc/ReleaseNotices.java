package dev.kefu.channels.jdbc;

import dev.kefu.core.slot.ScriptStore;
import dev.kefu.kb.curation.CurationLog;
import dev.kefu.kb.curation.Publication;
import dev.kefu.kb.curation.Revision;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 18: a release stored on one node (a knowledge publication, a script version) is followed
 * by every other node at once instead of at its next poll. The stores are wrapped to announce on
 * {@link #CHANNEL} once a release is committed, and each node's follow loop is nudged by the
 * notice. A notice is a hint: one that is lost (or fails to be sent) costs the poll's period, not
 * the release.
 */
public final class ReleaseNotices {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseNotices.class);
    /** The notices' channel: {@code knowledge:<publication>} or {@code scripts:<version>}. */
    public static final String CHANNEL = "kefu_releases";

    private ReleaseNotices() {}

    /** {@code log}, announcing every publication it keeps (a draft needs no notice: it is read on use). */
    public static CurationLog announcing(CurationLog log, ClusterNotices notices) {
        return new CurationLog() {
            @Override
            public Contents since(long afterRevision, long afterPublication) {
                return log.since(afterRevision, afterPublication);
            }

            @Override
            public void append(List<Revision> revisions, List<Publication> publications) throws IOException {
                log.append(revisions, publications);
                publications.stream()
                        .mapToLong(Publication::number)
                        .max()
                        .ifPresent(number -> announce(notices, "knowledge:" + number));
            }

            @Override
            public void close() throws IOException {
                log.close();
            }
        };
    }

    /** {@code store}, announcing every version it saves. */
    public static ScriptStore announcing(ScriptStore store, ClusterNotices notices) {
        return new ScriptStore() {
            @Override
            public Optional<Saved> newerThan(long afterVersion) throws IOException {
                return store.newerThan(afterVersion);
            }

            @Override
            public Saved save(String source) throws IOException {
                Saved saved = store.save(source);
                announce(notices, "scripts:" + saved.version());
                return saved;
            }
        };
    }

    /** Calls {@code follow} (e.g. {@code FollowLoop::nudge}) when another node stored a release or notices were lost. */
    public static void follow(ClusterNotices notices, Runnable follow) {
        notices.subscribe(CHANNEL, new ClusterNotices.Listener() {
            @Override
            public void notice(String message) {
                follow.run();
            }

            @Override
            public void missed() {
                follow.run();
            }
        });
    }

    private static void announce(ClusterNotices notices, String release) {
        try {
            notices.publish(CHANNEL, release);
        } catch (RuntimeException e) { // stored already: the other nodes find it at their next poll
            LOG.warn("cluster: announcing the release {} failed", release, e);
        }
    }
}
