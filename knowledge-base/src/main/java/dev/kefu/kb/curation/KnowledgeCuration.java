package dev.kefu.kb.curation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.core.Checks;
import dev.kefu.kb.curation.CurationException.Reason;
import dev.kefu.kb.ingest.JsonlEntryWriter;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import dev.kefu.kb.model.Relation;
import dev.kefu.kb.model.Translation;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The trainers' side of the knowledge: a working copy changed one {@link Revision} at a time, and
 * the published knowledge shoppers are answered from, which changes only by {@link #publish}.
 *
 * <p>Everything is kept in an append-only {@link CurationLog} (the journal file of a node alone, or
 * the database a cluster shares) and replayed at start: the working copy is every entry's latest
 * revision, the published knowledge every entry's latest revision up to the last {@link
 * Publication}. A log that holds nothing yet starts from the seed (the configured knowledge file or
 * the demo store), recorded as revisions by {@value #SEED_AUTHOR} and published. Every method
 * first reads what other nodes appended to a shared log, so drafts are the same everywhere; {@link
 * #follow} makes another node's publish live here. A publication's number is the release's
 * identity across nodes.
 *
 * <p>Changes are checked against the working copy as a whole: an id is unique, a relation points
 * at an entry that exists, an entry others point at cannot be deleted, and a change based on an
 * older revision than the latest is refused ({@link Reason#REVISION_CONFLICT}) instead of silently
 * overwriting another trainer's work. So a publish never meets a broken graph.
 *
 * <p>Thread-safe: every method holds the instance's lock; a publish holds it while the new
 * release is built, which delays other trainers but never shoppers.
 */
public final class KnowledgeCuration implements Closeable {
    private static final System.Logger LOG = System.getLogger(KnowledgeCuration.class.getName());

    /** The author of the revisions a new journal is seeded with. */
    static final String SEED_AUTHOR = "seed";

    /** Largest page of {@link #list}. */
    public static final int MAX_PAGE = 500;

    /** Builds and switches to a release of the given entries; e.g. {@code LiveKnowledgeBase::publish}. */
    @FunctionalInterface
    public interface Publisher {
        void publish(List<KnowledgeEntry> entries) throws IOException;
    }

    /** One page of {@link #list}: the matching entries' total and the page itself. */
    public record Page(int total, List<EntryView> entries) {}

    /** What an {@link #importAll} changed. */
    public record ImportResult(int created, int updated, int deleted, int unchanged, long lastRevision) {}

    private static final JsonNode EMPTY = JsonNodeFactory.instance.objectNode();

    private final CurationLog journal;
    private final Clock clock;
    private final List<Revision> revisions = new ArrayList<>();
    private final List<Publication> publications = new ArrayList<>();
    /** Every entry's latest revision (a deleting one included), in order of first appearance. */
    private final Map<String, Revision> latest = new LinkedHashMap<>();
    /** Every entry's latest revision up to the last publication. */
    private final Map<String, Revision> published = new LinkedHashMap<>();
    /** The publication this node's publisher last made live (0: none yet). */
    private long served;

    private KnowledgeCuration(CurationLog journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Opens the journal at {@code journalFile}, replaying it; an empty journal is seeded with
     * {@code seed} and that knowledge published.
     *
     * @throws IllegalStateException if the journal holds a line that cannot be read
     */
    public static KnowledgeCuration open(Path journalFile, Supplier<List<KnowledgeEntry>> seed, Clock clock)
            throws IOException {
        return open(CurationJournal.open(Checks.requireNonNull("journalFile", journalFile)), null, seed, clock);
    }

    /**
     * Opens {@code log}, replaying it. An empty log takes what the journal file {@code
     * importFrom} holds (a data directory of a node that kept its knowledge on its own disk; the
     * file is renamed {@code *.imported} afterwards), or else {@code seed}, published. The caller
     * serves {@link #publishedEntries()}: that publication counts as served.
     *
     * @param importFrom a journal file to import once, or {@code null}
     */
    public static KnowledgeCuration open(
            CurationLog log, Path importFrom, Supplier<List<KnowledgeEntry>> seed, Clock clock) throws IOException {
        KnowledgeCuration curation =
                new KnowledgeCuration(Checks.requireNonNull("log", log), Checks.requireNonNull("clock", clock));
        try {
            curation.catchUp();
            if (curation.revisions.isEmpty()) {
                curation.start(importFrom, seed);
            } else if (importFrom != null && Files.exists(importFrom)) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "the knowledge is kept in the database already; " + importFrom
                                + " is not imported (its changes are not in the database)");
            }
        } catch (IOException | RuntimeException e) {
            log.close();
            throw e;
        }
        Publication last = curation.lastPublication();
        curation.served = last == null ? 0 : last.number();
        return curation;
    }

    private void start(Path importFrom, Supplier<List<KnowledgeEntry>> seed) throws IOException {
        List<Revision> seeded = new ArrayList<>();
        List<Publication> first = new ArrayList<>();
        boolean importing = importFrom != null && Files.exists(importFrom);
        if (importing) {
            try (CurationJournal file = CurationJournal.open(importFrom)) {
                seeded.addAll(file.contents().revisions());
                first.addAll(file.contents().publications());
            }
        } else {
            long number = 0;
            for (KnowledgeEntry entry : seed.get()) {
                seeded.add(new Revision(
                        ++number, entry.id(), Revision.Action.IMPORT, entry, SEED_AUTHOR, clock.instant(), null));
            }
            first.add(new Publication(1, seeded.size(), SEED_AUTHOR, clock.instant(), seeded.size()));
        }
        try {
            journal.append(seeded, first);
        } catch (CurationException conflict) {
            catchUp(); // another node started the log at the same moment: take its start
            return;
        }
        seeded.forEach(this::apply);
        first.forEach(this::applyPublication);
        if (importing) {
            Path done = importFrom.resolveSibling(importFrom.getFileName() + ".imported");
            Files.move(importFrom, done, StandardCopyOption.REPLACE_EXISTING);
            LOG.log(
                    System.Logger.Level.INFO,
                    "imported " + seeded.size() + " revisions and " + first.size() + " publications of " + importFrom
                            + " (now " + done + ")");
        }
    }

    /**
     * Makes the latest publication of the log live here when it is newer than the one this node
     * serves (another node published): {@code publisher} builds it. Called by a poll or a notice.
     *
     * @return whether a newer publication was made live
     */
    public synchronized boolean follow(Publisher publisher) throws IOException {
        catchUp();
        Publication last = lastPublication();
        if (last == null || last.number() <= served) {
            return false;
        }
        publisher.publish(publishedEntries());
        served = last.number();
        return true;
    }

    /** The number of the publication this node answers from: the release's identity across nodes. */
    public synchronized long servedPublication() {
        return served;
    }

    /**
     * Entries of the working copy (and deletions not yet published) whose id, titles, body,
     * questions or tags contain {@code query} (case-insensitive; {@code null} or blank matches
     * all), optionally of one type, in order of creation.
     */
    public synchronized Page list(String query, EntryType type, int offset, int limit) {
        catchUp();
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException(
                    "offset must be >= 0 and limit 1.." + MAX_PAGE + ", were " + offset + " and " + limit);
        }
        String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<EntryView> matches = new ArrayList<>();
        for (String id : latest.keySet()) {
            EntryView view = view(id);
            if (view != null
                    && (type == null || view.entry().type() == type)
                    && (needle.isEmpty() || matches(view.entry(), needle))) {
                matches.add(view);
            }
        }
        int from = Math.min(offset, matches.size());
        return new Page(matches.size(), List.copyOf(matches.subList(from, Math.min(matches.size(), from + limit))));
    }

    /** The entry with this id, as trainers see it. */
    public synchronized EntryView get(String id) {
        catchUp();
        EntryView view = view(id);
        if (view == null) {
            throw notFound(id);
        }
        return view;
    }

    /** Adds a new entry to the working copy (a draft until published). */
    public synchronized Revision create(KnowledgeEntry entry, String author) throws IOException {
        catchUp();
        Checks.requireNonNull("entry", entry);
        Revision current = latest.get(entry.id());
        if (current != null && !current.deletes()) {
            throw new CurationException(
                    Reason.ENTRY_EXISTS, "An entry with id " + entry.id() + " exists already; update it instead.");
        }
        requireTargets(entry);
        return record(next(entry.id(), Revision.Action.CREATE, entry, author, null));
    }

    /**
     * Replaces an entry's content in the working copy.
     *
     * @param baseRevision the revision the trainer's edit started from, or {@code null} to skip
     *     the check
     */
    public synchronized Revision update(String id, KnowledgeEntry entry, String author, Long baseRevision)
            throws IOException {
        catchUp();
        Checks.requireNonNull("entry", entry);
        if (!entry.id().equals(id)) {
            throw new CurationException(
                    Reason.INVALID_ENTRY, "The entry's id " + entry.id() + " differs from " + id + " in the path.");
        }
        requireCurrent(id, baseRevision);
        requireTargets(entry);
        return record(next(id, Revision.Action.UPDATE, entry, author, null));
    }

    /** Deletes an entry from the working copy; shoppers see it until the next publish. */
    public synchronized Revision delete(String id, String author, Long baseRevision) throws IOException {
        catchUp();
        requireCurrent(id, baseRevision);
        requireUnreferenced(id);
        return record(next(id, Revision.Action.DELETE, null, author, null));
    }

    /** Makes revision {@code number}'s content (or its deletion) the entry's latest, as a new revision. */
    public synchronized Revision restore(String id, long number, String author) throws IOException {
        catchUp();
        Revision old = revision(number);
        if (!old.entryId().equals(id)) {
            throw new CurationException(
                    Reason.NOT_FOUND, "Revision " + number + " is of entry " + old.entryId() + ", not of " + id + ".");
        }
        if (old.deletes()) {
            requireUnreferenced(id);
        } else {
            requireTargets(old.entry());
        }
        return record(next(id, Revision.Action.RESTORE, old.entry(), author, number));
    }

    /** The entry's revisions, oldest first. */
    public synchronized List<Revision> revisions(String id) {
        catchUp();
        List<Revision> of =
                revisions.stream().filter(r -> r.entryId().equals(id)).toList();
        if (of.isEmpty()) {
            throw notFound(id);
        }
        return of;
    }

    /** The revision with this number. */
    public synchronized Revision revision(long number) {
        catchUp();
        if (number < 1 || number > revisions.size()) {
            throw new CurationException(Reason.NOT_FOUND, "There is no revision " + number + ".");
        }
        return revisions.get((int) (number - 1));
    }

    /**
     * The fields that differ between two revisions (of any entries), in the order of the entry
     * format; nested fields ({@code attributes}, {@code i18n}) are compared key by key.
     */
    public List<FieldChange> diff(long from, long to) {
        Revision before = revision(from);
        Revision after = revision(to);
        List<FieldChange> changes = new ArrayList<>();
        compare("", json(before.entry()), json(after.entry()), changes);
        return changes;
    }

    /**
     * Publishes the working copy: {@code publisher} builds and switches to it, and only then is
     * the publication recorded. If the publisher fails, shoppers keep the previous knowledge and
     * nothing is recorded. With nothing changed since the last publish, returns that publication.
     */
    public synchronized Publication publish(String author, Publisher publisher) throws IOException {
        catchUp();
        Checks.requireText("author", author);
        Publication last = lastPublication();
        if (last != null && last.upToRevision() == revisions.size()) {
            return last;
        }
        List<KnowledgeEntry> entries = workingEntries();
        List<String> dangling = danglingRelations(entries);
        if (!dangling.isEmpty()) {
            throw new CurationException(
                    Reason.DANGLING_RELATION, "The knowledge has relations to missing entries.", dangling);
        }
        Publication publication = nextPublication(author);
        long previous = last == null ? 0 : last.number();
        try {
            publisher.publish(entries);
        } catch (IOException | RuntimeException e) {
            throw new IOException(
                    "building the new knowledge release failed (" + e.getMessage()
                            + "); shoppers are still answered from publication " + previous,
                    e);
        }
        try {
            journal.append(List.of(), List.of(publication));
        } catch (CurationException conflict) {
            catchUp(); // another node published first: follow() makes its publication live here
            throw conflict;
        } catch (IOException e) {
            throw new IOException(
                    "the new knowledge is live, but the journal could not record the publish (" + e.getMessage()
                            + "); publish again to record it, or a restart goes back to publication "
                            + previous,
                    e);
        }
        applyPublication(publication);
        served = publication.number();
        return publication;
    }

    /**
     * Makes the working copy exactly {@code entries} (a whole graph, already validated as a file:
     * {@link dev.kefu.kb.ingest.JsonlEntryReader}): new and changed entries get an {@code import}
     * revision, entries missing from the file a deleting one, identical ones none. All revisions are
     * written at once.
     */
    public synchronized ImportResult importAll(List<KnowledgeEntry> entries, String author) throws IOException {
        catchUp();
        Map<String, KnowledgeEntry> incoming = new LinkedHashMap<>();
        for (KnowledgeEntry entry : entries) {
            if (incoming.put(entry.id(), entry) != null) {
                throw new CurationException(Reason.INVALID_ENTRY, "The id " + entry.id() + " repeats.");
            }
        }
        List<String> dangling = danglingRelations(List.copyOf(incoming.values()));
        if (!dangling.isEmpty()) {
            throw new CurationException(
                    Reason.DANGLING_RELATION, "The file has relations to missing entries.", dangling);
        }
        int created = 0;
        int updated = 0;
        int deleted = 0;
        int unchanged = 0;
        List<Revision> changes = new ArrayList<>();
        long number = revisions.size();
        for (KnowledgeEntry entry : incoming.values()) {
            Revision current = latest.get(entry.id());
            if (current == null || current.deletes()) {
                created++;
            } else if (current.entry().equals(entry)) {
                unchanged++;
                continue;
            } else {
                updated++;
            }
            changes.add(
                    new Revision(++number, entry.id(), Revision.Action.IMPORT, entry, author, clock.instant(), null));
        }
        for (Revision current : latest.values()) {
            if (!current.deletes() && !incoming.containsKey(current.entryId())) {
                deleted++;
                changes.add(new Revision(
                        ++number, current.entryId(), Revision.Action.IMPORT, null, author, clock.instant(), null));
            }
        }
        append(changes);
        changes.forEach(this::apply);
        return new ImportResult(created, updated, deleted, unchanged, revisions.size());
    }

    /** Every entry of the working copy, in order of creation. */
    public synchronized List<KnowledgeEntry> workingEntries() {
        catchUp();
        return latest.values().stream()
                .filter(r -> !r.deletes())
                .map(Revision::entry)
                .toList();
    }

    /** The knowledge shoppers are answered from. */
    public synchronized List<KnowledgeEntry> publishedEntries() {
        catchUp();
        return published.values().stream()
                .filter(r -> !r.deletes())
                .map(Revision::entry)
                .toList();
    }

    /** Every publication, oldest first. */
    public synchronized List<Publication> publications() {
        catchUp();
        return List.copyOf(publications);
    }

    /** How many revisions are not yet published. */
    public synchronized long unpublishedRevisions() {
        catchUp();
        Publication last = lastPublication();
        return revisions.size() - (last == null ? 0 : last.upToRevision());
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }

    private Publication lastPublication() {
        return publications.isEmpty() ? null : publications.get(publications.size() - 1);
    }

    private Revision next(String id, Revision.Action action, KnowledgeEntry entry, String author, Long restoredFrom) {
        return new Revision(
                revisions.size() + 1L,
                id,
                action,
                entry,
                Checks.requireText("author", author),
                clock.instant(),
                restoredFrom);
    }

    private Publication nextPublication(String author) {
        return new Publication(publications.size() + 1L, revisions.size(), author, clock.instant(), (int)
                latest.values().stream().filter(r -> !r.deletes()).count());
    }

    private Revision record(Revision revision) throws IOException {
        append(List.of(revision));
        apply(revision);
        return revision;
    }

    private void append(List<Revision> changes) throws IOException {
        try {
            journal.append(changes, List.of());
        } catch (CurationException conflict) {
            catchUp(); // another trainer's change took the number: theirs is here now
            throw conflict;
        }
    }

    /** Applies what other nodes appended to the log since this node last read it. */
    private void catchUp() {
        CurationLog.Contents news = journal.since(revisions.size(), publications.size());
        news.revisions().forEach(this::apply);
        news.publications().forEach(this::applyPublication);
    }

    private void apply(Revision revision) {
        revisions.add(revision);
        latest.put(revision.entryId(), revision);
    }

    private void applyPublication(Publication publication) {
        publications.add(publication);
        published.clear();
        for (Revision revision : revisions.subList(0, (int) Math.min(revisions.size(), publication.upToRevision()))) {
            published.put(revision.entryId(), revision);
        }
    }

    private EntryView view(String id) {
        Revision current = latest.get(id);
        Revision shown = published.get(id);
        if (current == null) {
            return null;
        }
        Long publishedNumber = shown == null || shown.deletes() ? null : shown.number();
        if (current.deletes()) {
            return publishedNumber == null
                    ? null
                    : new EntryView(id, shown.entry(), EntryView.Status.DELETED, current.number(), publishedNumber);
        }
        EntryView.Status status = publishedNumber == null
                ? EntryView.Status.NEW
                : publishedNumber == current.number() ? EntryView.Status.PUBLISHED : EntryView.Status.DRAFT;
        return new EntryView(id, current.entry(), status, current.number(), publishedNumber);
    }

    private void requireCurrent(String id, Long baseRevision) {
        Revision current = latest.get(id);
        if (current == null || current.deletes()) {
            throw notFound(id);
        }
        if (baseRevision != null && baseRevision != current.number()) {
            throw new CurationException(
                    Reason.REVISION_CONFLICT,
                    "Entry " + id + " changed since revision " + baseRevision + " (now revision " + current.number()
                            + " by " + current.author() + "); reload it and apply your change again.");
        }
    }

    private void requireTargets(KnowledgeEntry entry) {
        List<String> missing = new ArrayList<>();
        for (Relation relation : entry.relations()) {
            Revision target = latest.get(relation.target());
            boolean self = relation.target().equals(entry.id());
            if (!self && (target == null || target.deletes())) {
                missing.add(entry.id() + " -" + relation.type().code() + "-> " + relation.target()
                        + ": no entry has that id");
            }
        }
        if (!missing.isEmpty()) {
            throw new CurationException(
                    Reason.DANGLING_RELATION, "Entry " + entry.id() + " has relations to missing entries.", missing);
        }
    }

    private void requireUnreferenced(String id) {
        List<String> referrers = new ArrayList<>();
        for (Revision revision : latest.values()) {
            if (revision.deletes() || revision.entryId().equals(id)) {
                continue;
            }
            for (Relation relation : revision.entry().relations()) {
                if (relation.target().equals(id)) {
                    referrers.add(revision.entryId() + " -" + relation.type().code() + "-> " + id);
                }
            }
        }
        if (!referrers.isEmpty()) {
            throw new CurationException(
                    Reason.ENTRY_REFERENCED,
                    "Other entries point at " + id + "; remove those relations first.",
                    referrers);
        }
    }

    private static List<String> danglingRelations(List<KnowledgeEntry> entries) {
        Set<String> ids = new LinkedHashSet<>();
        entries.forEach(e -> ids.add(e.id()));
        List<String> dangling = new ArrayList<>();
        for (KnowledgeEntry entry : entries) {
            for (Relation relation : entry.relations()) {
                if (!ids.contains(relation.target())) {
                    dangling.add(entry.id() + " -" + relation.type().code() + "-> " + relation.target());
                }
            }
        }
        return dangling;
    }

    private static CurationException notFound(String id) {
        return new CurationException(Reason.NOT_FOUND, "There is no entry " + id + ".");
    }

    private static boolean matches(KnowledgeEntry entry, String needle) {
        if (contains(entry.id(), needle) || contains(entry.title(), needle) || contains(entry.body(), needle)) {
            return true;
        }
        for (Translation translation : entry.i18n().values()) {
            if (contains(translation.title(), needle) || contains(translation.body(), needle)) {
                return true;
            }
        }
        return entry.questions().stream().anyMatch(q -> contains(q, needle))
                || entry.tags().stream().anyMatch(t -> contains(t, needle));
    }

    private static boolean contains(String text, String needle) {
        return text.toLowerCase(Locale.ROOT).contains(needle);
    }

    private static ObjectNode json(KnowledgeEntry entry) {
        return entry == null ? JsonNodeFactory.instance.objectNode() : JsonlEntryWriter.toJson(entry);
    }

    private static void compare(String prefix, JsonNode before, JsonNode after, List<FieldChange> changes) {
        Set<String> fields = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        for (Iterator<String> names = after.fieldNames(); names.hasNext(); ) {
            fields.add(names.next());
        }
        for (String field : fields) {
            JsonNode a = before.get(field);
            JsonNode b = after.get(field);
            String path = prefix + field;
            boolean objects = (a == null || a.isObject()) && (b == null || b.isObject());
            if (objects) {
                compare(path + ".", a == null ? EMPTY : a, b == null ? EMPTY : b, changes);
            } else if (a == null || !a.equals(b)) {
                changes.add(new FieldChange(path, a, b));
            }
        }
    }
}
