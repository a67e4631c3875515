package dev.kefu.core.pipeline;

import dev.kefu.core.Checks;
import dev.kefu.core.compose.Answer;
import dev.kefu.core.compose.AnswerComposer;
import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerStream;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.compose.CompositionRequest;
import dev.kefu.core.compose.FactFirstComposer;
import dev.kefu.core.compose.ReplyTexts;
import dev.kefu.core.compose.TemplateComposer;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationLocks;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.conversation.Subject;
import dev.kefu.core.handoff.HandoffInput;
import dev.kefu.core.handoff.HandoffPolicy;
import dev.kefu.core.handoff.HandoffQueue;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTicket;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.EntityExtractor;
import dev.kefu.core.intent.IntentClassifier;
import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.LanguageDetector;
import dev.kefu.core.intent.TextNormalizer;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.knowledge.KnowledgeFacts;
import dev.kefu.core.knowledge.KnowledgeQuery;
import dev.kefu.core.knowledge.KnowledgeRetriever;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.core.message.InboundMessage;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.message.ShopperProfiles;
import dev.kefu.core.order.OrderDesk;
import dev.kefu.core.sentiment.Sentiment;
import dev.kefu.core.sentiment.SentimentAnalyzer;
import dev.kefu.core.sentiment.SentimentTrend;
import dev.kefu.core.slot.Slot;
import dev.kefu.core.slot.SlotGuard;
import dev.kefu.core.slot.SlotPlanner;
import dev.kefu.core.slot.SlotRequest;
import dev.kefu.core.slot.SuppressionReason;
import dev.kefu.core.text.Frames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The orchestrator: takes one shopper message through stages ① to ⑥ and records the outcome;
 * the channel that called it renders the result (⑦).
 *
 * <ol>
 *   <li>① in: load the conversation and record the message; if a person serves it, stop (the bot
 *       stays silent).
 *   <li>② NLU: language, normalised text, intent, entities, this message's sentiment and the
 *       conversation's running sentiment; the product it is about (named, or referred back to from
 *       the conversation's state) and whether it asks what goes with it.
 *   <li>③ knowledge: passages above the retriever's threshold, possibly none, for ②'s query; for
 *       a message the router finds out of scope, only confident ones.
 *   <li>③½ orders: a message about the shopper's orders is answered from the store's orders
 *       ({@link OrderDesk}), shown only to their owner; ④ and ⑤ are skipped, ⑥'s hand-off rules
 *       still apply.
 *   <li>④ compose: the answer body (a question about one attribute of a product: that fact first),
 *       degrading to the template composer if the composer fails.
 *   <li>⑤ slots: marketing proposals, kept apart from the answer; a planner failure means none.
 *   <li>⑥ decide: hand off or reply; the slot guard rails apply to replies only.
 * </ol>
 *
 * <p>A failing NLU or knowledge stage, or one that takes longer than the stage timeout, becomes a
 * {@link Decision.Handoff} with reason {@link HandoffReason#BOT_FAILURE}: an outage is never
 * presented to the shopper as "I don't know". Messages of one conversation are handled one at a
 * time, under the same {@link ConversationLocks} the agent desk uses; different conversations run
 * in parallel. Thread-safe.
 */
public final class ConversationPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(ConversationPipeline.class);
    /** The log's field (SLF4J MDC) of the conversation a turn is about, set while it is handled. */
    public static final String LOG_CONVERSATION = "conversationId";
    /** The log's field of the stage that logs, where one does. */
    public static final String LOG_STAGE = "stage";

    private final LanguageDetector languageDetector;
    private final TextNormalizer normalizer;
    private final IntentClassifier intentClassifier;
    private final EntityExtractor entityExtractor;
    private final SentimentAnalyzer sentimentAnalyzer;
    private final KnowledgeRetriever retriever;
    private final AnswerComposer composer;
    private final AnswerComposer fallbackComposer;
    private final OrderDesk orderDesk;
    private final SlotPlanner slotPlanner;
    private final SlotGuard slotGuard;
    private final HandoffPolicy handoffPolicy;
    private final HandoffQueue queue;
    private final ConversationStore store;
    private final ShopperProfiles shopperProfiles;
    private final ConversationLocks locks;
    private final ExecutorService stageExecutor;
    private final Duration stageTimeout;
    private final PipelineListener listener;
    private final StageTimer timer;
    private final Clock clock;
    private final int maxPassages;
    private final double trendAlpha;
    private final Predicate<String> products;

    private ConversationPipeline(Builder b) {
        this.languageDetector = b.languageDetector;
        this.normalizer = b.normalizer;
        this.intentClassifier = b.intentClassifier;
        this.entityExtractor = b.entityExtractor;
        this.sentimentAnalyzer = b.sentimentAnalyzer;
        this.retriever = b.retriever;
        // a question about one attribute of a product is answered by the fact, whatever composes the rest
        this.composer = b.productFacts == null ? b.composer : new FactFirstComposer(b.composer, b.productFacts);
        this.fallbackComposer = b.productFacts == null
                ? new TemplateComposer()
                : new FactFirstComposer(new TemplateComposer(), b.productFacts);
        this.orderDesk = b.orderDesk;
        this.slotPlanner = b.slotPlanner;
        this.slotGuard = b.slotGuard;
        this.handoffPolicy = b.handoffPolicy;
        this.queue = b.queue;
        this.store = b.store;
        this.shopperProfiles = b.shopperProfiles;
        this.locks = b.locks;
        this.stageExecutor = b.stageExecutor;
        this.stageTimeout = b.stageTimeout;
        this.listener = b.listener;
        this.timer = b.timer;
        this.clock = b.clock;
        this.maxPassages = b.maxPassages;
        this.trendAlpha = b.trendAlpha;
        this.products = b.products;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Handles one shopper message and stores the conversation before returning, so a returned
     * result is an acknowledged message.
     *
     * @throws RuntimeException only when the conversation store fails (nothing was acknowledged)
     */
    public PipelineResult handle(InboundMessage message) {
        return handle(message, AnswerStream.none());
    }

    /**
     * As {@link #handle(InboundMessage)}, sending the answer to {@code stream} while it is written
     * (a draft: the returned result is what was decided).
     */
    public PipelineResult handle(InboundMessage message, AnswerStream stream) {
        try (MDC.MDCCloseable logged = MDC.putCloseable(LOG_CONVERSATION, message.conversationId())) {
            return locks.withLock(message.conversationId(), () -> handleLocked(message, stream));
        }
    }

    private PipelineResult handleLocked(InboundMessage message, AnswerStream stream) {
        Instant started = clock.instant();
        String id = message.conversationId();

        // ① in
        Conversation conversation = open(message).append(Speaker.SHOPPER, message.text(), List.of(), started);
        long shopperSeq = conversation.messages().size();
        conversation = onPage(conversation, message.productId(), shopperSeq);
        took(Stage.IN, started);
        emit(new PipelineEvent.Received(id, message));
        if (conversation.state() == ConversationState.QUEUED || conversation.state() == ConversationState.AGENT) {
            store.save(conversation);
            emit(new PipelineEvent.Relayed(id, conversation.state().code()));
            return new PipelineResult.Relayed(conversation, shopperSeq);
        }

        Understanding nlu;
        List<Passage> passages;
        try {
            // ② NLU and ③ knowledge, within the stage timeout
            Conversation received = conversation;
            Understood understood = withinTimeout(() -> {
                Understanding u = understand(message, received);
                return new Understood(u, retrieve(id, u));
            });
            nlu = understood.nlu();
            passages = understood.passages();
            conversation = conversation
                    .withSentiment(nlu.trend())
                    .withSignals(shopperSeq, MessageSignals.of(nlu))
                    .withSubject(Subjects.next(conversation, nlu.entities(), nlu.normalizedText(), shopperSeq));
        } catch (StageFailure e) {
            return handOffOnFailure(message, conversation, shopperSeq, started, e);
        }

        // ③½ orders: a question about the shopper's orders is answered from the store's orders
        Optional<OrderDesk.Turn> orderTurn = orders(message, nlu, conversation);
        if (orderTurn.isPresent()) {
            OrderDesk.Turn turn = orderTurn.get();
            conversation = conversation.withOrderThread(turn.thread());
            Instant deciding = clock.instant();
            Decision decision = decideOrder(nlu, turn, conversation);
            took(Stage.DECIDE, deciding);
            List<ConversationEvent> proposed = List.of();
            if (turn.proposal() != null && decision instanceof Decision.Reply) {
                proposed = List.of(new ConversationEvent.ActionProposed(
                        id,
                        clock.instant(),
                        turn.proposal().seq(),
                        turn.proposal().request()));
            } else if (turn.proposal() != null) {
                // handed off instead: nothing was asked, nothing can be confirmed
                conversation = conversation.withOrderThread(turn.thread().answered());
            }
            return record(message, conversation, shopperSeq, nlu, decision, Map.of(), turn.trace(), started, proposed);
        }

        // ④ compose
        Answer answer = compose(new CompositionRequest(nlu, passages, conversation, stream));
        conversation = conversation.withSubject(Subjects.shown(conversation, nlu, passages, answer, shopperSeq));

        // ⑤ slots
        List<Slot> proposed = planSlots(new SlotRequest(nlu, passages, conversation));

        // ⑥ decide
        Instant deciding = clock.instant();
        Outcome decided = decide(nlu, answer, proposed, conversation);
        took(Stage.DECIDE, deciding);
        return record(
                message,
                conversation,
                shopperSeq,
                nlu,
                decided.decision(),
                decided.suppressed(),
                answer.trace(),
                started,
                List.of());
    }

    /** What stages ② and ③ found: the understanding and the passages. */
    private record Understood(Understanding nlu, List<Passage> passages) {}

    /** Why stages ② and ③ produced nothing: what failed, or how long they were given. */
    private static final class StageFailure extends Exception {
        private final Map<String, String> details;

        StageFailure(Throwable cause, Map<String, String> details) {
            super(cause);
            this.details = details;
        }
    }

    private Understood withinTimeout(java.util.function.Supplier<Understood> stages) throws StageFailure {
        if (stageExecutor == null) {
            try {
                return stages.get();
            } catch (RuntimeException e) {
                throw new StageFailure(e, Map.of("error", e.getClass().getSimpleName()));
            }
        }
        Map<String, String> logged = MDC.getCopyOfContextMap(); // the conversation id, on the stage thread too
        Future<Understood> future = stageExecutor.submit(() -> {
            MDC.setContextMap(logged == null ? Map.of() : logged);
            try {
                return stages.get();
            } finally {
                MDC.clear();
            }
        });
        try {
            return future.get(stageTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StageFailure(e, Map.of("error", "timeout", "timeoutMs", Long.toString(stageTimeout.toMillis())));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StageFailure(cause, Map.of("error", cause.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new StageFailure(e, Map.of("error", "interrupted"));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new StageFailure(e, Map.of("error", "overloaded"));
        }
    }

    private Conversation open(InboundMessage message) {
        ShopperContext shopper = shopperProfiles.enrich(message.shopper());
        Optional<Conversation> existing = store.find(message.conversationId());
        if (existing.isEmpty()) {
            return Conversation.start(message.conversationId(), shopper, message.receivedAt());
        }
        Conversation conversation = existing.get().withShopper(shopper);
        return conversation.state() == ConversationState.CLOSED
                ? conversation.withState(ConversationState.BOT)
                : conversation;
    }

    /**
     * The product page the chat was opened on ({@code context.productId}) is what the conversation
     * is about until the shopper names a product: it becomes the subject of a conversation that has
     * none. An id that is not a product of the store is ignored (a storefront page may be newer than
     * the knowledge), so a stale page never breaks the chat.
     */
    private Conversation onPage(Conversation conversation, String productId, long shopperSeq) {
        if (productId == null || conversation.subject() != null || !products.test(productId)) {
            return conversation;
        }
        return conversation.withSubject(new Subject(productId, shopperSeq));
    }

    /**
     * Stage ②, for a message that is the conversation's last: everything later stages need to know
     * of it, the product it is about (from the conversation's state) included.
     */
    private Understanding understand(InboundMessage message, Conversation conversation) {
        Instant start = clock.instant();
        Language language = languageDetector.detect(message.text());
        String text = normalizer.normalize(message.text());
        IntentPrediction intent = intentClassifier.classify(text, language);
        List<Entity> entities = entityExtractor.extract(text, language);
        Sentiment sentiment = sentimentAnalyzer.analyze(message.text(), text, language);
        SentimentTrend trend = conversation.sentiment().next(sentiment.tone(), trendAlpha);
        Subjects.Resolution subject = Subjects.resolution(entities, text, conversation, intent.outOfScope());
        Understanding nlu = new Understanding(
                language,
                replyLanguage(language, message.locale(), text, conversation),
                text,
                intent,
                entities,
                sentiment,
                trend,
                subject.subject(),
                Subjects.asksWhatGoesWith(text),
                subject.aboutSubject(),
                Subjects.asksWhatsOn(text));
        emit(new PipelineEvent.Understood(message.conversationId(), nlu, took(Stage.NLU, start)));
        return nlu;
    }

    /**
     * Detected language wins; a mixed message is answered in the storefront's locale, else in the
     * language of its frame ({@link Frames}: "how heavy is the 云巢推车?" in English), else in Chinese.
     * A message with no letters at all ("88", "???", an emoji) has no language of its own: it is
     * answered in the storefront's locale, else in the conversation's language so far.
     */
    private static Language replyLanguage(Language detected, String locale, String text, Conversation conversation) {
        if (text.codePoints().noneMatch(Character::isLetter)) {
            Language fromLocale = Language.fromLocale(locale);
            if (fromLocale != null) {
                return fromLocale;
            }
            if (conversation.messages().stream().anyMatch(m -> m.signals() != null)) {
                return conversation.language();
            }
        }
        if (detected == Language.MIXED) {
            Language fromLocale = Language.fromLocale(locale);
            if (fromLocale != null) {
                return fromLocale;
            }
            Language frame = Frames.of(text);
            return frame != null ? frame : detected.replyLanguage();
        }
        return detected.replyLanguage();
    }

    /**
     * Stage ③. Every message is searched. Knowledge beats "off-topic", in this one rule: when the
     * router finds a message out of scope and it is about no product of the store (named, or
     * referred back to: "what goes with it?" is out of scope for any router trained on standalone
     * questions) and does not ask broadly what is on now, only confident passages count: the message is one of an entry's example
     * questions, or a near paraphrase above the retriever's calibrated confident similarity. So a
     * question trainers added to an entry is answered at once, without retraining the router, while
     * chat that merely resembles some entry still gets the out-of-scope reply.
     */
    private List<Passage> retrieve(String conversationId, Understanding nlu) {
        Instant start = clock.instant();
        List<Passage> found = retriever.retrieve(KnowledgeQuery.of(nlu, maxPassages, clock.instant()));
        List<Passage> passages = nlu.intent().outOfScope() && nlu.subject() == null && !nlu.asksWhatsOn()
                ? found.stream().filter(Passage::confident).toList()
                : found;
        emit(new PipelineEvent.Retrieved(conversationId, passages, took(Stage.KNOWLEDGE, start)));
        return passages;
    }

    /**
     * Stage ③½: the orders stage's answer when the message is about orders. A failing stage leaves
     * the message to the knowledge (the failure is reported).
     */
    private Optional<OrderDesk.Turn> orders(InboundMessage message, Understanding nlu, Conversation conversation) {
        Instant start = clock.instant();
        try {
            return orderDesk.answer(new OrderDesk.Question(message.text(), nlu, conversation));
        } catch (RuntimeException e) {
            stageFailed(conversation.id(), "orders", e);
            return Optional.empty();
        } finally {
            took(Stage.ORDERS, start);
        }
    }

    /**
     * Stage ⑥ for an answer about orders: the hand-off rules still apply (a VIP, a complaint, an
     * explicit request); otherwise the answer, with the confirm and decline quick replies when it
     * proposes an after-sales action, a person offered when the stage says so, and no marketing.
     */
    private Decision decideOrder(Understanding nlu, OrderDesk.Turn turn, Conversation conversation) {
        Answer answer = new Answer(turn.text(), List.of(), AnswerKind.ORDER, turn.trace());
        emit(new PipelineEvent.Composed(conversation.id(), answer, Duration.ZERO));
        Optional<HandoffTrigger> trigger = handoffPolicy.evaluate(new HandoffInput(nlu, answer, conversation));
        if (trigger.isPresent()) {
            return handoff(trigger.get(), conversation, nlu.sentiment().urgency(), nlu.replyLanguage());
        }
        Language language = nlu.replyLanguage();
        List<QuickReply> quickReplies = new ArrayList<>();
        if (turn.proposal() != null) {
            quickReplies.add(new QuickReply(ReplyTexts.CONFIRM_ACTION.in(language), QuickReply.Action.CONFIRM));
            quickReplies.add(new QuickReply(ReplyTexts.DECLINE_ACTION.in(language), QuickReply.Action.DECLINE));
        }
        if (turn.offerPerson()) {
            quickReplies.add(new QuickReply(ReplyTexts.OFFER_PERSON_ACCEPT.in(language), QuickReply.Action.HANDOFF));
        }
        return new Decision.Reply(answer, List.of(), quickReplies, turn.shown());
    }

    private Answer compose(CompositionRequest request) {
        Instant start = clock.instant();
        String id = request.conversation().id();
        Answer answer;
        try {
            answer = composer.compose(request);
        } catch (RuntimeException e) {
            stageFailed(id, "compose", e);
            answer = fallbackComposer.compose(request);
        }
        emit(new PipelineEvent.Composed(id, answer, took(Stage.COMPOSE, start)));
        return answer;
    }

    private List<Slot> planSlots(SlotRequest request) {
        Instant start = clock.instant();
        String id = request.conversation().id();
        try {
            List<Slot> slots = slotPlanner.plan(request);
            emit(new PipelineEvent.SlotsProposed(id, slots));
            return slots;
        } catch (RuntimeException e) {
            stageFailed(id, "slots", e);
            return List.of();
        } finally {
            took(Stage.SLOTS, start);
        }
    }

    /** Stage ⑥'s outcome: the decision, and the slots the guard rails dropped, by reason. */
    private record Outcome(Decision decision, Map<SuppressionReason, List<Slot>> suppressed) {}

    private Outcome decide(Understanding nlu, Answer answer, List<Slot> proposed, Conversation conversation) {
        Optional<HandoffTrigger> trigger = handoffPolicy.evaluate(new HandoffInput(nlu, answer, conversation));
        if (trigger.isPresent()) {
            Map<SuppressionReason, List<Slot>> suppressed =
                    proposed.isEmpty() ? Map.of() : Map.of(SuppressionReason.HANDOFF_PENDING, proposed);
            suppressed.forEach(
                    (reason, slots) -> emit(new PipelineEvent.SlotsSuppressed(conversation.id(), slots, reason)));
            return new Outcome(
                    handoff(trigger.get(), conversation, nlu.sentiment().urgency(), nlu.replyLanguage()), suppressed);
        }
        SlotGuard.Verdict verdict = slotGuard.check(nlu, conversation, proposed);
        verdict.suppressed()
                .forEach((reason, slots) -> emit(new PipelineEvent.SlotsSuppressed(conversation.id(), slots, reason)));
        boolean offered =
                handoffPolicy.offer(new HandoffInput(nlu, answer, conversation)).isPresent();
        return new Outcome(
                offered
                        ? offeringPerson(answer, verdict.allowed(), nlu.replyLanguage())
                        : new Decision.Reply(answer, verdict.allowed()),
                verdict.suppressed());
    }

    /**
     * The answer, asking whether the shopper would like a person, with a quick reply that hands off
     * when pressed. An answer that found nothing already tells the shopper how to reach a person,
     * so it only gets the button.
     */
    private static Decision.Reply offeringPerson(Answer answer, List<Slot> slots, Language language) {
        Answer asking = answer.kind() == AnswerKind.FALLBACK
                ? answer
                : new Answer(
                        answer.text() + "\n" + ReplyTexts.OFFER_PERSON.in(language),
                        answer.citations(),
                        answer.kind(),
                        answer.trace());
        return new Decision.Reply(
                asking,
                slots,
                List.of(new QuickReply(ReplyTexts.OFFER_PERSON_ACCEPT.in(language), QuickReply.Action.HANDOFF)));
    }

    private Decision.Handoff handoff(
            HandoffTrigger trigger, Conversation conversation, double urgency, Language language) {
        HandoffTicket ticket = queue.ticket(trigger, conversation.shopper(), urgency, language, clock.instant());
        String notice = queue.notice(ticket, trigger.reason() == HandoffReason.BOT_FAILURE);
        return new Decision.Handoff(ticket, new Answer(notice, List.of(), AnswerKind.HANDOFF_NOTICE));
    }

    private PipelineResult handOffOnFailure(
            InboundMessage message, Conversation conversation, long shopperSeq, Instant started, StageFailure e) {
        stageFailed(message.conversationId(), "nlu_or_knowledge", e.getCause() instanceof Exception x ? x : e);
        Language language =
                Optional.ofNullable(Language.fromLocale(message.locale())).orElse(Language.ZH);
        Understanding nlu = Understanding.failed(message.text(), language, conversation.sentiment());
        Map<String, String> details = new LinkedHashMap<>(e.details);
        details.put("stage", "nlu_or_knowledge");
        HandoffTrigger trigger = new HandoffTrigger(HandoffReason.BOT_FAILURE, details);
        return record(
                message,
                conversation,
                shopperSeq,
                nlu,
                handoff(trigger, conversation, 0.0, language),
                Map.of(),
                AnswerTrace.NONE,
                started,
                List.of());
    }

    /** Saves the bot's turn with its decision and {@code more} events after it (an after-sales proposal). */
    private PipelineResult record(
            InboundMessage message,
            Conversation conversation,
            long shopperSeq,
            Understanding nlu,
            Decision decision,
            Map<SuppressionReason, List<Slot>> suppressed,
            AnswerTrace trace,
            Instant started,
            List<ConversationEvent> more) {
        Instant now = clock.instant();
        Conversation next = decision.fold(
                reply -> conversation
                        .withConsecutiveFallbacks(
                                reply.answer().kind() == AnswerKind.FALLBACK
                                        ? conversation.consecutiveFallbacks() + 1
                                        : 0)
                        .withLinesShown(shown(reply))
                        .append(
                                Speaker.BOT,
                                reply.answer().text(),
                                reply.answer().citations(),
                                now),
                handoff -> conversation
                        .append(Speaker.BOT, handoff.notice().text(), List.of(), now)
                        .queued(handoff.ticket(), now));
        List<ConversationEvent> events = new ArrayList<>();
        events.add(decisionEvent(
                conversation.id(), conversation.nextSeq(), nlu, decision, suppressed.keySet(), trace, now));
        events.addAll(more);
        store.save(next, events);
        took(Stage.OUT, now);
        emit(new PipelineEvent.Decided(conversation.id(), message, nlu, decision, Duration.between(started, now)));
        return new PipelineResult.Decided(
                next, shopperSeq, nlu, decision, next.messages().size());
    }

    /**
     * The recorded decision: how the answer was written ({@link Answer#trace()}), what the bot
     * understood, and the reply or the trigger and its values.
     */
    private static ConversationEvent decisionEvent(
            String conversationId,
            long replySeq,
            Understanding nlu,
            Decision decision,
            Set<SuppressionReason> suppressed,
            AnswerTrace trace,
            Instant now) {
        ConversationEvent.Turn turn = new ConversationEvent.Turn(replySeq, MessageSignals.of(nlu), trace, suppressed);
        return decision.fold(
                reply -> new ConversationEvent.Replied(
                        conversationId,
                        now,
                        turn,
                        reply.answer().kind(),
                        reply.answer().citations().stream()
                                .map(Citation::entryId)
                                .toList(),
                        shown(reply)),
                handoff -> new ConversationEvent.HandedOff(
                        conversationId, now, handoff.trigger(), handoff.ticket().priority(), turn));
    }

    /** The lines a reply shows the shopper: its slots but the hold-outs (which show nothing). */
    private static List<String> shown(Decision.Reply reply) {
        return reply.slots().stream()
                .filter(slot -> !slot.isHoldout())
                .map(SlotGuard::key)
                .toList();
    }

    private void stageFailed(String conversationId, String stage, Exception e) {
        try (MDC.MDCCloseable logged = MDC.putCloseable(LOG_STAGE, stage)) {
            LOG.warn("stage {} failed for conversation {}", stage, conversationId, e);
        }
        emit(new PipelineEvent.StageFailed(conversationId, stage, e));
    }

    /** How long {@code stage} took since {@code start}, told to the stage timer. */
    private Duration took(Stage stage, Instant start) {
        Duration took = Duration.between(start, clock.instant());
        try {
            timer.took(stage, took);
        } catch (RuntimeException e) {
            LOG.warn("stage timer failed on {}", stage, e);
        }
        return took;
    }

    private void emit(PipelineEvent event) {
        try {
            listener.on(event);
        } catch (RuntimeException e) {
            LOG.warn("pipeline listener failed on {}", event.getClass().getSimpleName(), e);
        }
    }

    /**
     * Wires a pipeline by hand. Every stage is required except those with a default: the slot
     * planner and guard, the shopper profiles and the listener (none), the locks, the stage
     * timeout and the tuning values; {@link #build()} reports every missing or invalid part at
     * once.
     */
    public static final class Builder {
        private LanguageDetector languageDetector;
        private TextNormalizer normalizer;
        private IntentClassifier intentClassifier;
        private EntityExtractor entityExtractor;
        private SentimentAnalyzer sentimentAnalyzer;
        private KnowledgeRetriever retriever;
        private AnswerComposer composer;
        private KnowledgeFacts productFacts;
        private OrderDesk orderDesk = OrderDesk.none();
        private SlotPlanner slotPlanner = SlotPlanner.none();
        private SlotGuard slotGuard = new SlotGuard();
        private HandoffPolicy handoffPolicy;
        private HandoffQueue queue;
        private ConversationStore store;
        private ShopperProfiles shopperProfiles = ShopperProfiles.none();
        private ConversationLocks locks = ConversationLocks.inProcess();
        private ExecutorService stageExecutor;
        private Duration stageTimeout = Duration.ofSeconds(5);
        private PipelineListener listener = PipelineListener.none();
        private StageTimer timer = StageTimer.none();
        private Clock clock;
        private int maxPassages = 3;
        private double trendAlpha = 0.5;
        private Predicate<String> products = id -> false;

        private Builder() {}

        public Builder languageDetector(LanguageDetector value) {
            this.languageDetector = value;
            return this;
        }

        public Builder normalizer(TextNormalizer value) {
            this.normalizer = value;
            return this;
        }

        public Builder intentClassifier(IntentClassifier value) {
            this.intentClassifier = value;
            return this;
        }

        public Builder entityExtractor(EntityExtractor value) {
            this.entityExtractor = value;
            return this;
        }

        public Builder sentimentAnalyzer(SentimentAnalyzer value) {
            this.sentimentAnalyzer = value;
            return this;
        }

        public Builder retriever(KnowledgeRetriever value) {
            this.retriever = value;
            return this;
        }

        public Builder composer(AnswerComposer value) {
            this.composer = value;
            return this;
        }

        /**
         * The products' typed facts: with them, stage ④ answers a question about one attribute of
         * a product with the fact first ({@link FactFirstComposer}) before the composer; without,
         * the composer answers everything.
         */
        public Builder productFacts(KnowledgeFacts value) {
            this.productFacts = value;
            return this;
        }

        /** The orders stage (default: none, every message goes to the knowledge). */
        public Builder orderDesk(OrderDesk value) {
            this.orderDesk = value;
            return this;
        }

        public Builder slotPlanner(SlotPlanner value) {
            this.slotPlanner = value;
            return this;
        }

        /** The marketing guard rails (default: the built-in ones). */
        public Builder slotGuard(SlotGuard value) {
            this.slotGuard = value;
            return this;
        }

        public Builder handoffPolicy(HandoffPolicy value) {
            this.handoffPolicy = value;
            return this;
        }

        public Builder queue(HandoffQueue value) {
            this.queue = value;
            return this;
        }

        /** The locks shared with every other writer of conversations (the agent desk). */
        public Builder locks(ConversationLocks value) {
            this.locks = value;
            return this;
        }

        /**
         * Runs stages ② and ③ on this executor so they can be given up after {@link
         * #stageTimeout}; without one they run on the caller's thread with no timeout.
         */
        public Builder stageExecutor(ExecutorService value) {
            this.stageExecutor = value;
            return this;
        }

        public Builder stageTimeout(Duration value) {
            this.stageTimeout = value;
            return this;
        }

        public Builder store(ConversationStore value) {
            this.store = value;
            return this;
        }

        /** The tags the store keeps for its shoppers, added to each message's (default: none). */
        public Builder shopperProfiles(ShopperProfiles value) {
            this.shopperProfiles = value;
            return this;
        }

        public Builder listener(PipelineListener value) {
            this.listener = value;
            return this;
        }

        /** Told how long each stage took; default none. */
        public Builder stageTimer(StageTimer value) {
            this.timer = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Most passages retrieved per message, at least 1. */
        public Builder maxPassages(int value) {
            this.maxPassages = value;
            return this;
        }

        /** Weight of the newest message in the running sentiment, in (0, 1]. */
        public Builder trendAlpha(double value) {
            this.trendAlpha = value;
            return this;
        }

        /**
         * Which entry ids are products of the store, for the page a chat was opened on
         * ({@link InboundMessage#productId()}); default: none, so page context is ignored.
         */
        public Builder products(Predicate<String> value) {
            this.products = Checks.requireNonNull("products", value);
            return this;
        }

        public ConversationPipeline build() {
            List<String> problems = new ArrayList<>();
            Map.ofEntries(
                            Map.entry("languageDetector", present(languageDetector)),
                            Map.entry("normalizer", present(normalizer)),
                            Map.entry("intentClassifier", present(intentClassifier)),
                            Map.entry("entityExtractor", present(entityExtractor)),
                            Map.entry("sentimentAnalyzer", present(sentimentAnalyzer)),
                            Map.entry("retriever", present(retriever)),
                            Map.entry("composer", present(composer)),
                            Map.entry("orderDesk", present(orderDesk)),
                            Map.entry("slotPlanner", present(slotPlanner)),
                            Map.entry("slotGuard", present(slotGuard)),
                            Map.entry("handoffPolicy", present(handoffPolicy)),
                            Map.entry("queue", present(queue)),
                            Map.entry("locks", present(locks)),
                            Map.entry("store", present(store)),
                            Map.entry("shopperProfiles", present(shopperProfiles)),
                            Map.entry("listener", present(listener)),
                            Map.entry("stageTimer", present(timer)),
                            Map.entry("clock", present(clock)))
                    .entrySet()
                    .stream()
                    .filter(e -> !e.getValue())
                    .map(e -> e.getKey() + " is required")
                    .sorted()
                    .forEach(problems::add);
            if (maxPassages < 1) {
                problems.add("maxPassages must be >= 1, was " + maxPassages);
            }
            if (stageTimeout == null || stageTimeout.isNegative() || stageTimeout.isZero()) {
                problems.add("stageTimeout must be positive, was " + stageTimeout);
            }
            if (!(trendAlpha > 0 && trendAlpha <= 1)) {
                problems.add("trendAlpha must be in (0, 1], was " + trendAlpha);
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Cannot build ConversationPipeline: " + String.join("; ", problems));
            }
            return new ConversationPipeline(this);
        }

        private static boolean present(Object value) {
            return value != null;
        }
    }
}
