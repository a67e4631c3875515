package dev.kefu.core.pipeline;

import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.EntityExtractor;
import dev.kefu.core.intent.LanguageDetector;
import dev.kefu.core.intent.TextNormalizer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which product a message is about: the one it names, or, when it refers back ("is it in
 * stock?", "这个可以退吗", "那款有黑色的吗"), the product the shopper named most recently in the
 * conversation. Stateless: earlier messages are re-read with the same entity extractor, so the
 * answer survives restarts and needs nothing stored beside the transcript.
 */
final class Subjects {
    /** Shopper messages looked back through for a follow-up. */
    static final int LOOK_BACK = 10;

    /** Words that refer back to something named before, in English and Chinese. */
    static final Pattern REFERS_BACK = Pattern.compile(
            "(?iu)\\b(it|its|it's|this one|that one|these|those|them|they)\\b|这个|那个|这款|那款|这件|那件|这种|那种|它");

    /** The entity type of products, whose value is the product's entry id. */
    static final String PRODUCT = "product";

    private Subjects() {}

    /**
     * @param entities this message's entities
     * @param normalizedText this message, normalised
     * @param conversation the conversation including this message as its last shopper message
     * @return the subject's entry id, or {@code null}
     */
    static String resolve(
            List<Entity> entities,
            String normalizedText,
            Conversation conversation,
            EntityExtractor extractor,
            LanguageDetector detector,
            TextNormalizer normalizer) {
        for (Entity entity : entities) {
            if (entity.type().equals(PRODUCT)) {
                return entity.value();
            }
        }
        if (!REFERS_BACK.matcher(normalizedText).find()) {
            return null;
        }
        List<ConversationMessage> messages = conversation.messages();
        int seen = 0;
        boolean skippedCurrent = false;
        for (int i = messages.size() - 1; i >= 0 && seen < LOOK_BACK; i--) {
            ConversationMessage message = messages.get(i);
            if (message.from() != Speaker.SHOPPER) {
                continue;
            }
            if (!skippedCurrent) {
                skippedCurrent = true; // the message being answered
                continue;
            }
            seen++;
            String text = normalizer.normalize(message.text());
            for (Entity entity : extractor.extract(text, detector.detect(text))) {
                if (entity.type().equals(PRODUCT)) {
                    return entity.value();
                }
            }
        }
        return null;
    }
}
