package dev.kefu.intents.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.DaemonThreads;
import dev.kefu.core.compose.Answer;
import dev.kefu.core.compose.AnswerComposer;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.compose.CompositionRequest;
import dev.kefu.core.compose.TemplateComposer;
import dev.kefu.core.compose.llm.PersonalDataMasker;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.LlmConfig;
import dev.kefu.core.contract.Fixtures;
import dev.kefu.core.conversation.Speaker;
import dev.kefu.core.handoff.ExtractiveSummarizer;
import dev.kefu.core.knowledge.Passage;
import dev.kefu.intents.llm.FakeLlmServer.Reply;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code llm.*} builds, each provider and mode through LangChain4j's real client on loopback. */
class LlmModelsTest {
    private static final FakeLlmServer SERVER = FakeLlmServer.start();
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(new DaemonThreads("test-llm-call"));
    private static final Passage SHIPPING = new Passage(
            "policy-shipping",
            "policy",
            "Shipping and delivery times",
            "Standard delivery takes 2-4 days within mainland China. Shipping is free on orders of 99 yuan or more.",
            10.0);

    @AfterAll
    static void stop() {
        SERVER.close();
        CALLS.shutdownNow();
    }

    private static LlmConfig config(Map<String, String> settings) {
        return new ConfigLoader(Map.of()).load(null, settings).llm();
    }

    @ParameterizedTest
    @CsvSource({"openai, true", "openai, false", "ollama, true", "ollama, false"})
    void should_build_a_composer_whose_model_answers_through_the_provider_s_api(String provider, boolean stream)
            throws Exception {
        SERVER.respond(call -> Reply.text("Standard delivery takes 2-4 days [policy-shipping]."));
        LlmConfig llm = config(Map.of(
                "llm.provider",
                provider,
                "llm.baseUrl",
                provider.equals("openai") ? SERVER.openAiBaseUrl() : SERVER.ollamaBaseUrl(),
                "llm.model",
                "fake-" + provider,
                "llm.stream",
                Boolean.toString(stream)));
        AnswerComposer composer =
                LlmModels.composer(llm, LlmModels.of(llm, CALLS), PersonalDataMasker.defaults(), Clock.systemUTC());
        SERVER.clearCalls();

        Answer answer = composer.compose(new CompositionRequest(
                Fixtures.understanding("How long does delivery take?", "delivery_time", 0.0),
                List.of(SHIPPING),
                Fixtures.conversation()
                        .append(Speaker.SHOPPER, "How long does delivery take?", List.of(), Fixtures.T0)));

        assertThat(answer.trace().composer()).isEqualTo(AnswerTrace.Composer.LLM);
        assertThat(answer.text()).isEqualTo("Standard delivery takes 2-4 days.");
        FakeLlmServer.Call call = SERVER.lastCall();
        assertThat(call.provider().name()).isEqualToIgnoringCase(provider);
        assertThat(call.model()).isEqualTo("fake-" + provider);
        assertThat(call.stream()).isEqualTo(stream);
    }

    @Test
    void should_keep_templates_and_the_extractive_summary_when_the_provider_is_none() throws Exception {
        LlmConfig none = config(Map.of());
        assertThat(LlmModels.of(none, CALLS)).isEmpty();
        assertThat(LlmModels.composer(
                        none, LlmModels.of(none, CALLS), PersonalDataMasker.defaults(), Clock.systemUTC()))
                .isInstanceOf(TemplateComposer.class);
        assertThat(LlmModels.summarizer(
                        none, LlmModels.of(none, CALLS), PersonalDataMasker.defaults(), Clock.systemUTC()))
                .isInstanceOf(ExtractiveSummarizer.class);
    }
}
