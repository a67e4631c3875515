package dev.kefu.core.pipeline;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.conversation.Subject;
import dev.kefu.core.intent.Entity;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Stage ②'s reading of what a message is about: the product it names, or, when it refers back
 * ("is it in stock?", "这个可以退吗", "那款有黑色的吗"), the product the conversation is about
 * ({@link Conversation#subject()}, the one the shopper named last); and whether it asks what goes
 * with that product. The only place these words are detected: stage ③ takes the results.
 */
final class Subjects {
    /** A product named more than this many shopper messages ago is no longer what "it" means. */
    static final int LOOK_BACK = 10;

    /** Words that refer back to something named before, in English and Chinese. */
    static final Pattern REFERS_BACK = Pattern.compile(
            "(?iu)\\b(it|its|it's|this one|that one|these|those|them|they)\\b|这个|那个|这款|那款|这件|那件|这种|那种|它");

    /**
     * A question about what goes with the product being discussed ("what goes with it?", "any
     * accessories?", "有什么配件", "搭配什么"): answered from the graph, not by search.
     */
    static final Pattern ASKS_WHAT_GOES_WITH = Pattern.compile(
            "(?iu)\\bgo(es)? (well )?with\\b|accessor|\\badd-?ons?\\b|compatible|what else (do|should|can) i"
                    + "|配件|搭配|配套|配什么|一起买|还需要买");

    /** The entity type of products, whose value is the product's entry id. */
    static final String PRODUCT = "product";

    private Subjects() {}

    /** The first product this message names, if any. */
    static Optional<String> named(List<Entity> entities) {
        return entities.stream()
                .filter(entity -> entity.type().equals(PRODUCT))
                .map(Entity::value)
                .findFirst();
    }

    /**
     * @param entities this message's entities
     * @param normalizedText this message, normalised
     * @param conversation the conversation with this message as its last shopper message, its
     *     subject as before this message
     * @return the subject's entry id, or {@code null}
     */
    static String resolve(List<Entity> entities, String normalizedText, Conversation conversation) {
        Optional<String> named = named(entities);
        if (named.isPresent()) {
            return named.get();
        }
        Subject before = conversation.subject();
        if (before == null || !REFERS_BACK.matcher(normalizedText).find()) {
            return null;
        }
        List<ConversationMessage> messages = conversation.messages();
        int since = 0; // shopper messages after the one that named it, before this one
        boolean skippedCurrent = false;
        for (int i = messages.size() - 1; i >= 0 && messages.get(i).seq() > before.seq(); i--) {
            if (messages.get(i).from() == Speaker.SHOPPER) {
                if (skippedCurrent) {
                    since++;
                }
                skippedCurrent = true;
            }
        }
        return since < LOOK_BACK ? before.entryId() : null;
    }

    /** Whether the message asks what goes with the product it is about. */
    static boolean asksWhatGoesWith(String normalizedText) {
        return ASKS_WHAT_GOES_WITH.matcher(normalizedText).find();
    }

    /** The conversation's subject after a shopper message: the product it names, else as before. */
    static Subject next(Conversation conversation, List<Entity> entities, long shopperSeq) {
        return named(entities).map(id -> new Subject(id, shopperSeq)).orElse(conversation.subject());
    }
}
