package dev.kefu.core.compose;

import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.Passage;
import java.util.List;
import java.util.Map;

/**
 * The default composer: answers from the best passage's text, cites it, and uses fixed texts for
 * small talk and for "nothing found". It cannot fail, which is why every other composer falls back
 * to it.
 */
public final class TemplateComposer implements AnswerComposer {
    private static final Map<String, ReplyTexts> SMALL_TALK = Map.of(
            "greeting", ReplyTexts.GREETING,
            "thanks", ReplyTexts.THANKS,
            "goodbye", ReplyTexts.GOODBYE);

    @Override
    public Answer compose(CompositionRequest request) {
        Language language = request.understanding().replyLanguage();
        IntentPrediction intent = request.understanding().intent();
        ReplyTexts smallTalk = SMALL_TALK.get(intent.name());
        if (smallTalk != null) {
            return new Answer(smallTalk.in(language), List.of(), AnswerKind.SMALL_TALK);
        }
        List<Passage> passages = request.passages();
        if (passages.isEmpty()) {
            ReplyTexts text = intent.outOfScope() ? ReplyTexts.OUT_OF_SCOPE : ReplyTexts.FALLBACK;
            return new Answer(text.in(language), List.of(), AnswerKind.FALLBACK);
        }
        Passage best = passages.get(0);
        return new Answer(best.text(), List.of(new Citation(best.entryId(), best.title())), AnswerKind.GROUNDED);
    }
}
