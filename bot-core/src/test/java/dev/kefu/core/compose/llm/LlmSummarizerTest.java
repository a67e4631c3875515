package dev.kefu.core.compose.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.compose.llm.ScriptedModel.Behaviour;
import dev.kefu.core.contract.Fixtures;
import dev.kefu.core.conversation.Conversation;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.ConversationSummarizer;
import dev.langchain4j.data.message.UserMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmSummarizerTest {
    private static final ConversationSummarizer EXTRACTIVE = conversation -> "extractive summary";

    private static final Conversation CONVERSATION = Fixtures.conversation()
            .append(
                    Speaker.SHOPPER,
                    "My order DD20261122001 has not arrived after 5 days, call me on 13812345678",
                    List.of(),
                    Fixtures.T0)
            .append(Speaker.BOT, "Standard delivery takes 2-4 days.", List.of(), Fixtures.T0)
            .append(Speaker.SHOPPER, "This is really annoying.", List.of(), Fixtures.T0)
            .withSignals(3, MessageSignals.of(Fixtures.understanding("This is really annoying.", "complaint", -0.5)));

    private static String summarize(Behaviour behaviour, ScriptedModel[] used) {
        try (ScriptedModel model = new ScriptedModel(prompt -> behaviour)) {
            used[0] = model;
            return new LlmSummarizer(
                            model,
                            EXTRACTIVE,
                            PersonalDataMasker.defaults(),
                            new CircuitBreaker(3, Duration.ofSeconds(30), Clock.systemUTC()),
                            Duration.ofMillis(400))
                    .summarize(CONVERSATION);
        }
    }

    @Test
    void should_use_the_model_s_summary_when_it_holds_only_facts_of_the_conversation() {
        ScriptedModel[] model = new ScriptedModel[1];
        String summary = summarize(
                Behaviour.says("The shopper's order <ORDER_1> has not arrived after 5 days; they are annoyed and"
                        + " were told delivery takes 2-4 days."),
                model);

        assertThat(summary).contains("DD20261122001", "5 days").doesNotContain("<ORDER_1>");
        String sent = ((UserMessage) model[0].prompts.get(0).get(1)).singleText();
        assertThat(sent).doesNotContain("13812345678", "DD20261122001").contains("<PHONE_1>");
    }

    @Test
    void should_fall_back_to_the_extractive_summary_when_the_model_invents_fails_or_is_slow() {
        ScriptedModel[] model = new ScriptedModel[1];
        assertThat(summarize(Behaviour.says("The shopper wants a refund of 300 yuan for the late order."), model))
                .isEqualTo("extractive summary");
        assertThat(summarize(Behaviour.fails(new IllegalStateException("down")), model))
                .isEqualTo("extractive summary");
        assertThat(summarize(Behaviour.slow(Duration.ofSeconds(3), "late"), model))
                .isEqualTo("extractive summary");
    }
}
