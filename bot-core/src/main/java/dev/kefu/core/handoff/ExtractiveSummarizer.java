package dev.kefu.core.handoff;

import dev.kefu.core.Texts;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.ConversationMessage;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.intent.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Summarises a conversation with the shopper's own words: what they first asked, what upset them
 * most, and what they said last, each quoted and shortened. Quoting cannot misstate anything,
 * which is why it is the default; labels follow the shopper's language.
 */
public final class ExtractiveSummarizer implements ConversationSummarizer {
    private static final int MAX_QUOTE = 120;

    @Override
    public String summarize(Conversation conversation) {
        List<ConversationMessage> said = conversation.messages().stream()
                .filter(m -> m.from() == Speaker.SHOPPER)
                .toList();
        if (said.isEmpty()) {
            return "";
        }
        Language language = conversation.language();
        ConversationMessage first = said.get(0);
        ConversationMessage last = said.get(said.size() - 1);
        ConversationMessage upset = said.stream()
                .filter(m -> m.signals() != null && m.signals().sentiment() < -0.25)
                .min(Comparator.comparingDouble(m -> m.signals().sentiment()))
                .orElse(null);
        boolean english = language == Language.EN;
        Set<ConversationMessage> shown = new LinkedHashSet<>();
        List<String> parts = new ArrayList<>();
        add(parts, shown, first, english ? "Asked" : "咨询", english);
        if (upset != null) {
            add(parts, shown, upset, english ? "Most upset" : "最不满", english);
        }
        add(parts, shown, last, english ? "Last said" : "最后说", english);
        String count = english
                ? said.size() + " shopper message" + (said.size() == 1 ? "" : "s") + ". "
                : "顾客共" + said.size() + "条消息。";
        String summary = count + String.join(english ? " " : "", parts);
        return english ? summary : summary.substring(0, summary.length() - 1) + "。";
    }

    private static void add(
            List<String> parts,
            Set<ConversationMessage> shown,
            ConversationMessage message,
            String label,
            boolean english) {
        if (shown.add(message)) {
            parts.add(label
                    + (english ? ": “" : "：“")
                    + Texts.shorten(message.text(), MAX_QUOTE)
                    + (english ? "”." : "”；"));
        }
    }
}
