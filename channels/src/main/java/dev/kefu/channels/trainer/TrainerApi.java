package dev.kefu.channels.trainer;

import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.BearerTokens;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.trainer.TrainerDtos.ChangeDto;
import dev.kefu.channels.trainer.TrainerDtos.ChangeResultDto;
import dev.kefu.channels.trainer.TrainerDtos.DiffDto;
import dev.kefu.channels.trainer.TrainerDtos.EntryDto;
import dev.kefu.channels.trainer.TrainerDtos.EntryPageDto;
import dev.kefu.channels.trainer.TrainerDtos.EntrySummaryDto;
import dev.kefu.channels.trainer.TrainerDtos.GroupDto;
import dev.kefu.channels.trainer.TrainerDtos.GroupResultDto;
import dev.kefu.channels.trainer.TrainerDtos.ImportResultDto;
import dev.kefu.channels.trainer.TrainerDtos.PublicationDto;
import dev.kefu.channels.trainer.TrainerDtos.PublicationsDto;
import dev.kefu.channels.trainer.TrainerDtos.RevisionDto;
import dev.kefu.channels.trainer.TrainerDtos.RevisionsDto;
import dev.kefu.channels.trainer.TrainerDtos.UnansweredDto;
import dev.kefu.kb.curation.CurationException;
import dev.kefu.kb.curation.KnowledgeCuration;
import dev.kefu.kb.curation.Publication;
import dev.kefu.kb.curation.QuestionGroup;
import dev.kefu.kb.curation.Revision;
import dev.kefu.kb.curation.UnansweredInbox;
import dev.kefu.kb.ingest.JsonlEntryReader;
import dev.kefu.kb.ingest.JsonlEntryWriter;
import dev.kefu.kb.ingest.KnowledgeFormatException;
import dev.kefu.kb.model.EntryType;
import dev.kefu.kb.model.KnowledgeEntry;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST handlers of the curation API ({@code /api/v1/kb/...}), for trainers (bearer trainer
 * token). Every change is a revision of the working copy; shoppers see it after a publish, which
 * any change request can ask for with {@code ?publish=true}. The route table lets only trainers in
 * and names them ({@link BearerTokens#caller}).
 */
public record TrainerApi(
        KnowledgeCuration curation,
        KnowledgeCuration.Publisher publisher,
        UnansweredInbox inbox,
        RequestReader reader) {
    /**
     * Largest knowledge import accepted (the whole graph as JSON Lines); every other request body
     * is held to the server's usual limit.
     */
    public static final long MAX_IMPORT_BYTES = 64L * 1024 * 1024;

    /** The longest knowledge search accepted ({@code GET /api/v1/kb/entries?q=}). */
    public static final int MAX_SEARCH_CHARS = 200;

    private static final Logger LOG = LoggerFactory.getLogger(TrainerApi.class);
    private static final String BODY = "request body";

    /** {@code GET /api/v1/kb/entries?q=&type=&offset=&limit=}. */
    public void list(Context ctx) {
        String typeCode = ctx.queryParam("type");
        EntryType type = null;
        if (typeCode != null && !typeCode.isBlank()) {
            type = EntryType.fromCode(typeCode)
                    .orElseThrow(() -> ApiException.badRequest(
                            ErrorCodes.INVALID_FIELD,
                            "type must be one of product, category, brand, policy, faq," + " promotion."));
        }
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", 50, 1, KnowledgeCuration.MAX_PAGE);
        String query = ctx.queryParam("q");
        if (query != null && query.length() > MAX_SEARCH_CHARS) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD, "q must be at most " + MAX_SEARCH_CHARS + " characters.");
        }
        KnowledgeCuration.Page page = curation.list(query, type, offset, limit);
        ctx.json(new EntryPageDto(
                page.total(),
                offset,
                page.entries().stream().map(EntrySummaryDto::of).toList()));
    }

    /** {@code GET /api/v1/kb/entries/{id}}. */
    public void get(Context ctx) {
        ctx.json(EntryDto.of(curation.get(ctx.pathParam("id"))));
    }

    /** {@code POST /api/v1/kb/entries}: the body is one entry in the JSON Lines format. */
    public void create(Context ctx) throws IOException {
        KnowledgeEntry entry = entry(ctx.body());
        Revision revision = curation.create(entry, trainer(ctx));
        ctx.status(201).json(changed(ctx, revision));
    }

    /** {@code PUT /api/v1/kb/entries/{id}?baseRevision=N}. */
    public void update(Context ctx) throws IOException {
        KnowledgeEntry entry = entry(ctx.body());
        Revision revision = curation.update(ctx.pathParam("id"), entry, trainer(ctx), baseRevision(ctx));
        ctx.json(changed(ctx, revision));
    }

    /** {@code DELETE /api/v1/kb/entries/{id}?baseRevision=N}. */
    public void delete(Context ctx) throws IOException {
        Revision revision = curation.delete(ctx.pathParam("id"), trainer(ctx), baseRevision(ctx));
        ctx.json(changed(ctx, revision));
    }

    /** {@code GET /api/v1/kb/entries/{id}/revisions}. */
    public void revisions(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(new RevisionsDto(
                id,
                curation.revisions(id).stream()
                        .map(r -> RevisionDto.of(r, false))
                        .toList()));
    }

    /** {@code GET /api/v1/kb/revisions/{number}}: the revision with the entry as it stood. */
    public void revision(Context ctx) {
        ctx.json(RevisionDto.of(curation.revision(longParam(ctx.pathParam("number"), "number")), true));
    }

    /** {@code POST /api/v1/kb/entries/{id}/revisions/{number}/restore}. */
    public void restore(Context ctx) throws IOException {
        Revision revision =
                curation.restore(ctx.pathParam("id"), longParam(ctx.pathParam("number"), "number"), trainer(ctx));
        ctx.json(changed(ctx, revision));
    }

    /** {@code GET /api/v1/kb/diff?from=A&to=B}: field-by-field changes between two revisions. */
    public void diff(Context ctx) {
        long from = longParam(ctx.queryParam("from"), "from");
        long to = longParam(ctx.queryParam("to"), "to");
        ctx.json(new DiffDto(
                from,
                to,
                curation.diff(from, to).stream()
                        .map(c -> new ChangeDto(c.field(), c.before(), c.after()))
                        .toList()));
    }

    /** {@code POST /api/v1/kb/publish}: shoppers are answered from the working copy from now on. */
    public void publish(Context ctx) {
        ctx.json(publish(trainer(ctx)));
    }

    /** {@code GET /api/v1/kb/publications}. */
    public void publications(Context ctx) {
        ctx.json(new PublicationsDto(
                curation.unpublishedRevisions(),
                curation.publications().stream()
                        .map(p -> PublicationDto.of(p, null, null))
                        .toList()));
    }

    /**
     * {@code POST /api/v1/kb/import}: the body is the whole graph as JSON Lines. Checked as a whole
     * first; with any problem nothing changes and every problem is listed.
     */
    public void importAll(Context ctx) throws IOException {
        List<KnowledgeEntry> entries;
        try {
            entries = JsonlEntryReader.read(new StringReader(RequestReader.body(ctx, MAX_IMPORT_BYTES)), "the import");
        } catch (KnowledgeFormatException e) {
            throw new ApiException(
                    422,
                    ErrorCodes.INVALID_IMPORT,
                    e.problems().size() + " problem(s) in the import; nothing was imported.",
                    e.problems().stream()
                            .map(KnowledgeFormatException.Problem::toString)
                            .toList());
        }
        if (entries.isEmpty()) {
            throw new ApiException(
                    422, ErrorCodes.INVALID_IMPORT, "The import holds no entries; nothing was imported.");
        }
        KnowledgeCuration.ImportResult result = curation.importAll(entries, trainer(ctx));
        ctx.json(new ImportResultDto(
                result.created(),
                result.updated(),
                result.deleted(),
                result.unchanged(),
                result.lastRevision(),
                publishRequested(ctx) ? publish(trainer(ctx)) : null));
    }

    /** {@code GET /api/v1/kb/export[?published=true]}: the working copy (or the published knowledge). */
    public void export(Context ctx) throws IOException {
        boolean published = booleanParam(ctx, "published");
        StringWriter out = new StringWriter();
        JsonlEntryWriter.write(published ? curation.publishedEntries() : curation.workingEntries(), out);
        ctx.header("Content-Disposition", "attachment; filename=\"kefu-knowledge.jsonl\"");
        ctx.contentType("application/x-ndjson; charset=utf-8").result(out.toString());
    }

    /** {@code GET /api/v1/kb/unanswered}: the inbox's groups, most asked first. */
    public void unanswered(Context ctx) {
        ctx.json(new UnansweredDto(
                inbox.size(), inbox.groups().stream().map(GroupDto::of).toList()));
    }

    /**
     * {@code POST /api/v1/kb/unanswered/{groupId}/entry}: a new entry (the body) answering the
     * group; the group's wordings become its example questions.
     */
    public void groupToEntry(Context ctx) throws IOException {
        QuestionGroup group = inbox.group(ctx.pathParam("groupId"));
        KnowledgeEntry entry = entry(ctx.body());
        Revision revision = curation.create(withQuestions(entry, group.examples()), trainer(ctx));
        inbox.resolve(group.questionIds(), "entry:" + entry.id(), trainer(ctx));
        ctx.status(201).json(new GroupResultDto(group.id(), group.count(), changed(ctx, revision)));
    }

    /**
     * {@code POST /api/v1/kb/unanswered/{groupId}/questions} with {@code {"entryId"}}: the group's
     * wordings become example questions of an existing entry.
     */
    public void groupToQuestions(Context ctx) throws IOException {
        QuestionGroup group = inbox.group(ctx.pathParam("groupId"));
        String entryId = reader.requiredString(reader.object(ctx.body()), "entryId");
        KnowledgeEntry current = curation.get(entryId).entry();
        Revision revision =
                curation.update(entryId, withQuestions(current, group.examples()), trainer(ctx), baseRevision(ctx));
        inbox.resolve(group.questionIds(), "questions:" + entryId, trainer(ctx));
        ctx.json(new GroupResultDto(group.id(), group.count(), changed(ctx, revision)));
    }

    /** {@code POST /api/v1/kb/unanswered/{groupId}/dismiss}: not worth an answer. */
    public void dismiss(Context ctx) {
        QuestionGroup group = inbox.group(ctx.pathParam("groupId"));
        inbox.resolve(group.questionIds(), "dismissed", trainer(ctx));
        ctx.json(new GroupResultDto(group.id(), group.count(), null));
    }

    private ChangeResultDto changed(Context ctx, Revision revision) {
        PublicationDto published = publishRequested(ctx) ? publish(trainer(ctx)) : null;
        EntryDto entry;
        try {
            entry = EntryDto.of(curation.get(revision.entryId()));
        } catch (CurationException gone) {
            entry = null; // deleted, and the deletion published
        }
        return new ChangeResultDto(RevisionDto.of(revision, false), entry, published);
    }

    private PublicationDto publish(String author) {
        long before = curation.publications().size();
        long start = System.nanoTime();
        Publication publication;
        try {
            publication = curation.publish(author, publisher);
        } catch (CurationException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            LOG.error("publishing the knowledge failed", e);
            throw new ApiException( // the cause is in the log: its text is no client's business
                    500, ErrorCodes.PUBLISH_FAILED, "Publishing failed; the published knowledge did not change.");
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        boolean changed = publication.number() > before;
        if (changed) {
            LOG.info(
                    "{} published knowledge release {} ({} entries) in {} ms",
                    author,
                    publication.number(),
                    publication.entries(),
                    tookMs);
        }
        return PublicationDto.of(publication, changed, tookMs);
    }

    private static KnowledgeEntry entry(String body) {
        try {
            return JsonlEntryReader.readEntry(body == null ? "" : body, BODY);
        } catch (KnowledgeFormatException e) {
            throw new ApiException(
                    422,
                    CurationException.Reason.INVALID_ENTRY.code(),
                    "The entry has " + e.problems().size() + " problem(s).",
                    e.problems().stream()
                            .map(KnowledgeFormatException.Problem::message)
                            .toList());
        }
    }

    /** The entry with {@code questions} added to its own, without repeats, up to the limit. */
    private static KnowledgeEntry withQuestions(KnowledgeEntry entry, List<String> questions) {
        Set<String> merged = new LinkedHashSet<>(entry.questions());
        for (String question : questions) {
            if (merged.size() >= KnowledgeEntry.MAX_QUESTIONS) {
                break;
            }
            if (question.codePointCount(0, question.length()) <= KnowledgeEntry.MAX_QUESTION_LENGTH) {
                merged.add(question);
            }
        }
        return new KnowledgeEntry(
                entry.id(),
                entry.type(),
                entry.title(),
                entry.body(),
                new ArrayList<>(merged),
                entry.tags(),
                entry.relations(),
                entry.attributes(),
                entry.i18n());
    }

    private static String trainer(Context ctx) {
        return BearerTokens.caller(ctx);
    }

    private static boolean publishRequested(Context ctx) {
        return booleanParam(ctx, "publish");
    }

    private static boolean booleanParam(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, name + " must be true or false.");
    }

    private static Long baseRevision(Context ctx) {
        String value = ctx.queryParam("baseRevision");
        return value == null ? null : longParam(value, "baseRevision");
    }

    private static long longParam(String value, String name) {
        try {
            long number = Long.parseLong(value == null ? "" : value);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, name + " must be a revision number (1 or more).");
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        return (int) RequestReader.wholeNumber(
                ctx.queryParam(name), fallback, min, max, name + " must be a whole number " + min + ".." + max + ".");
    }
}
