package dev.kefu.channels.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.intents.curate.IntentWorkshop;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/intents...} (bearer trainer token): trainers see and edit each intent's examples,
 * train a candidate router in the background, read its comparison with the live one, activate it
 * (refused with {@code 409 CANDIDATE_WORSE} when it is worse, unless they insist) and roll back.
 * The decisions are {@link IntentWorkshop}'s; this class only translates HTTP.
 */
public final class IntentsApi {
    private final IntentWorkshop workshop;
    private final RequestReader reader;

    public IntentsApi(IntentWorkshop workshop, RequestReader reader) {
        this.workshop = workshop;
        this.reader = reader;
    }

    /** Examples by language: {@code en}, and {@code zh} for Chinese and mixed sentences. */
    public record Examples(List<String> zh, List<String> en) {}

    public record IntentDto(String name, Examples examples) {}

    /**
     * @param trainerModel whether the live model is one a trainer activated
     * @param changedAt the last activation or rollback since start-up, or null
     */
    public record IntentsResponse(
            List<IntentDto> intents, boolean trainerModel, boolean canRollback, String changedAt) {}

    public record JobCreated(String job) {}

    /** A training job; times are ISO-8601 instants. */
    public record JobDto(
            String job,
            String state,
            double progress,
            int examples,
            String startedAt,
            String finishedAt,
            String error,
            IntentWorkshop.Comparison comparison) {
        static JobDto of(IntentWorkshop.JobView v) {
            return new JobDto(
                    v.job(),
                    v.state().name(),
                    v.progress(),
                    v.examples(),
                    text(v.startedAt()),
                    text(v.finishedAt()),
                    v.error(),
                    v.comparison());
        }
    }

    /** {@code GET /api/v1/intents}. */
    public void list(Context ctx) {
        List<IntentDto> intents = new ArrayList<>();
        for (Map.Entry<String, List<String>> intent : workshop.examples().entrySet()) {
            intents.add(dto(intent.getKey(), intent.getValue()));
        }
        ctx.json(new IntentsResponse(
                intents, workshop.trainerModelLive(), workshop.canRollback(), text(workshop.activatedAt())));
    }

    /**
     * {@code PUT /api/v1/intents/{name}} {@code {"examples": {"zh": [..], "en": [..]}}} (or a plain
     * list): replaces the intent's examples; {@code 422 INVALID_INTENT} lists every problem.
     */
    public void put(Context ctx) {
        String name = ctx.pathParam("name");
        JsonNode body = reader.object(ctx.body());
        JsonNode node = body.get("examples");
        List<String> examples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (node != null && node.isArray()) {
            strings(node, "examples", examples, problems);
        } else if (node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(lang -> {
                if (!lang.equals("zh") && !lang.equals("en")) {
                    problems.add("examples." + lang + ": languages are zh and en");
                }
            });
            strings(node.path("zh"), "examples.zh", examples, problems);
            strings(node.path("en"), "examples.en", examples, problems);
        } else {
            problems.add("examples must be {\"zh\": [...], \"en\": [...]} or a list of strings");
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        try {
            ctx.json(dto(name, workshop.replace(name, examples)));
        } catch (IntentWorkshop.InvalidExamplesException e) {
            throw invalid(e.problems());
        }
    }

    /** {@code POST /api/v1/intents/train}: {@code 202 {"job"}}; training runs in the background. */
    public void train(Context ctx) {
        ctx.status(202).json(new JobCreated(workshop.train()));
    }

    /** {@code GET /api/v1/intents/train/{job}}: state, progress 0..1 and, when done, the comparison. */
    public void job(Context ctx) {
        String id = ctx.pathParam("job");
        ctx.json(JobDto.of(workshop.job(id).orElseThrow(() -> notFound(id))));
    }

    /** {@code POST /api/v1/intents/activate {"job", "insist"?}}. */
    public void activate(Context ctx) {
        JsonNode body = reader.object(ctx.body());
        String id = reader.requiredString(body, "job");
        JsonNode insist = body.get("insist");
        if (insist != null && !insist.isBoolean()) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "insist must be true or false.");
        }
        try {
            ctx.json(JobDto.of(workshop.activate(id, insist != null && insist.booleanValue())));
        } catch (IntentWorkshop.ActivationException e) {
            if (e.worse()) {
                throw new ApiException(409, ErrorCodes.CANDIDATE_WORSE, e.getMessage(), e.reasons());
            }
            if (workshop.job(id).isEmpty()) {
                throw notFound(id);
            }
            throw new ApiException(409, ErrorCodes.NO_CANDIDATE, e.getMessage());
        }
    }

    /** {@code POST /api/v1/intents/rollback}: the model live before the last activation. */
    public void rollback(Context ctx) {
        try {
            workshop.rollback();
        } catch (IntentWorkshop.ActivationException e) {
            throw new ApiException(409, ErrorCodes.NO_CANDIDATE, e.getMessage());
        }
        list(ctx);
    }

    private IntentDto dto(String name, List<String> texts) {
        List<String> zh = new ArrayList<>();
        List<String> en = new ArrayList<>();
        for (String text : texts) {
            (workshop.languageOf(text).equals("en") ? en : zh).add(text);
        }
        return new IntentDto(name, new Examples(zh, en));
    }

    private static void strings(JsonNode node, String field, List<String> into, List<String> problems) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isArray()) {
            problems.add(field + " must be a list of strings");
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            if (node.get(i).isTextual()) {
                into.add(node.get(i).asText());
            } else {
                problems.add(field + "[" + i + "] must be a string");
            }
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static ApiException invalid(List<String> problems) {
        return new ApiException(
                422, ErrorCodes.INVALID_INTENT, "The intent's examples have problems; nothing was changed.", problems);
    }

    private static ApiException notFound(String id) {
        return new ApiException(404, ErrorCodes.NOT_FOUND, "No such training job: " + id);
    }
}
