package dev.kefu.channels.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.BearerTokens;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.trainer.ExperimentApi.ArmDto;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.outreach.HoldReason;
import dev.kefu.core.outreach.Outreach;
import dev.kefu.core.outreach.OutreachLog;
import dev.kefu.core.outreach.OutreachRecord;
import dev.kefu.core.outreach.OutreachRule;
import dev.kefu.core.outreach.OutreachRules;
import dev.kefu.core.slot.experiment.ArmTally;
import dev.kefu.core.slot.experiment.Experiment;
import dev.kefu.core.slot.experiment.ExperimentLog;
import dev.kefu.core.slot.experiment.ExperimentStats;
import dev.kefu.core.slot.experiment.ExperimentStats.Counts;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code /api/v1/outreach/...} (bearer trainer token): the outreach rules of the script library
 * (edited and validated with the scripts, {@code PUT /api/v1/scripts}), a preview of what a rule
 * would do for one shopper now, the log of what was sent and what was held back and why, and each
 * rule's experiment results (sales beside service, like the slots').
 */
public final class OutreachApi {
    private final Supplier<OutreachRules> rules;
    private final Outreach outreach;
    private final OutreachLog log;
    private final ExperimentLog experiments;
    private final ConversationStore conversations;
    private final RequestReader reader;
    private final Duration attribution;
    private final Clock clock;

    public OutreachApi(
            Supplier<OutreachRules> rules,
            Outreach outreach,
            OutreachLog log,
            ExperimentLog experiments,
            ConversationStore conversations,
            RequestReader reader,
            Duration attribution,
            Clock clock) {
        this.rules = rules;
        this.outreach = outreach;
        this.log = log;
        this.experiments = experiments;
        this.conversations = conversations;
        this.reader = reader;
        this.attribution = attribution;
        this.clock = clock;
    }

    public record RuleDto(
            String id,
            String trigger,
            Long afterSeconds,
            String tag,
            boolean quietHours,
            String experiment,
            String status,
            double holdout,
            List<String> channels,
            Map<String, String> lines) {}

    public record RulesResponse(List<RuleDto> rules) {}

    /** {@code GET /api/v1/outreach/rules}: the rules in use, as the library's YAML gave them. */
    public void rules(Context ctx) {
        ctx.json(new RulesResponse(rules.get().rules().stream().map(this::dto).toList()));
    }

    /**
     * {@code POST /api/v1/outreach/rules/{id}/pause|resume|end}: the rule's experiment, as the slots'
     * are set; a paused or ended one sends nothing (held back as {@code experiment_paused}); an
     * ended one cannot run again ({@code 409 EXPERIMENT_ENDED}). Answers the rule.
     */
    public void setStatus(Context ctx, Experiment.Status status) {
        OutreachRule rule = rules.get()
                .rule(ctx.pathParam("id"))
                .orElseThrow(() ->
                        new ApiException(404, ErrorCodes.NOT_FOUND, "No outreach rule " + ctx.pathParam("id") + "."));
        if (experiments.statusOf(rule.experiment()) == Experiment.Status.ENDED && status != Experiment.Status.ENDED) {
            throw new ApiException(409, ErrorCodes.EXPERIMENT_ENDED, "Experiment " + rule.experiment() + " has ended.");
        }
        String trainer = BearerTokens.caller(ctx);
        experiments.status(rule.experiment(), status, trainer == null ? "trainer" : trainer, clock.instant());
        ctx.json(dto(rule));
    }

    private RuleDto dto(OutreachRule r) {
        return new RuleDto(
                r.id(),
                r.trigger().code(),
                r.after() == null ? null : r.after().toSeconds(),
                r.tag(),
                r.quietHours(),
                r.experiment(),
                experiments.statusOf(r.experiment()).code(),
                r.holdout(),
                r.channels().stream().map(c -> c.code()).toList(),
                new TreeMap<>(r.lines()));
    }

    public record PreviewResponse(
            String ruleId, String shopperId, boolean send, String reason, String channel, String arm, String text) {}

    /**
     * {@code POST /api/v1/outreach/preview} {@code {"ruleId", "shopperId", "productId"?}}: would the
     * rule send to this shopper now, what, or why it would be held back. Nothing is sent or recorded.
     */
    public void preview(Context ctx) {
        JsonNode body = reader.object(ctx.body());
        String ruleId = reader.requiredString(body, "ruleId");
        String shopperId = reader.requiredString(body, "shopperId");
        if (shopperId.length() > 128) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "shopperId must be 1..128 characters.");
        }
        if (rules.get().rule(ruleId).isEmpty()) {
            throw new ApiException(404, ErrorCodes.NOT_FOUND, "No outreach rule " + ruleId + ".");
        }
        String productId = reader.contextProductId(body);
        Outreach.Verdict verdict = outreach.preview(ruleId, shopperId, productId, clock.instant());
        ctx.json(new PreviewResponse(
                ruleId,
                shopperId,
                verdict.send(),
                verdict.reason() == null ? null : verdict.reason().code(),
                verdict.channel() == null ? null : verdict.channel().code(),
                verdict.arm(),
                verdict.text()));
    }

    public record LogEntry(
            String at,
            String ruleId,
            String trigger,
            String shopperId,
            String conversationId,
            String productId,
            boolean sent,
            String reason,
            String channel,
            String arm,
            String text) {
        static LogEntry of(OutreachRecord r) {
            return new LogEntry(
                    r.at().toString(),
                    r.ruleId(),
                    r.trigger().code(),
                    r.shopperKey(),
                    r.conversationId(),
                    r.productId(),
                    r.sent(),
                    r.reason() == null ? null : r.reason().code(),
                    r.channel() == null ? null : r.channel().code(),
                    r.arm(),
                    r.text());
        }
    }

    public record LogResponse(int days, long sent, Map<String, Long> held, List<LogEntry> entries) {}

    /**
     * {@code GET /api/v1/outreach/log?days=7&limit=200}: the latest decisions, newest first, and how
     * many were sent and held back by reason.
     */
    public void log(Context ctx) {
        int days = (int) RequestReader.wholeNumber(ctx.queryParam("days"), 7, 1, 365, "days must be 1..365.");
        int limit = (int) RequestReader.wholeNumber(ctx.queryParam("limit"), 200, 1, 1_000, "limit must be 1..1000.");
        List<OutreachRecord> records = log.recent(clock.instant().minus(Duration.ofDays(days)), limit);
        Map<String, Long> held = new TreeMap<>();
        records.stream()
                .filter(r -> !r.sent())
                .forEach(r -> held.merge(r.reason().code(), 1L, Long::sum));
        ctx.json(new LogResponse(
                days,
                records.stream().filter(OutreachRecord::sent).count(),
                held,
                records.stream().map(LogEntry::of).toList()));
    }

    public record RuleResults(
            String ruleId,
            String experiment,
            String status,
            long sent,
            long replies,
            Map<String, Long> held,
            String baseline,
            List<ArmDto> arms) {}

    public record ResultsResponse(long attributionHours, List<RuleResults> rules) {}

    /**
     * {@code GET /api/v1/outreach/results}: per rule, messages sent, shoppers who replied, holds by
     * reason, and its experiment's arms (clicks, orders, revenue, and the hand-offs, ratings and
     * thumbs-down of the same shoppers' conversations) against the holdout.
     */
    public void results(Context ctx) {
        Instant since = Instant.EPOCH;
        ctx.json(new ResultsResponse(
                attribution.toHours(),
                rules.get().rules().stream().map(r -> results(r, since)).toList()));
    }

    private RuleResults results(OutreachRule rule, Instant since) {
        List<OutreachRecord> records = log.ofRule(rule.id(), since);
        Map<String, Long> held = new TreeMap<>();
        records.stream()
                .filter(r -> !r.sent() && r.reason() != HoldReason.HOLDOUT)
                .forEach(r -> held.merge(r.reason().code(), 1L, Long::sum));
        List<OutreachRecord> sent =
                records.stream().filter(OutreachRecord::sent).toList();
        long replies = sent.stream().filter(this::repliedTo).count();
        Map<String, ArmTally> tallies = new TreeMap<>();
        tallies.put(OutreachRule.MESSAGE_ARM, ArmTally.EMPTY);
        if (rule.holdout() > 0) {
            tallies.put(Experiment.HOLDOUT, ArmTally.EMPTY);
        }
        tallies.putAll(experiments.tally(rule.experiment(), attribution));
        String baseline = tallies.containsKey(Experiment.HOLDOUT) ? Experiment.HOLDOUT : OutreachRule.MESSAGE_ARM;
        Map<String, Counts> counts = new TreeMap<>();
        tallies.forEach((arm, tally) -> counts.put(arm, tally.counts()));
        return new RuleResults(
                rule.id(),
                rule.experiment(),
                experiments.statusOf(rule.experiment()).code(),
                sent.size(),
                replies,
                held,
                baseline,
                ExperimentStats.of(counts, baseline).stream()
                        .map(result -> ArmDto.of(result, tallies.get(result.arm())))
                        .toList());
    }

    /** Whether the shopper wrote in the widget's conversation after the message reached it. */
    private boolean repliedTo(OutreachRecord sent) {
        return sent.conversationId() != null
                && conversations
                        .find(sent.conversationId())
                        .map(c -> c.messages().stream()
                                .anyMatch(m -> m.from() == Speaker.SHOPPER && m.at().isAfter(sent.at())))
                        .orElse(false);
    }
}
