package dev.kefu.channels.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.Browser;
import dev.kefu.channels.app.RunningServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The trainer console's Intents tab in a real headless Chromium against the real server: a new
 * intent's examples are saved, a candidate is trained with visible progress, its comparison is
 * shown, it is activated (insisting when the comparison says it is worse), and rolled back.
 */
class IntentsBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration TRAINING = Duration.ofMinutes(3);

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void should_save_examples_train_compare_activate_and_roll_back_from_the_console() throws Exception {
        browser.navigateFresh(server.uri("/trainer").toString());
        browser.waitFor("!document.querySelector('#sign-in-view').hidden", WAIT);
        browser.eval("(() => { const i = document.querySelector('#token'); i.value = "
                + RunningServer.JSON.writeValueAsString(RunningServer.TRAINER_TOKEN)
                + "; i.dispatchEvent(new Event('input', {bubbles: true})); })()");
        click("#sign-in");
        browser.waitFor("!document.querySelector('#app').hidden", WAIT);

        click("#tab-intents");
        browser.waitFor("document.querySelectorAll('#intents-select option').length >= 15", WAIT);
        browser.eval("(() => { const s = document.querySelector('#intents-select'); s.value = 'greeting';"
                + " s.dispatchEvent(new Event('change')); })()");
        assertThat(value("#intents-en")).contains("hello");
        assertThat(value("#intents-zh")).isNotEmpty();
        assertThat(browser.eval("document.querySelector('#intents-rollback').disabled")
                        .asBoolean())
                .isTrue();

        set("#intents-name", "gift_wrap");
        set("#intents-en", "can you gift wrap it\ndo you offer gift wrapping\nI want it gift wrapped\nhello");
        set("#intents-zh", "可以礼品包装吗\n有礼品包装服务吗");
        click("#intents-save");
        browser.waitFor("document.querySelector('#intents-status').dataset.code === 'INVALID_INTENT'", WAIT);
        assertThat(text("#intents-status")).contains("\"hello\" is already an example of greeting");
        browser.clearConsoleErrors(); // the refused save's 422, which the page shows

        set("#intents-en", "can you gift wrap it\ndo you offer gift wrapping\nI want it gift wrapped");
        click("#intents-save");
        browser.waitFor("document.querySelector('#intents-status').textContent.includes('Saved')", WAIT);
        assertThat(browser.eval("document.querySelector('#intents-select').value")
                        .asText())
                .isEqualTo("gift_wrap");

        click("#intents-train");
        browser.waitFor("document.querySelector('#intents-comparison-table') !== null", TRAINING);
        assertThat(text("#intents-progress-text")).isEqualTo("done, 100.0%");
        assertThat(browser.eval("document.querySelectorAll('#intents-comparison-table tbody tr').length")
                        .asInt())
                .isEqualTo(3);
        // the dialogues' resolution of each model (the demo store's public dialogues, replayed)
        assertThat(text("#intents-comparison-table tbody tr:nth-child(3) td:nth-of-type(1)"))
                .matches("\\d+\\.\\d%");
        assertThat(text("#intents-comparison-table tbody tr:nth-child(3) td:nth-of-type(2)"))
                .matches("\\d+\\.\\d%");
        boolean worse = !browser.eval("document.querySelector('#intents-insist').hidden")
                .asBoolean();
        assertThat(browser.eval("document.querySelector('#intents-activate').disabled")
                        .asBoolean())
                .isEqualTo(worse);
        click(worse ? "#intents-insist" : "#intents-activate");
        browser.waitFor("document.querySelector('#intents-status').textContent.includes('is live')", WAIT);
        JsonNode routed = server.postJson("/api/v1/chat", Map.of("text", "can you gift wrap it"));
        assertThat(routed.path("intent").path("name").asText()).isEqualTo("gift_wrap");

        browser.waitFor("!document.querySelector('#intents-rollback').disabled", WAIT);
        click("#intents-rollback");
        browser.waitFor("document.querySelector('#intents-status').textContent.includes('Rolled back')", WAIT);
        assertThat(server.postJson("/api/v1/chat", Map.of("text", "can you gift wrap it"))
                        .path("intent")
                        .path("name")
                        .asText())
                .isNotEqualTo("gift_wrap");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private static void click(String selector) throws Exception {
        browser.eval("document.querySelector(" + json(selector) + ").click()");
    }

    private static void set(String selector, String value) throws Exception {
        browser.eval("(() => { const e = document.querySelector(" + json(selector) + "); e.value = " + json(value)
                + "; e.dispatchEvent(new Event('input', {bubbles: true})); })()");
    }

    private static String value(String selector) throws Exception {
        return browser.eval("document.querySelector(" + json(selector) + ").value")
                .asText();
    }

    private static String text(String selector) throws Exception {
        return browser.eval("document.querySelector(" + json(selector) + ").textContent")
                .asText();
    }

    private static String json(String value) throws Exception {
        return RunningServer.JSON.writeValueAsString(value);
    }
}
