package dev.kefu.core.compose;

import dev.kefu.core.intent.IntentPrediction;
import dev.kefu.core.intent.Language;
import dev.kefu.core.knowledge.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The default composer: answers from the best passage's text, cites it, and uses fixed texts for
 * small talk (unless a passage answers it confidently) and for "nothing found". When the retriever followed the knowledge graph to the
 * subject's accessories or bundle items, it lists them all ("These go well with it: A; B."),
 * citing each; the promotions running now, for a broad question, likewise. It cannot fail, which is why every other composer falls back to it.
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
        List<Passage> passages = request.passages();
        if (!passages.isEmpty() && foundByGraph(passages.get(0))) {
            // about the product in focus, whatever the router made of the words
            return listing(ReplyTexts.GOES_WITH, passages, language);
        }
        if (!passages.isEmpty() && Passage.RUNNING_NOW.equals(passages.get(0).relation())) {
            return listing(ReplyTexts.RUNNING_NOW, passages, language);
        }
        ReplyTexts smallTalk = SMALL_TALK.get(intent.name());
        boolean question = (request.understanding().aboutSubject() && !passages.isEmpty())
                || passages.stream().anyMatch(Passage::confident);
        if (smallTalk != null && !question) {
            // a question about the product being discussed is no small talk, whatever the router said;
            // nor is one an entry answers confidently ("haha ok. when does 618 start?"), as for off-topic
            return new Answer(smallTalk.in(language), List.of(), AnswerKind.SMALL_TALK);
        }
        if (passages.isEmpty()) {
            ReplyTexts text = intent.outOfScope() ? ReplyTexts.OUT_OF_SCOPE : ReplyTexts.FALLBACK;
            return new Answer(text.in(language), List.of(), AnswerKind.FALLBACK);
        }
        Passage best = passages.get(0);
        return new Answer(best.text(), List.of(new Citation(best.entryId(), best.title())), AnswerKind.GROUNDED);
    }

    private static boolean foundByGraph(Passage passage) {
        return Passage.ACCESSORY_OF.equals(passage.relation()) || Passage.BUNDLE_WITH.equals(passage.relation());
    }

    /** The introduction, then the titles of the passages the graph gave, each cited. */
    private static Answer listing(ReplyTexts introduction, List<Passage> passages, Language language) {
        StringBuilder text = new StringBuilder(introduction.in(language));
        List<Citation> citations = new ArrayList<>();
        String separator = language == Language.EN ? "; " : "；";
        for (Passage passage : passages) {
            if (passage.relation() == null) {
                break; // search results after the graph's: not part of the list
            }
            text.append(citations.isEmpty() ? (language == Language.EN ? " " : "") : separator)
                    .append(passage.title());
            citations.add(new Citation(passage.entryId(), passage.title()));
        }
        text.append(language == Language.EN ? "." : "。");
        return new Answer(text.toString(), citations, AnswerKind.GROUNDED);
    }
}
