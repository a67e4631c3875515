package dev.kefu.channels.trainer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.kb.curation.EntryView;
import dev.kefu.kb.curation.Publication;
import dev.kefu.kb.curation.QuestionGroup;
import dev.kefu.kb.curation.Revision;
import dev.kefu.kb.ingest.JsonlEntryWriter;
import dev.kefu.kb.model.Translation;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the curation API ({@code /api/v1/kb/...}); entries use the JSON Lines format. */
public final class TrainerDtos {
    private TrainerDtos() {}

    /** An entry with where it stands: {@code status} is published, draft, new or deleted. */
    public record EntryDto(String id, String status, long revision, Long publishedRevision, JsonNode entry) {
        static EntryDto of(EntryView view) {
            return new EntryDto(
                    view.entryId(),
                    view.status().code(),
                    view.revision(),
                    view.publishedRevision(),
                    JsonlEntryWriter.toJson(view.entry()));
        }
    }

    public record EntrySummaryDto(
            String id,
            String type,
            String title,
            String titleZh,
            int questions,
            String status,
            long revision,
            Long publishedRevision) {
        static EntrySummaryDto of(EntryView view) {
            Translation zh = view.entry().i18n().get("zh");
            return new EntrySummaryDto(
                    view.entryId(),
                    view.entry().type().code(),
                    view.entry().title(),
                    zh == null ? null : zh.title(),
                    view.entry().questions().size(),
                    view.status().code(),
                    view.revision(),
                    view.publishedRevision());
        }
    }

    public record EntryPageDto(int total, int offset, List<EntrySummaryDto> entries) {}

    /** A revision; {@code entry} is the content after it (absent in lists, null when it deleted). */
    public record RevisionDto(
            long number,
            String entryId,
            String action,
            String author,
            String at,
            Long restoredFrom,
            boolean deleted,
            @JsonInclude(JsonInclude.Include.NON_ABSENT) JsonNode entry) {
        static RevisionDto of(Revision revision, boolean withEntry) {
            return new RevisionDto(
                    revision.number(),
                    revision.entryId(),
                    revision.action().code(),
                    revision.author(),
                    revision.at().toString(),
                    revision.restoredFrom(),
                    revision.deletes(),
                    withEntry && !revision.deletes() ? JsonlEntryWriter.toJson(revision.entry()) : null);
        }
    }

    public record RevisionsDto(String entryId, List<RevisionDto> revisions) {}

    public record ChangeDto(String field, JsonNode before, JsonNode after) {}

    public record DiffDto(long from, long to, List<ChangeDto> changes) {}

    /** A publication; {@code changed} is false when nothing was left to publish. */
    public record PublicationDto(
            long number, long upToRevision, String author, String at, int entries, Boolean changed, Long tookMs) {
        static PublicationDto of(Publication publication, Boolean changed, Long tookMs) {
            return new PublicationDto(
                    publication.number(),
                    publication.upToRevision(),
                    publication.author(),
                    publication.at().toString(),
                    publication.entries(),
                    changed,
                    tookMs);
        }
    }

    public record PublicationsDto(long unpublishedRevisions, List<PublicationDto> publications) {}

    /** What a change did; {@code published} is present when the request asked to publish too. */
    public record ChangeResultDto(RevisionDto revision, EntryDto entry, PublicationDto published) {}

    public record ImportResultDto(
            int created, int updated, int deleted, int unchanged, long lastRevision, PublicationDto published) {}

    public record GroupDto(
            String id,
            int count,
            List<String> examples,
            Map<String, Integer> reasons,
            List<String> triedEntries,
            String firstAt,
            String lastAt) {
        static GroupDto of(QuestionGroup group) {
            return new GroupDto(
                    group.id(),
                    group.count(),
                    group.examples(),
                    group.reasons(),
                    group.triedEntries(),
                    group.firstAt().toString(),
                    group.lastAt().toString());
        }
    }

    public record UnansweredDto(int open, List<GroupDto> groups) {}

    /** What became of a group: the change it made, if any, and the questions it closed. */
    public record GroupResultDto(String groupId, int closedQuestions, ChangeResultDto change) {}
}
