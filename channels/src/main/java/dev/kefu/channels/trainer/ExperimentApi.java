package dev.kefu.channels.trainer;

import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.BearerTokens;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.core.slot.Script;
import dev.kefu.core.slot.ScriptLibrary;
import dev.kefu.core.slot.ScriptSlotPlanner;
import dev.kefu.core.slot.experiment.ArmResult;
import dev.kefu.core.slot.experiment.ArmTally;
import dev.kefu.core.slot.experiment.Assigner;
import dev.kefu.core.slot.experiment.Experiment;
import dev.kefu.core.slot.experiment.ExperimentLog;
import dev.kefu.core.slot.experiment.ExperimentStats;
import dev.kefu.core.slot.experiment.ExperimentStats.Counts;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code /api/v1/experiments...} and {@code /api/v1/slots/suppressions} (bearer trainer token):
 * the marketing experiments of the script library, which arm a shopper is in, the results, and
 * how often the guard rails kept marketing away. Assignment is the same function the slot planner
 * uses, so what this says is what the shopper sees.
 */
public final class ExperimentApi {
    private final Supplier<ScriptLibrary> library;
    private final Assigner assigner;
    private final ExperimentLog log;
    private final Duration attribution;
    private final Clock clock;

    /** @param attribution how long after a shopper's first exposure a conversion still counts */
    public ExperimentApi(
            Supplier<ScriptLibrary> library, Assigner assigner, ExperimentLog log, Duration attribution, Clock clock) {
        this.library = library;
        this.assigner = assigner;
        this.log = log;
        this.attribution = attribution;
        this.clock = clock;
    }

    public record VariantDto(String id, double weight) {}

    public record ExperimentDto(
            String id, String scriptId, String status, List<VariantDto> variants, double holdoutWeight) {}

    public record ExperimentsResponse(List<ExperimentDto> experiments) {}

    public record AssignmentResponse(String experimentId, String shopperId, String variant) {}

    public record ResultsResponse(
            String experimentId,
            String scriptId,
            String status,
            long attributionHours,
            String baseline,
            List<ArmDto> arms) {}

    /**
     * One arm: sales ({@link ArmResult}'s conversion statistics, clicks, orders, revenue) beside
     * service ({@link ServiceDto}) for the same shoppers.
     */
    public record ArmDto(
            String arm,
            long exposures,
            long clicks,
            long conversions,
            long orders,
            double revenue,
            double rate,
            double low,
            double high,
            Double lift,
            Double pValue,
            boolean significant,
            ServiceDto service) {
        static ArmDto of(ArmResult result, ArmTally tally) {
            return new ArmDto(
                    result.arm(),
                    result.exposures(),
                    tally.clicks(),
                    result.conversions(),
                    tally.orders(),
                    tally.revenue(),
                    result.rate(),
                    result.low(),
                    result.high(),
                    result.lift(),
                    result.pValue(),
                    result.significant(),
                    new ServiceDto(
                            tally.conversations(),
                            tally.handoffs(),
                            tally.handoffRate(),
                            tally.ratings(),
                            tally.meanRating(),
                            tally.thumbsDown(),
                            tally.thumbsDownRate()));
        }
    }

    /** How the arm's exposed conversations went after the exposure. */
    public record ServiceDto(
            long conversations,
            long handoffs,
            double handoffRate,
            long ratings,
            Double meanRating,
            long thumbsDown,
            double thumbsDownRate) {}

    /**
     * {@code GET /api/v1/experiments/{id}/results}: per arm, shoppers exposed, and of those the ones
     * who clicked, converted or ordered within the attribution window (with revenue); the conversion
     * rate with its 95% interval, lift and p-value against the holdout (or, without one, against the
     * first variant); and the hand-offs, ratings and thumbs-down of the same conversations.
     */
    public void results(Context ctx) {
        Script script = script(ctx.pathParam("id"));
        Map<String, ArmTally> tallies = new TreeMap<>();
        script.variants().forEach(v -> tallies.put(v.id(), ArmTally.EMPTY));
        if (script.holdoutWeight() > 0) {
            tallies.put(Experiment.HOLDOUT, ArmTally.EMPTY);
        }
        tallies.putAll(log.tally(script.experimentId(), attribution));
        String baseline = tallies.containsKey(Experiment.HOLDOUT)
                ? Experiment.HOLDOUT
                : script.variants().get(0).id();
        Map<String, Counts> counts = new TreeMap<>();
        tallies.forEach((arm, tally) -> counts.put(arm, tally.counts()));
        ctx.json(new ResultsResponse(
                script.experimentId(),
                script.id(),
                status(script).code(),
                attribution.toHours(),
                baseline,
                ExperimentStats.of(counts, baseline).stream()
                        .map(result -> ArmDto.of(result, tallies.get(result.arm())))
                        .toList()));
    }

    /**
     * {@code POST /api/v1/experiments/{id}/pause|resume|end}: a paused experiment shows no lines and
     * records no exposures until resumed; an ended one stays ended (its results stay readable).
     */
    public void setStatus(Context ctx, Experiment.Status status) {
        Script script = script(ctx.pathParam("id"));
        Experiment.Status current = status(script);
        if (current == Experiment.Status.ENDED && status != Experiment.Status.ENDED) {
            throw new ApiException(
                    409, ErrorCodes.EXPERIMENT_ENDED, "Experiment " + script.experimentId() + " has ended.");
        }
        String trainer = BearerTokens.caller(ctx);
        log.status(script.experimentId(), status, trainer == null ? "trainer" : trainer, clock.instant());
        ctx.json(dto(script));
    }

    private Experiment.Status status(Script script) {
        return log.statusOf(script.experimentId());
    }

    public record SuppressionsResponse(int days, Map<String, Long> reasons) {}

    /**
     * {@code GET /api/v1/slots/suppressions?days=7}: how often each guard rail kept marketing
     * away from a reply in the last days.
     */
    public void suppressions(Context ctx) {
        int days = (int) RequestReader.wholeNumber(ctx.queryParam("days"), 7, 1, 365, "days must be 1..365.");
        Map<String, Long> reasons = new java.util.TreeMap<>();
        log.suppressions(clock.instant().minus(Duration.ofDays(days))).forEach((r, n) -> reasons.put(r.code(), n));
        ctx.json(new SuppressionsResponse(days, reasons));
    }

    /** {@code GET /api/v1/experiments}. */
    public void list(Context ctx) {
        ctx.json(new ExperimentsResponse(library.get().scripts().stream()
                .filter(s -> s.experimentId() != null)
                .map(this::dto)
                .toList()));
    }

    /** {@code GET /api/v1/experiments/{id}/assignment?shopperId=X}: {@code holdout} or a variant id. */
    public void assignment(Context ctx) {
        Script script = script(ctx.pathParam("id"));
        String shopperId = ctx.queryParam("shopperId");
        if (shopperId == null || shopperId.isBlank() || shopperId.length() > 128) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "shopperId must be 1..128 characters.");
        }
        Experiment experiment = ScriptSlotPlanner.experimentOf(script);
        ctx.json(new AssignmentResponse(experiment.id(), shopperId, assigner.assign(experiment, shopperId)));
    }

    private Script script(String experimentId) {
        return library.get().scripts().stream()
                .filter(s -> experimentId.equals(s.experimentId()))
                .findFirst()
                .orElseThrow(() -> new ApiException(404, ErrorCodes.NOT_FOUND, "No experiment " + experimentId + "."));
    }

    private ExperimentDto dto(Script script) {
        Experiment experiment = ScriptSlotPlanner.experimentOf(script).withStatus(status(script));
        return new ExperimentDto(
                experiment.id(),
                script.id(),
                experiment.status().code(),
                experiment.variants().stream()
                        .map(v -> new VariantDto(v.id(), v.weight()))
                        .toList(),
                experiment.holdoutWeight());
    }
}
