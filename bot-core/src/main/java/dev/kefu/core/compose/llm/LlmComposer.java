package dev.kefu.core.compose.llm;

import dev.kefu.core.Checks;
import dev.kefu.core.compose.Answer;
import dev.kefu.core.compose.AnswerComposer;
import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.compose.CompositionRequest;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.Passage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage ④ with a language model: the template composer decides whether there is knowledge to
 * answer from, the model writes the answer from those passages, and the answer is used only when
 * it passes the {@link GroundingCheck}. Every other outcome is an explicit decision recorded in the
 * answer's trace, never an error and never a wait past the budget:
 *
 * <ol>
 *   <li>no passages (small talk, nothing found): the template's answer, the model is not asked;
 *   <li>circuit open: the template's answer at once ({@code circuit_open});
 *   <li>the model is asked with the {@link GroundedPrompt} (personal data masked), its words
 *       streamed to {@link CompositionRequest#stream()} as drafts;
 *   <li>no complete answer within the budget, an error or a rate limit: the template's answer
 *       ({@code timeout}, {@code error}, {@code rate_limited}), or a hand-off when so configured;
 *   <li>the answer, personal data restored, fails a check: the template's answer with the reason;
 *   <li>otherwise the model's answer, its citation markers turned into citations.
 * </ol>
 */
public final class LlmComposer implements AnswerComposer {
    private static final Logger LOG = LoggerFactory.getLogger(LlmComposer.class);

    private final StreamingChatModel model;
    private final AnswerComposer template;
    private final GroundedPrompt prompt;
    private final GroundingCheck check;
    private final PersonalDataMasker masker;
    private final CircuitBreaker breaker;
    /** Availability failures: the model could not answer (as opposed to answered badly). */
    private static final java.util.Set<String> UNAVAILABLE =
            java.util.Set.of("timeout", "error", "rate_limited", "circuit_open");

    private final Duration budget;
    private final int maxTurns;
    private final boolean handOffOnFailure;

    private LlmComposer(Builder b) {
        this.model = b.model;
        this.template = b.template;
        this.prompt = b.prompt;
        this.check = b.check;
        this.masker = b.masker;
        this.breaker = b.breaker;
        this.budget = b.budget;
        this.maxTurns = b.maxTurns;
        this.handOffOnFailure = b.handOffOnFailure;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Answer compose(CompositionRequest request) {
        Answer fallback = template.compose(request);
        if (fallback.kind() != AnswerKind.GROUNDED || request.passages().isEmpty()) {
            return fallback.withTrace(AnswerTrace.template());
        }
        if (!breaker.tryAcquire()) {
            return fallBack(fallback, "circuit_open", "the model failed repeatedly; it is not asked for now", -1);
        }
        Language language = request.understanding().replyLanguage();
        List<ConversationMessage> all = request.conversation().messages();
        ConversationMessage current = all.get(all.size() - 1);
        List<ConversationMessage> turns = all.subList(Math.max(0, all.size() - 1 - maxTurns), all.size() - 1);
        MaskingVault vault = masker.newVault();
        List<ChatMessage> messages = prompt.messages(request.passages(), turns, current.text(), language, vault);

        long started = System.nanoTime();
        String raw;
        try {
            raw = BudgetedCall.complete(model, messages, budget, written -> {
                String draft = Drafts.clean(vault.restore(written));
                if (!draft.isEmpty()) {
                    try {
                        request.stream().draft(draft);
                    } catch (RuntimeException e) {
                        LOG.debug("a draft could not be sent", e);
                    }
                }
            });
        } catch (BudgetedCall.Failure e) {
            breaker.failure();
            LOG.warn("the model gave no answer ({}): {}", e.reason(), e.getMessage());
            return fallBack(fallback, e.reason(), e.getMessage(), millis(started));
        }
        breaker.success();
        long took = millis(started);

        List<String> conversationTexts = new ArrayList<>();
        turns.forEach(turn -> conversationTexts.add(turn.text()));
        conversationTexts.add(current.text());
        GroundingVerdict verdict = check.check(
                raw == null ? null : vault.restore(raw),
                request.passages(),
                conversationTexts,
                language,
                prompt.system(language));
        if (!verdict.accepted()) {
            return fallBack(fallback, verdict.reason().code(), verdict.detail(), took);
        }
        List<Citation> citations = new ArrayList<>();
        for (String id : verdict.citedIds()) {
            request.passages().stream()
                    .filter(p -> p.entryId().equals(id))
                    .findFirst()
                    .map(Passage::title)
                    .ifPresent(title -> citations.add(new Citation(id, title)));
        }
        return new Answer(verdict.text(), citations, AnswerKind.GROUNDED, AnswerTrace.llm(took, prompt.version()));
    }

    private Answer fallBack(Answer templateAnswer, String reason, String detail, long took) {
        return templateAnswer.withTrace(AnswerTrace.fallback(
                reason,
                dev.kefu.core.Texts.shorten(detail, 300),
                prompt.version(),
                took >= 0 ? took : null,
                handOffOnFailure && UNAVAILABLE.contains(reason)));
    }

    private long millis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /**
     * Wires an LLM composer; {@link #build()} reports every missing or invalid part at once. The
     * clock only serves the default circuit breaker.
     */
    public static final class Builder {
        private StreamingChatModel model;
        private AnswerComposer template;
        private GroundedPrompt prompt = GroundedPrompt.builtIn();
        private GroundingCheck check = new GroundingCheck();
        private PersonalDataMasker masker = PersonalDataMasker.defaults();
        private CircuitBreaker breaker;
        private Duration budget = Duration.ofSeconds(3);
        private int maxTurns = 6;
        private boolean handOffOnFailure;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The model; a non-streaming one can be adapted (one draft: the whole answer). */
        public Builder model(StreamingChatModel value) {
            this.model = value;
            return this;
        }

        /** Decides whether there is knowledge to answer from, and answers when the model cannot. */
        public Builder template(AnswerComposer value) {
            this.template = value;
            return this;
        }

        public Builder prompt(GroundedPrompt value) {
            this.prompt = value;
            return this;
        }

        Builder check(GroundingCheck value) {
            this.check = value;
            return this;
        }

        public Builder masker(PersonalDataMasker value) {
            this.masker = value;
            return this;
        }

        public Builder breaker(CircuitBreaker value) {
            this.breaker = value;
            return this;
        }

        /** The time one answer may take, from the request to the complete answer. */
        public Builder budget(Duration value) {
            this.budget = value;
            return this;
        }

        /** Most earlier turns of the conversation in the prompt, {@code >= 0}. */
        public Builder maxTurns(int value) {
            this.maxTurns = value;
            return this;
        }

        /** Whether a model that could not answer asks for a person instead of the template. */
        public Builder handOffOnFailure(boolean value) {
            this.handOffOnFailure = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public LlmComposer build() {
            List<String> problems = new ArrayList<>();
            if (model == null) {
                problems.add("model is required");
            }
            if (template == null) {
                problems.add("template is required");
            }
            if (prompt == null || check == null || masker == null || clock == null) {
                problems.add("prompt, check, masker and clock must not be null");
            }
            if (budget == null || budget.isNegative() || budget.isZero()) {
                problems.add("budget must be positive, was " + budget);
            }
            if (maxTurns < 0) {
                problems.add("maxTurns must be >= 0, was " + maxTurns);
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Cannot build LlmComposer: " + String.join("; ", problems));
            }
            if (breaker == null) {
                breaker = new CircuitBreaker(5, Duration.ofSeconds(30), clock);
            }
            Checks.requireNonNull("breaker", breaker);
            return new LlmComposer(this);
        }
    }
}
