package dev.kefu.kb.curation;

import dev.kefu.core.Checks;
import dev.kefu.core.Coded;
import java.time.Instant;
import java.util.List;

/**
 * A shopper question the knowledge did not answer.
 *
 * @param id sequence number in the inbox, starting at 1
 * @param text what the shopper wrote
 * @param reason how it came to the inbox
 * @param language the language the shopper was answered in ({@code en}, {@code zh})
 * @param conversationId the conversation it was asked in
 * @param at when
 * @param triedEntries the entries the bot answered with, for answers marked "didn't help"
 */
public record UnansweredQuestion(
        long id,
        String text,
        Reason reason,
        String language,
        String conversationId,
        Instant at,
        List<String> triedEntries) {

    /** How a question came to the inbox. */
    public enum Reason implements Coded {
        /** In scope, but no entry scored above the threshold. */
        NO_ANSWER,
        /** The intent router found it out of scope and no store product was named. */
        OUT_OF_SCOPE,
        /** The shopper marked the bot's answer "didn't help". */
        NOT_HELPFUL,
        /** The conversation went to a person after answers in a row found nothing. */
        HANDOFF_NO_ANSWER;
    }

    public UnansweredQuestion {
        Checks.requireText("text", text);
        Checks.requireNonNull("reason", reason);
        Checks.requireText("language", language);
        Checks.requireText("conversationId", conversationId);
        Checks.requireNonNull("at", at);
        triedEntries = Checks.copyOf("triedEntries", triedEntries);
    }
}
