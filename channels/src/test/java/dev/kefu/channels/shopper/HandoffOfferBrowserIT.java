package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.Browser;
import dev.kefu.channels.app.RunningServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The offer of a person in the real widget, in a real headless Chromium against the real server: a
 * mildly disappointed shopper's answer shows a button that, pressed once, hands the conversation
 * to a person (reason {@code shopper_accepted_offer}) and the banner says so.
 */
class HandoffOfferBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String MILD = HandoffOfferIT.MILD;

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void should_show_the_offer_as_a_button_in_the_widget_that_hands_off_when_pressed() throws Exception {
        browser.navigateFresh(server.uri("/").toString());
        browser.waitFor("document.querySelector('#kefu-launcher')", WAIT);
        browser.eval("document.querySelector('[data-kefu-open]').click()");
        browser.waitFor("!document.querySelector('#kefu-panel').hidden", WAIT);
        browser.eval("(() => { const input = document.querySelector('#kefu-input');"
                + " input.value = " + RunningServer.JSON.writeValueAsString(MILD) + ";"
                + " input.dispatchEvent(new Event('input', {bubbles: true}));"
                + " document.querySelector('#kefu-send').click(); })()");

        browser.waitFor("document.querySelector('.kefu-msg[data-from=\"bot\"] .kefu-offer button')", WAIT);
        JsonNode button = browser.eval("(() => { const b = document.querySelector('.kefu-offer button');"
                + " return {text: b.textContent, action: b.dataset.action, type: b.getAttribute('type')}; })()");
        assertThat(button.path("text").asText()).isEqualTo("Yes, talk to a person");
        assertThat(button.path("action").asText()).isEqualTo("handoff");
        assertThat(button.path("type").asText()).isEqualTo("button");

        browser.eval("document.querySelector('.kefu-offer button').click()");
        browser.waitFor("document.querySelector('.kefu-offer').dataset.acked === 'true'", WAIT);
        browser.waitFor(
                "document.querySelector('#kefu-banner') && document.querySelector('#kefu-banner')"
                        + ".dataset.state === 'queued'",
                WAIT);
        assertThat(browser.eval("document.querySelector('.kefu-offer button').disabled")
                        .asBoolean())
                .isTrue();
        String id = browser.eval("localStorage.getItem('kefu.conversationId')").asText();
        assertThat(server.agent("GET", "/api/v1/agent/conversations/" + id, null)
                        .path("context")
                        .path("trigger")
                        .path("reason")
                        .asText())
                .isEqualTo("shopper_accepted_offer");
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
