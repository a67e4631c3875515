package dev.kefu.channels.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.core.intent.Language;
import dev.kefu.core.slot.LiveScripts;
import dev.kefu.core.slot.ScriptLibrary;
import dev.kefu.core.slot.ScriptSlotPlanner;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/scripts} (bearer trainer token): trainers read and replace the marketing script
 * library while the server runs. A new library is validated whole first (every problem reported,
 * nothing changed), then handed to {@link LiveScripts}, which saves it and swaps it in: the next
 * message uses it.
 */
public record ScriptsApi(LiveScripts scripts, ScriptSlotPlanner planner, RequestReader reader, Clock clock) {
    /** Largest script file accepted. */
    public static final int MAX_BYTES = 64 * 1024;

    public record Summary(int scripts, List<String> experiments) {}

    public record PreviewResponse(List<PreviewDto> scripts) {}

    /** A previewed script; {@code position} is the code chat replies use ({@code after}). */
    public record PreviewDto(
            String scriptId, String experimentId, String position, List<ScriptSlotPlanner.Preview.Line> lines) {
        static PreviewDto of(ScriptSlotPlanner.Preview preview) {
            return new PreviewDto(
                    preview.scriptId(),
                    preview.experimentId(),
                    preview.position().code(),
                    preview.lines());
        }
    }

    /** {@code GET /api/v1/scripts}: the library's YAML, comments included. */
    public void get(Context ctx) {
        ctx.contentType("application/yaml; charset=utf-8").result(scripts.get().source());
    }

    /** {@code PUT /api/v1/scripts} with the YAML: validated, saved, then live. */
    public void put(Context ctx) throws IOException {
        byte[] yaml = ctx.bodyAsBytes();
        if (yaml.length > MAX_BYTES) {
            throw new ApiException(413, ErrorCodes.PAYLOAD_TOO_LARGE, "The script file is larger than 64 KiB.");
        }
        ScriptLibrary library = parse(yaml);
        scripts.replace(library);
        ctx.json(summary(library));
    }

    /**
     * {@code POST /api/v1/scripts/preview} {@code {"tags", "productId"?, "categoryId"?, "intent"?,
     * "language"?, "yaml"?}}: the scripts those shoppers would be offered, every variant's line
     * filled at each of its stages, from the live library or from a draft that is not saved.
     */
    public void preview(Context ctx) {
        JsonNode body = reader.object(ctx.body());
        ScriptLibrary library = body.hasNonNull("yaml")
                ? parse(body.get("yaml").asText().getBytes(StandardCharsets.UTF_8))
                : scripts.get();
        Set<String> tags = reader.tags(body.get("tags"));
        String intent = body.path("intent").asText("product_question");
        String productId = body.hasNonNull("productId") ? body.get("productId").asText() : null;
        String categoryId =
                body.hasNonNull("categoryId") ? body.get("categoryId").asText() : null;
        Language language = "en".equals(body.path("language").asText("zh")) ? Language.EN : Language.ZH;
        ctx.json(new PreviewResponse(
                planner.preview(library, tags, intent, productId, categoryId, language, clock.instant()).stream()
                        .map(PreviewDto::of)
                        .toList()));
    }

    private static ScriptLibrary parse(byte[] yaml) {
        try {
            return ScriptLibrary.parse(yaml, "the script file");
        } catch (ScriptLibrary.ScriptException e) {
            throw new ApiException(
                    422,
                    ErrorCodes.INVALID_SCRIPTS,
                    "The script file has problems; nothing was changed.",
                    e.problems());
        }
    }

    private static Summary summary(ScriptLibrary library) {
        return new Summary(
                library.scripts().size(),
                library.scripts().stream()
                        .map(s -> s.experimentId())
                        .filter(id -> id != null)
                        .toList());
    }
}
