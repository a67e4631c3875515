package dev.kefu.channels.shopper;

import dev.kefu.channels.http.ApiException;
import dev.kefu.channels.http.ChatInput;
import dev.kefu.channels.http.Dtos.CitationDto;
import dev.kefu.channels.http.Dtos.MessageDto;
import dev.kefu.channels.http.ErrorCodes;
import dev.kefu.channels.http.RateLimits;
import dev.kefu.channels.http.RequestReader;
import dev.kefu.channels.identity.ConversationGate;
import dev.kefu.channels.shopper.ChatDtos.CardDto;
import dev.kefu.channels.shopper.ChatDtos.ChatResponse;
import dev.kefu.channels.shopper.ChatDtos.EmotionDto;
import dev.kefu.channels.shopper.ChatDtos.FeedbackResponse;
import dev.kefu.channels.shopper.ChatDtos.HandoffDto;
import dev.kefu.channels.shopper.ChatDtos.IntentDto;
import dev.kefu.channels.shopper.ChatDtos.MessagesResponse;
import dev.kefu.channels.shopper.ChatDtos.QuickReplyDto;
import dev.kefu.channels.shopper.ChatDtos.QuickReplyResponse;
import dev.kefu.channels.shopper.ChatDtos.RatingResponse;
import dev.kefu.channels.shopper.ChatDtos.ReplyDto;
import dev.kefu.channels.shopper.ChatDtos.SentimentDto;
import dev.kefu.channels.shopper.ChatDtos.SlotDto;
import dev.kefu.core.compose.AnswerStream;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.compose.ReplyTexts;
import dev.kefu.core.conversation.ActionOutcome;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.ConversationStore;
import dev.kefu.core.conversation.Feedback;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.AgentDesk;
import dev.kefu.core.handoff.DeskException;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.Understanding;
import dev.kefu.core.message.InboundMessage;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.order.OrderActions;
import dev.kefu.core.pipeline.ConversationPipeline;
import dev.kefu.core.pipeline.PipelineResult;
import dev.kefu.core.pipeline.QuickReply;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat use cases shared by the REST API and the WebSocket: send a message, read a
 * conversation's messages, give feedback on an answer. Maps between the wire DTOs and bot-core's
 * records (stage ⑦, rendering the pipeline's result). Thread-safe.
 */
public record ChatService(
        ConversationPipeline pipeline,
        ConversationStore store,
        AgentDesk desk,
        OrderActions orderActions,
        Clock clock,
        Feedback.Listener feedbackListener,
        ConversationGate gate,
        RateLimits limits,
        ReplyCards cards) {
    private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);

    /**
     * Runs one shopper message through the pipeline; a new conversation is started when none is
     * named. A named one must have been let in ({@link ConversationGate}).
     */
    public ChatResponse send(ChatInput input) {
        return send(input, AnswerStream.none());
    }

    /**
     * As {@link #send(ChatInput)}, with the answer's drafts sent to {@code stream} as it is written.
     * The limits come first ({@link RateLimits}: the conversation's, the verified shopper's, and
     * the room the client's address has left in the queue), so a refused message costs nothing.
     */
    public ChatResponse send(ChatInput input, AnswerStream stream) {
        limits.message(input.conversationId(), input.shopper());
        String conversationId = input.conversationId() != null
                ? input.conversationId()
                : gate.open().conversationId();
        limits.queueRoom(input.address(), conversationId, this::waiting);
        PipelineResult result = pipeline.handle(
                new InboundMessage(
                        conversationId,
                        input.text(),
                        writer(input),
                        input.locale(),
                        clock.instant(),
                        input.productId()),
                stream);
        if (result.conversation().state() == ConversationState.QUEUED) {
            limits.handedOff(input.address(), conversationId);
        }
        return toResponse(result, gate.tokenOf(conversationId));
    }

    /** Whether the conversation waits for a person. */
    private boolean waiting(String conversationId) {
        return store.find(conversationId)
                .map(c -> c.state() == ConversationState.QUEUED)
                .orElse(false);
    }

    /**
     * Who writes: the message's shopper, except that a conversation a verified shopper owns stays
     * theirs when a message comes without their token (the widget of a shopper whose page did not
     * sign them in this time), so its owner, tier and opt-outs are not lost.
     */
    private ShopperContext writer(ChatInput input) {
        if (input.shopper().verified() || input.conversationId() == null) {
            return input.shopper();
        }
        return store.find(input.conversationId())
                .map(Conversation::shopper)
                .filter(ShopperContext::verified)
                .orElse(input.shopper());
    }

    /** Messages of a conversation after {@code after} (0 for all). */
    public MessagesResponse messages(String conversationId, long after) {
        Conversation conversation = require(conversationId);
        List<MessageDto> messages =
                conversation.messagesAfter(after).stream().map(MessageDto::of).toList();
        return new MessagesResponse(conversationId, conversation.state().code(), messages);
    }

    /** Records whether a bot answer helped. Only bot messages can be rated. */
    public FeedbackResponse feedback(String conversationId, long seq, boolean helpful) {
        Conversation conversation = require(conversationId);
        ConversationMessage message = requireBotMessage(conversation, seq);
        List<String> cited = message.citations().stream().map(Citation::entryId).toList();
        LOG.info("feedback conversation={} seq={} helpful={} citations={}", conversationId, seq, helpful, cited);
        Conversation after = desk.feedback(conversationId, seq, helpful);
        questionBefore(conversation, seq)
                .ifPresent(question -> feedbackListener.on(
                        new Feedback(conversationId, question, seq, helpful, cited, clock.instant())));
        return new FeedbackResponse(conversationId, seq, helpful, after.state().code());
    }

    /**
     * The shopper pressed a quick reply under bot message {@code seq}: {@code handoff} hands the
     * conversation to a person (reason {@code shopper_accepted_offer}); pressing it again, or once a
     * person has it, changes nothing. {@code confirm} and {@code decline} answer the after-sales
     * action that message proposed.
     */
    public QuickReplyResponse quickReply(String conversationId, long seq, String action) {
        Conversation conversation = require(conversationId);
        QuickReply.Action pressed = QuickReply.Action.of(action);
        if (pressed == null) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "action must be handoff, confirm or decline.");
        }
        requireBotMessage(conversation, seq);
        LOG.info("quick reply conversation={} seq={} action={}", conversationId, seq, pressed.code());
        if (pressed == QuickReply.Action.HANDOFF) {
            Conversation after = desk.acceptOffer(conversationId, seq);
            return new QuickReplyResponse(
                    conversationId, seq, pressed.code(), after.state().code(), null, null);
        }
        return answerProposal(conversationId, seq, pressed);
    }

    /**
     * {@code confirm} or {@code decline} under the bot message that proposed an after-sales action:
     * answered once ({@link OrderActions#answer}); a second answer is refused (409 {@code
     * ACTION_NOT_OPEN}) but after a failure of the store's service, which leaves it open. A failure
     * is told with a person offered.
     */
    private QuickReplyResponse answerProposal(String conversationId, long seq, QuickReply.Action pressed) {
        OrderActions.Answered answered;
        try {
            answered = orderActions.answer(conversationId, seq, pressed == QuickReply.Action.CONFIRM);
        } catch (OrderActions.NotOpen e) {
            throw new ApiException(
                    409,
                    ErrorCodes.ACTION_NOT_OPEN,
                    "Message " + seq + " proposes nothing that can still be confirmed or declined.");
        }
        Conversation after = answered.conversation();
        ConversationMessage reply = after.messages().get((int) answered.replySeq() - 1);
        Language language = after.language();
        List<QuickReplyDto> offer = answered.outcome() == ActionOutcome.FAILED
                ? List.of(new QuickReplyDto(
                        ReplyTexts.OFFER_PERSON_ACCEPT.in(language), QuickReply.Action.HANDOFF.code()))
                : List.of();
        return new QuickReplyResponse(
                conversationId,
                seq,
                pressed.code(),
                after.state().code(),
                new ReplyDto(reply.seq(), reply.text(), CitationDto.of(reply.citations()), offer),
                answered.outcome() == null ? null : answered.outcome().code());
    }

    /** Whether the bot answers this conversation's next message (so the widget shows the bot typing). */
    boolean botAnswers(String conversationId) {
        return store.find(conversationId)
                .map(c -> c.state() == ConversationState.BOT || c.state() == ConversationState.CLOSED)
                .orElse(true);
    }

    /** Records the shopper's 1-5 rating of the conversation; a second rating is refused (409 ALREADY_RATED). */
    public RatingResponse rate(String conversationId, RequestReader.Rating rating) {
        require(conversationId);
        try {
            desk.rate(conversationId, rating.score(), rating.comment());
        } catch (DeskException e) {
            if (e.reason() == DeskException.Reason.ALREADY_RATED) {
                throw new ApiException(409, ErrorCodes.ALREADY_RATED, e.getMessage());
            }
            throw new ApiException(404, ErrorCodes.NOT_FOUND, e.getMessage());
        }
        return new RatingResponse(conversationId, rating.score());
    }

    /** Message {@code seq} of the conversation, which must be the bot's: 404 or 400 otherwise. */
    private static ConversationMessage requireBotMessage(Conversation conversation, long seq) {
        if (seq < 1 || seq > conversation.messages().size()) {
            throw new ApiException(
                    404, ErrorCodes.NOT_FOUND, "Conversation " + conversation.id() + " has no message " + seq + ".");
        }
        ConversationMessage message = conversation.messages().get((int) seq - 1);
        if (message.from() != Speaker.BOT) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "seq must name a message of the bot.");
        }
        return message;
    }

    /** The last thing the shopper wrote before message {@code seq}. */
    private static Optional<String> questionBefore(Conversation conversation, long seq) {
        for (int i = (int) seq - 2; i >= 0; i--) {
            ConversationMessage message = conversation.messages().get(i);
            if (message.from() == Speaker.SHOPPER) {
                return Optional.of(message.text());
            }
        }
        return Optional.empty();
    }

    /** The conversation, if it is stored. */
    Optional<Conversation> find(String conversationId) {
        return store.find(conversationId);
    }

    /** The conversation, or a 404 when it does not exist (or expired). */
    Conversation require(String conversationId) {
        RequestReader.requireConversationId(conversationId);
        return store.find(conversationId).orElseThrow(() -> ConversationGate.notFound(conversationId));
    }

    private ChatResponse toResponse(PipelineResult result, String token) {
        Conversation conversation = result.conversation();
        if (result instanceof PipelineResult.Decided decided) {
            Understanding nlu = decided.understanding();
            ConversationMessage reply = conversation.messages().get((int) decided.replySeq() - 1);
            List<SlotDto> slots = decided.decision()
                    .fold(
                            r -> r.slots().stream()
                                    .filter(s -> !s.isHoldout()) // the holdout's place shows nothing
                                    .map(s -> new SlotDto(
                                            s.scriptId(),
                                            s.position().code(),
                                            s.text(),
                                            s.stage() == null ? null : s.stage().code()))
                                    .toList(),
                            h -> List.of());
            List<QuickReplyDto> quickReplies = decided.decision()
                    .fold(
                            r -> r.quickReplies().stream()
                                    .map(q -> new QuickReplyDto(
                                            q.label(), q.action().code()))
                                    .toList(),
                            h -> List.of());
            List<CardDto> shown = decided.decision().fold(r -> cards.of(r, nlu.replyLanguage()), h -> List.of());
            HandoffDto handoff = decided.decision()
                    .fold(
                            r -> null,
                            h -> new HandoffDto(
                                    h.trigger().reason().code(),
                                    conversation.state().code()));
            return new ChatResponse(
                    conversation.id(),
                    token,
                    result.shopperSeq(),
                    List.of(new ReplyDto(
                            reply.seq(), reply.text(), CitationDto.of(reply.citations()), quickReplies, shown)),
                    new IntentDto(nlu.intent().name(), round(nlu.intent().confidence())),
                    new SentimentDto(
                            round(nlu.sentiment().score()),
                            nlu.sentiment().label().code(),
                            new EmotionDto(
                                    round(nlu.sentiment().emotion()),
                                    nlu.sentiment().emotionLabel().code()),
                            round(nlu.sentiment().valence())),
                    slots,
                    handoff);
        }
        // Relayed: a person serves the conversation, the bot stays silent.
        HandoffDto handoff = conversation.ticket() == null
                ? null
                : new HandoffDto(
                        conversation.ticket().trigger().reason().code(),
                        conversation.state().code());
        return new ChatResponse(
                conversation.id(), token, result.shopperSeq(), List.of(), null, null, List.of(), handoff);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
