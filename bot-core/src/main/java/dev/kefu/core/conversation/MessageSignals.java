package dev.kefu.core.conversation;

import dev.kefu.core.Checks;
import dev.kefu.core.intent.Language;
import dev.kefu.core.intent.Understanding;

/**
 * What the bot understood of one shopper message, kept with the message so an agent sees the
 * intents and the sentiment trend of the whole conversation (and so they survive a restart).
 *
 * @param intent the routed intent
 * @param confidence its calibrated confidence
 * @param sentiment this message's sentiment score
 * @param running the conversation's running sentiment after it
 * @param urgency how strongly it signals an urgent problem
 * @param language the language the bot replied in
 */
public record MessageSignals(
        String intent, double confidence, double sentiment, double running, double urgency, Language language) {
    public MessageSignals {
        Checks.requireText("signals.intent", intent);
        Checks.requireUnit("signals.confidence", confidence);
        Checks.requireSigned("signals.sentiment", sentiment);
        Checks.requireSigned("signals.running", running);
        Checks.requireUnit("signals.urgency", urgency);
        Checks.requireNonNull("signals.language", language);
    }

    public static MessageSignals of(Understanding nlu) {
        return new MessageSignals(
                nlu.intent().name(),
                nlu.intent().confidence(),
                nlu.sentiment().score(),
                nlu.trend().running(),
                nlu.sentiment().urgency(),
                nlu.replyLanguage());
    }
}
