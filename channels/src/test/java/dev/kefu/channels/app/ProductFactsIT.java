package dev.kefu.channels.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.core.compose.Answer;
import dev.kefu.core.compose.Citation;
import dev.kefu.core.config.ConfigLoader;
import dev.kefu.core.message.InboundMessage;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.core.pipeline.Decision;
import dev.kefu.core.pipeline.PipelineResult;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Questions about one fact of a demo-store product, through the one assembly with the real NLU,
 * knowledge and composer: the fact comes first, in one sentence citing the product.
 */
class ProductFactsIT {
    private static BotAssembly bot;

    @BeforeAll
    static void assemble() throws Exception {
        bot = BotAssembly.builder(ConfigLoader.defaults(), Clock.systemUTC())
                .storage(BotAssembly.Storage.MEMORY)
                .stages(BotAssembly.Stages.CALLER_THREAD)
                .dataDir(BotAssembly.DataDir.TEMPORARY)
                .build();
    }

    @AfterAll
    static void close() throws Exception {
        bot.close();
    }

    private static Answer ask(String conversationId, String text) {
        PipelineResult result = bot.pipeline()
                .handle(new InboundMessage(
                        conversationId,
                        text,
                        ShopperContext.anonymous(),
                        null,
                        Clock.systemUTC().instant()));
        assertThat(result).isInstanceOf(PipelineResult.Decided.class);
        Decision decision = ((PipelineResult.Decided) result).decision();
        assertThat(decision).as("answered, not handed off: " + text).isInstanceOf(Decision.Reply.class);
        return ((Decision.Reply) decision).answer();
    }

    @Test
    void should_state_the_fact_first_and_cite_the_product_when_asked_about_one_attribute() {
        Answer zh = ask("facts-1", "X200防水吗");
        assertThat(zh.text()).startsWith("X200 真无线耳机的防水性能：IPX4");
        assertThat(zh.citations()).extracting(Citation::entryId).containsExactly("product-x200");

        Answer en = ask("facts-2", "how heavy is the CloudNest stroller?");
        assertThat(en.text()).isEqualTo("The CloudNest Cloud Lite Stroller weighs 6.8 kg.");
        assertThat(en.citations()).extracting(Citation::entryId).containsExactly("product-stroller-cloud");
    }

    @Test
    void should_answer_about_the_product_named_before_when_a_follow_up_says_it() {
        ask("facts-3", "tell me about the CloudNest stroller");
        Answer weight = ask("facts-3", "what does it weigh?");
        assertThat(weight.text()).contains("6.8 kg");
        assertThat(weight.citations()).extracting(Citation::entryId).containsExactly("product-stroller-cloud");
    }

    @Test
    void should_compare_two_products_and_pick_sizes_from_the_size_table_when_asked() {
        Answer compared = ask("facts-4", "X200 和 H5 哪个续航长");
        assertThat(compared.text()).endsWith("声诺 H5 头戴式降噪耳机的续航更长。");
        assertThat(compared.citations())
                .extracting(Citation::entryId)
                .containsExactly("product-x200", "product-sonora-h5");

        Answer size = ask("facts-5", "what size diapers for a 7 kg baby?");
        assertThat(size.text()).startsWith("For a weight of 7 kg, choose size S (4-8 kg)");
        assertThat(size.citations()).extracting(Citation::entryId).containsExactly("product-cloudnest-diapers");
    }
}
