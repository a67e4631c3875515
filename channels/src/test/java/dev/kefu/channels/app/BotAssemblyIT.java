package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kefu.core.compose.TemplateComposer;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.config.KefuConfig;
import dev.kefu.core.message.InboundMessage;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.pipeline.ConversationPipeline;
import dev.kefu.core.pipeline.PipelineEvent;
import dev.kefu.core.pipeline.PipelineListener;
import dev.kefu.core.pipeline.PipelineResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The one assembly with the choices a replay makes and with the server's storage: what each
 * choice gives, and that closing removes what it made. Loads the real NLU and models.
 */
class BotAssemblyIT {
    private static final String QUESTION = "How long does delivery take?";

    private static PipelineResult ask(ConversationPipeline pipeline, String conversationId) {
        return pipeline.handle(new InboundMessage(
                conversationId,
                QUESTION,
                ShopperContext.anonymous(),
                null,
                Clock.systemUTC().instant()));
    }

    @Test
    void should_answer_from_memory_with_its_own_conversations_per_pipeline_when_built_for_a_replay() throws Exception {
        List<PipelineEvent> events = new CopyOnWriteArrayList<>();
        Path dataDir;
        try (BotAssembly bot = BotAssembly.builder(ConfigLoader.defaults(), Clock.systemUTC())
                .storage(BotAssembly.Storage.MEMORY)
                .stages(BotAssembly.Stages.CALLER_THREAD)
                .dataDir(BotAssembly.DataDir.TEMPORARY)
                .composer(new TemplateComposer())
                .listener(events::add)
                .build()) {
            dataDir = bot.dataDir();
            assertThat(dataDir)
                    .isDirectory()
                    .isNotEqualTo(Path.of(ConfigLoader.defaults().server().dataDir()));
            assertThat(bot.experiments()).isEmpty();
            assertThat(bot.shopperProfiles()).isEmpty();

            PipelineResult first = ask(bot.pipeline(), "replay-1");
            assertThat(first).isInstanceOf(PipelineResult.Decided.class);
            assertThat(ask(bot.pipeline(), "replay-1").shopperSeq()).isGreaterThan(first.shopperSeq());
            assertThat(events)
                    .as("the given listener hears the pipeline")
                    .anyMatch(e -> e instanceof PipelineEvent.Composed);

            List<PipelineEvent> own = new CopyOnWriteArrayList<>();
            ConversationPipeline other = bot.pipelineWith(new TemplateComposer(), own::add);
            assertThat(ask(other, "replay-1").shopperSeq())
                    .as("another pipeline keeps conversations of its own")
                    .isEqualTo(first.shopperSeq());
            assertThat(own).anyMatch(e -> e instanceof PipelineEvent.Composed);
        }
        assertThat(dataDir)
                .as("the temporary data directory goes with the assembly")
                .doesNotExist();
    }

    @Test
    void should_keep_experiments_and_profiles_beside_the_conversations_when_they_are_in_the_database()
            throws Exception {
        KefuConfig config = new ConfigLoader(Map.of()).load(null, Map.of("threads.stages", "2"));
        Path dataDir;
        List<String> retrievedBy = new CopyOnWriteArrayList<>();
        try (BotAssembly bot = BotAssembly.builder(config, Clock.systemUTC())
                .dataDir(BotAssembly.DataDir.TEMPORARY)
                .listener(event -> {
                    if (event instanceof PipelineEvent.Retrieved) {
                        retrievedBy.add(Thread.currentThread().getName() + " "
                                + MDC.get(ConversationPipeline.LOG_CONVERSATION));
                    }
                })
                .build()) {
            dataDir = bot.dataDir();
            assertThat(bot.experiments()).isPresent();
            assertThat(bot.shopperProfiles()).isPresent();
            assertThat(ask(bot.pipeline(), "server-1")).isInstanceOf(PipelineResult.Decided.class);
            assertThat(retrievedBy)
                    .as("the stage pool's thread logs with the turn's conversation id")
                    .singleElement()
                    .asString()
                    .startsWith("kefu-stage")
                    .endsWith(" server-1");
            assertThat(MDC.get(ConversationPipeline.LOG_CONVERSATION))
                    .as("and the caller's log context is clean after the turn")
                    .isNull();
            assertThat(dataDir.resolve("db")).isDirectory();
            assertThatThrownBy(() -> bot.pipelineWith(new TemplateComposer(), PipelineListener.none()))
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(dataDir).doesNotExist();
    }
}
