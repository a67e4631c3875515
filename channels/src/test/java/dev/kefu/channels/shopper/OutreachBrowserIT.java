package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.channels.app.Browser;
import dev.kefu.channels.app.RunningServer;
import dev.kefu.core.outreach.OutreachRule;
import dev.kefu.core.slot.ScriptLibrary;
import dev.kefu.core.slot.experiment.Assigner;
import dev.kefu.core.slot.experiment.Experiment;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Outreach in the storefront's widget, in a real headless Chromium against the real server: a
 * signed-in shopper's widget is closed, the store reports a cart the shopper left, and the bot's
 * message shows as a bubble by the launcher; a click on the bubble opens the conversation, where
 * the message stands with its stop button.
 */
class OutreachBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final RunningServer server = new RunningServer(Map.of("proactive.cartAbandonment.afterSeconds", "2"));

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void should_show_the_bot_s_message_as_a_bubble_that_opens_the_conversation_when_a_cart_is_left() throws Exception {
        String shopperId =
                messaged("browser-cart-" + UUID.randomUUID().toString().substring(0, 8) + "-");
        browser.navigateFresh(server.uri("/").toString());
        browser.waitFor("document.querySelector('#kefu-launcher')", WAIT);
        browser.eval("window.KefuWidgetConfig = "
                + RunningServer.JSON.writeValueAsString(Map.of("shopperToken", RunningServer.shopperToken(shopperId))));
        browser.eval("document.querySelector('#kefu-launcher').click()");
        browser.waitFor("localStorage.getItem('kefu.conversationId')", WAIT); // welcomed: the socket is open
        browser.eval("window.KefuWidget.close()");
        browser.waitFor("document.querySelector('#kefu-panel').hidden", WAIT);

        assertThat(server.send(
                                "POST",
                                "/api/v1/events",
                                RunningServer.JSON.writeValueAsString(Map.of(
                                        "type", "added_to_cart", "shopperId", shopperId, "productId", "product-x200")),
                                RunningServer.STORE_TOKEN)
                        .statusCode())
                .isEqualTo(202);

        browser.waitFor("!document.querySelector('#kefu-nudge').hidden", WAIT);
        assertThat(browser.eval("document.querySelector('#kefu-nudge').textContent")
                        .asText())
                .contains("X200 Wireless Earbuds");
        assertThat(browser.eval("document.querySelector('#kefu-panel').hidden").asBoolean())
                .isTrue();

        browser.eval("document.querySelector('#kefu-nudge').click()");
        browser.waitFor("!document.querySelector('#kefu-panel').hidden", WAIT);
        assertThat(browser.eval("document.querySelector('#kefu-nudge').hidden").asBoolean())
                .isTrue();
        assertThat(browser.eval("document.querySelector('.kefu-msg.kefu-outreach .kefu-bubble').textContent")
                        .asText())
                .contains("X200 Wireless Earbuds");
        assertThat(browser.eval("document.querySelector('.kefu-msg.kefu-outreach').dataset.from")
                        .asText())
                .isEqualTo("bot");
        assertThat(browser.eval("!!document.querySelector('.kefu-msg.kefu-outreach .kefu-optout')")
                        .asBoolean())
                .isTrue();
        assertThat(browser.consoleErrors()).isEmpty();

        // The trainer console's Outreach tab: the log shows what was sent; a preview says why not again.
        browser.navigateFresh(server.uri("/trainer").toString());
        browser.waitFor("!document.querySelector('#sign-in-view').hidden", WAIT);
        browser.eval("document.querySelector('#token').value = '" + RunningServer.TRAINER_TOKEN + "';"
                + " document.querySelector('#sign-in').click()");
        browser.waitFor("!document.querySelector('#app').hidden", WAIT);
        browser.eval("document.querySelector('#tab-outreach').click()");
        String row = "#outreach-log tbody tr[data-sent=\"true\"]";
        browser.waitFor(
                "[...document.querySelectorAll('" + row + "')].some((r) => r.textContent.includes('" + shopperId
                        + "'))",
                WAIT);
        browser.waitFor("document.querySelector('#outreach-rule option[value=\"cart-reminder\"]')", WAIT);
        String messageArm = "#outreach-results tbody tr[data-rule=\"cart-reminder\"][data-arm=\"message\"]";
        browser.waitFor("document.querySelector('" + messageArm + "')", WAIT);
        assertThat(browser.eval("document.querySelector('" + messageArm + " td:nth-of-type(2)').textContent")
                        .asText())
                .as("shoppers exposed to the message arm")
                .isEqualTo("1");
        browser.eval("document.querySelector('#outreach-rule').value = 'cart-reminder';"
                + " document.querySelector('#outreach-shopper').value = '" + shopperId + "';"
                + " document.querySelector('#outreach-preview button[type=submit]').click()");
        browser.waitFor("document.querySelector('#outreach-preview-out .verdict')", WAIT);
        assertThat(browser.eval("document.querySelector('#outreach-preview-out .verdict').textContent")
                        .asText())
                .contains("already_sent");
        assertThat(browser.consoleErrors()).isEmpty();
    }

    /** A shopper the demo's cart rule puts in its message arm. */
    private static String messaged(String prefix) {
        Experiment experiment = ScriptLibrary.demo()
                .outreach()
                .rule("cart-reminder")
                .orElseThrow()
                .experimentOf(Experiment.Status.RUNNING);
        for (int i = 0; ; i++) {
            if (new Assigner().assign(experiment, prefix + i).equals(OutreachRule.MESSAGE_ARM)) {
                return prefix + i;
            }
        }
    }
}
