package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.channels.app.Browser;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.intents.llm.FakeLlmServer;
import dev.kefu.intents.llm.FakeLlmServer.Reply;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model's answer streaming into the real widget in headless Chromium: the draft grows in a bot
 * bubble (markers never shown), and the checked reply takes its place, the model's own answer or,
 * when the checks refused it, the template's.
 */
class LlmDraftBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String DRAFT = "document.querySelector('.kefu-msg[data-draft=\"true\"] .kefu-bubble')";
    private static final String LAST_BOT =
            "Array.from(document.querySelectorAll('.kefu-msg[data-from=\"bot\"]:not([data-draft]) .kefu-bubble')).pop()";

    static final FakeLlmServer llm = FakeLlmServer.start();

    @RegisterExtension
    static final RunningServer server = new RunningServer(Map.of(
            "llm.provider", "openai",
            "llm.baseUrl", llm.openAiBaseUrl(),
            "llm.model", "fake-model",
            "llm.budgetMs", "5000"));

    @RegisterExtension
    static final Browser browser = new Browser();

    @AfterAll
    static void stop() throws Exception {
        llm.close();
    }

    @Test
    void should_grow_the_draft_in_the_widget_then_show_the_checked_reply_in_its_place() throws Exception {
        browser.navigateFresh("http://localhost:" + server.port() + "/");
        browser.waitFor("document.querySelector('#kefu-launcher')", WAIT);
        browser.eval("document.querySelector('#kefu-launcher').click()");
        browser.waitFor("document.querySelector('#kefu-input')", WAIT);

        llm.respond(call -> Reply.text("Standard delivery takes 2-4 days within mainland China [policy-shipping].")
                .inChunks(8)
                .chunkDelay(Duration.ofMillis(150)));
        send("How long does delivery take?");
        browser.waitFor(DRAFT + " && " + DRAFT + ".textContent.length > 0", WAIT);
        String early = browser.eval(DRAFT + ".textContent").asText();
        assertThat(early).startsWith("Standard").doesNotContain("[");
        assertThat(browser.eval("document.querySelector('.kefu-msg[data-draft=\"true\"]').getAttribute('aria-hidden')")
                        .asText())
                .isEqualTo("true");
        browser.waitFor("!document.querySelector('.kefu-msg[data-draft]')", WAIT);
        assertThat(browser.eval(LAST_BOT + ".textContent").asText())
                .isEqualTo("Standard delivery takes 2-4 days within mainland China.");
        assertThat(early.length()).isLessThan("Standard delivery takes 2-4 days within mainland China.".length());

        llm.respond(call -> Reply.text("Shipping costs 15 yuan, always [policy-shipping].")
                .inChunks(6)
                .chunkDelay(Duration.ofMillis(150)));
        send("How much is shipping?");
        browser.waitFor(DRAFT + " && " + DRAFT + ".textContent.indexOf('15 yuan') >= 0", WAIT);
        browser.waitFor("!document.querySelector('.kefu-msg[data-draft]')", WAIT);
        String reply = browser.eval(LAST_BOT + ".textContent").asText();
        assertThat(reply).doesNotContain("15 yuan").contains("99 yuan");
        assertThat(browser.eval("document.querySelectorAll('.kefu-msg[data-from=\"bot\"]').length")
                        .asInt())
                .isEqualTo(2);
    }

    private static void send(String text) throws Exception {
        browser.eval("(() => { const input = document.querySelector('#kefu-input');"
                + " input.value = " + RunningServer.JSON.writeValueAsString(text) + ";"
                + " input.dispatchEvent(new Event('input', {bubbles: true}));"
                + " document.querySelector('#kefu-send').click(); })()");
    }
}
