package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.channels.app.Browser;
import dev.kefu.channels.app.RunningServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storefront's chat widget in a real headless Chromium against the real server. */
class WidgetBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @RegisterExtension
    static final Browser browser = new Browser();

    private static void send(String text) throws Exception {
        browser.eval("(() => { const input = document.querySelector('#kefu-input');"
                + " input.value = " + RunningServer.JSON.writeValueAsString(text) + ";"
                + " input.dispatchEvent(new Event('input', {bubbles: true}));"
                + " document.querySelector('#kefu-send').click(); })()");
    }

    private static int count(String selector) throws Exception {
        return browser.eval("document.querySelectorAll(" + RunningServer.JSON.writeValueAsString(selector) + ").length")
                .asInt();
    }

    @Test
    void should_show_cited_answer_escape_html_and_restore_history_after_reload() throws Exception {
        browser.navigateFresh("http://localhost:" + server.port() + "/");
        browser.waitFor("document.querySelector('#kefu-launcher')", WAIT);
        browser.eval("document.querySelector('#kefu-launcher').click()");
        browser.waitFor("document.querySelector('#kefu-input')", WAIT);

        send("How long does delivery take?");
        browser.waitFor("document.querySelector('.kefu-msg[data-from=\"bot\"] .kefu-bubble')", WAIT);
        browser.waitFor("document.querySelector('.kefu-citation[data-entry-id=\"policy-shipping\"]')", WAIT);
        assertThat(count(".kefu-helpful-yes")).isPositive();

        send("<img src=x onerror=\"window.pwned=1\"><b>bold?</b>");
        browser.waitFor("document.querySelectorAll('.kefu-msg[data-from=\"bot\"]').length >= 2", WAIT);
        assertThat(count("#kefu-messages img, #kefu-messages b")).isZero();
        assertThat(browser.eval("window.pwned === undefined").asBoolean()).isTrue();
        assertThat(browser.eval("document.querySelector('#kefu-messages').textContent")
                        .asText())
                .contains("<b>bold?</b>");

        int messagesBefore = count(".kefu-msg[data-seq]");
        browser.navigate("http://localhost:" + server.port() + "/");
        browser.eval("document.querySelector('#kefu-launcher').click()");
        browser.waitFor("document.querySelectorAll('.kefu-msg[data-seq]').length >= " + messagesBefore, WAIT);
        Thread.sleep(300);
        assertThat(count(".kefu-msg[data-seq]")).isEqualTo(messagesBefore);
        assertThat(browser.eval(
                                "new Set([...document.querySelectorAll('.kefu-msg[data-seq]')].map(m => m.dataset.seq)).size")
                        .asInt())
                .isEqualTo(messagesBefore);
    }
}
