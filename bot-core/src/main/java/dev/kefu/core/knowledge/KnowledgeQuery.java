package dev.kefu.core.knowledge;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Entity;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.Understanding;
import java.time.Instant;
import java.util.List;

/**
 * Stage ③ input. Every value comes from stage ② ({@link Understanding}): a retriever detects
 * nothing in the text again.
 *
 * @param text the normalised shopper message
 * @param language the language the passages should be returned in
 * @param textLanguage the language the text is written in (mixed included), which picks the
 *     embedding space of a semantic search
 * @param intent the routed intent's name (a retriever may boost entries tagged with it)
 * @param entities entities of the message (a product entity names the subject)
 * @param limit the most passages to return, at least 1
 * @param subject the entry id of the product the message is about (named in it, or named earlier
 *     and referred to as "it" / "这个"), or {@code null}; a retriever ranks the subject's
 *     neighbourhood first
 * @param asksWhatGoesWith whether the message asks what goes with the subject; a retriever answers
 *     it from the subject's accessories and bundle partners
 * @param aboutSubject whether the message asks about the subject itself, not a service; a
 *     retriever ranks the subject's own entry before its promotions, and when the message names no
 *     product (its entities hold none) answers from the subject's entry first and from nothing
 *     outside its neighbourhood
 * @param asksWhatsOn whether the message asks broadly what is on ("有什么活动", "what's new"); a
 *     retriever lists the promotions running at {@code at}
 * @param at when the question is asked, for what runs "now"; {@code null} when unknown (promotions
 *     are then listed whatever their dates)
 */
public record KnowledgeQuery(
        String text,
        Language language,
        Language textLanguage,
        String intent,
        List<Entity> entities,
        int limit,
        String subject,
        boolean asksWhatGoesWith,
        boolean aboutSubject,
        boolean asksWhatsOn,
        Instant at) {
    /** A query without a subject. */
    public KnowledgeQuery(String text, Language language, String intent, List<Entity> entities, int limit) {
        this(text, language, language, intent, entities, limit, null, false, false, false, null);
    }

    /** Stage ③'s query for what stage ② understood of a message. */
    public static KnowledgeQuery of(Understanding understanding, int limit) {
        return of(understanding, limit, null);
    }

    /** Stage ③'s query for what stage ② understood of a message asked at {@code at}. */
    public static KnowledgeQuery of(Understanding understanding, int limit, Instant at) {
        return new KnowledgeQuery(
                understanding.normalizedText(),
                understanding.replyLanguage(),
                understanding.language(),
                understanding.intent().name(),
                understanding.entities(),
                limit,
                understanding.subject(),
                understanding.asksWhatGoesWith(),
                understanding.aboutSubject(),
                understanding.asksWhatsOn(),
                at);
    }

    public KnowledgeQuery {
        if (subject != null) {
            Checks.requireText("query.subject", subject);
        }
        Checks.requireAllText("query", "text intent", text, intent);
        Checks.requireAllNonNull("query", "language textLanguage", language, textLanguage);
        entities = Checks.copyOf("query.entities", entities);
        if (limit < 1) {
            throw new IllegalArgumentException("query.limit must be >= 1, was " + limit);
        }
    }
}
