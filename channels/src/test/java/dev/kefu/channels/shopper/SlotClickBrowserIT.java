package dev.kefu.channels.shopper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.Browser;
import dev.kefu.channels.app.RunningServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Marketing lines in the storefront's widget, in a real headless Chromium against the real server
 * and the demo scripts: a mother &amp; baby shopper asks about the stroller, gets the line of their
 * experiment arm (shown as text, the arm not named on the page), clicks its action once, and the
 * results count the exposure and then the click (a click, not a conversion) of that arm; for a
 * signed-in shopper (the store's signed token in {@code window.KefuWidgetConfig}) and for an
 * anonymous one, whose key is the conversation id.
 */
class SlotClickBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String EXPERIMENT = "demo-mother-baby";
    private static final String SCRIPT = "mother-baby-stroller-accessories";
    /** Records the widget's storefront events (and their answers) as they leave the page. */
    private static final String FETCH_SPY = "(() => { window.__events = []; window.__eventStatuses = [];"
            + " const original = window.fetch;"
            + " window.fetch = function (url, init) {"
            + "   const answer = original.apply(this, arguments);"
            + "   if (String(url).indexOf('/api/v1/events') >= 0) {"
            + "     window.__events.push({body: JSON.parse(init.body),"
            + "       token: init.headers['X-Kefu-Conversation-Token']});"
            + "     answer.then((r) => window.__eventStatuses.push(r.status), () => window.__eventStatuses.push(0));"
            + "   }"
            + "   return answer; }; })()";

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void should_count_a_signed_in_mother_baby_shopper_s_click_on_the_line_as_a_click_of_their_arm() throws Exception {
        String shopperId = "mum-browser-" + UUID.randomUUID().toString().substring(0, 8);
        String arm = arm(shopperId);
        JsonNode before = armOf(results(), arm);

        freshStorefront();
        browser.eval(
                "window.KefuWidgetConfig = " // set after the page loaded: read when the chat connects
                        + RunningServer.JSON.writeValueAsString(
                                Map.of("shopperToken", RunningServer.shopperToken(shopperId, "mother_baby"))));
        openWidget();
        send("Is the CloudNest Cloud Lite Stroller easy to fold?");
        String conversationId = conversationId();

        assertLine();
        awaitArm(arm, before, 1, 0); // shown: an exposure, not yet a click

        clickTwice();
        JsonNode events = browser.eval("window.__events");
        assertThat(events).hasSize(1);
        assertClick(events.get(0), conversationId);
        assertThat(events.get(0).path("body").has("productId")).isFalse();
        browser.waitFor("window.__eventStatuses.length === 1", WAIT);
        assertThat(browser.eval("window.__eventStatuses[0]").asInt()).isEqualTo(202);
        awaitArm(arm, before, 1, 1);
    }

    @Test
    void should_count_an_anonymous_shopper_s_click_under_the_conversation_id_the_arm_was_assigned_by()
            throws Exception {
        JsonNode allBefore = results();

        freshStorefront(); // no shopper id: the tag comes from what the shopper writes (婴儿)
        openWidget();
        send("云巢 Cloud Lite 轻便婴儿推车好折叠吗？");
        browser.waitFor("document.querySelector('.kefu-slot')", WAIT);
        String conversationId = conversationId();
        String arm = arm(conversationId);
        JsonNode before = armOf(allBefore, arm);

        assertLine();
        awaitArm(arm, before, 1, 0);

        clickTwice();
        JsonNode events = browser.eval("window.__events");
        assertThat(events).hasSize(1);
        assertClick(events.get(0), conversationId);
        awaitArm(arm, before, 1, 1);
    }

    /** The storefront page with no conversation remembered from an earlier test. */
    private static void freshStorefront() throws Exception {
        browser.navigateFresh(url("/"));
        browser.waitFor("document.querySelector('#kefu-launcher')", WAIT);
    }

    private static void openWidget() throws Exception {
        browser.eval("document.querySelector('[data-kefu-open]').click()");
        browser.waitFor("!document.querySelector('#kefu-panel').hidden", WAIT);
    }

    private static void send(String text) throws Exception {
        browser.sayInWidget(text);
        browser.waitFor("document.querySelector('.kefu-msg[data-from=\"bot\"] .kefu-bubble')", WAIT);
    }

    private static String conversationId() throws Exception {
        String id = browser.eval("localStorage.getItem('kefu.conversationId')").asText();
        assertThat(id).isNotBlank();
        return id;
    }

    /**
     * The click's event: the conversation's, with its token, naming the script; no shopper id (the
     * server knows whose conversation it is).
     */
    private static void assertClick(JsonNode event, String conversationId) throws Exception {
        assertThat(event.path("body").path("type").asText()).isEqualTo("slot_clicked");
        assertThat(event.path("body").path("conversationId").asText()).isEqualTo(conversationId);
        assertThat(event.path("body").path("scriptId").asText()).isEqualTo(SCRIPT);
        assertThat(event.path("body").has("shopperId")).isFalse();
        assertThat(event.path("token").asText())
                .isNotBlank()
                .isEqualTo(browser.eval("localStorage.getItem('kefu.conversationToken')")
                        .asText());
    }

    /** The one line after the answer, with its script, shown as plain text with an action; no arm named. */
    private static void assertLine() throws Exception {
        browser.waitFor("document.querySelector('.kefu-slot')", WAIT);
        assertThat(browser.eval("document.querySelectorAll('.kefu-slot').length")
                        .asInt())
                .isEqualTo(1);
        JsonNode line = browser.eval("(() => { const l = document.querySelector('.kefu-slot');"
                + " const t = l.querySelector('.kefu-slot-text'), a = l.querySelector('.kefu-slot-action');"
                + " return {data: Object.assign({}, l.dataset), text: t.textContent,"
                + " textElements: t.children.length, lineElements: l.children.length,"
                + " afterBubble: l.previousElementSibling && l.previousElementSibling.classList.contains('kefu-bubble'),"
                + " action: a && a.tagName, actionType: a && a.getAttribute('type'), actionText: a && a.textContent,"
                + " describedBy: a && a.getAttribute('aria-describedby'), textId: t.id}; })()");
        assertThat(line.path("data").path("scriptId").asText()).isEqualTo(SCRIPT);
        assertThat(line.path("data").has("experimentId")).isFalse();
        assertThat(line.path("data").has("variant")).isFalse();
        assertThat(line.path("data").path("position").asText()).isEqualTo("after");
        assertThat(line.path("data").has("clicked")).isFalse();
        assertThat(line.path("afterBubble").asBoolean()).isTrue();
        // The filled line, as text: no placeholder left, no markup made of it.
        assertThat(line.path("text").asText()).contains("Cloud Lite").doesNotContain("{", "}");
        assertThat(line.path("textElements").asInt()).isZero();
        assertThat(line.path("lineElements").asInt()).isEqualTo(2); // the text and the action, nothing else
        assertThat(line.path("action").asText()).isEqualTo("BUTTON");
        assertThat(line.path("actionType").asText()).isEqualTo("button");
        assertThat(line.path("actionText").asText()).isIn("Interested", "感兴趣");
        assertThat(line.path("describedBy").asText())
                .isEqualTo(line.path("textId").asText());
    }

    /** Clicks the line's action twice: one event, the line marked clicked, the action says so. */
    private static void clickTwice() throws Exception {
        browser.eval(FETCH_SPY);
        browser.eval("document.querySelector('.kefu-slot .kefu-slot-action').click()");
        browser.waitFor("document.querySelector('.kefu-slot').dataset.clicked === 'true'", WAIT);
        browser.eval("document.querySelector('.kefu-slot .kefu-slot-action').click()");
        browser.waitFor("window.__events.length >= 1", WAIT);
        browser.settle(); // whatever the second click started has run: a second event would be in __events
        JsonNode action = browser.eval(
                "(() => { const a = document.querySelector('.kefu-slot .kefu-slot-action');"
                        + " return {text: a.textContent, ariaDisabled: a.getAttribute('aria-disabled'), disabled: a.disabled}; })()");
        assertThat(action.path("text").asText()).isIn("Noted", "已记下");
        assertThat(action.path("ariaDisabled").asText()).isEqualTo("true");
        assertThat(action.path("disabled").asBoolean()).isFalse(); // keyboard focus is not thrown away
    }

    private static String arm(String shopperId) throws Exception {
        return server.trainer("GET", "/api/v1/experiments/" + EXPERIMENT + "/assignment?shopperId=" + shopperId, null)
                .path("variant")
                .asText();
    }

    private static JsonNode results() throws Exception {
        return server.trainer("GET", "/api/v1/experiments/" + EXPERIMENT + "/results", null);
    }

    private static JsonNode armOf(JsonNode results, String arm) {
        return StreamSupport.stream(results.path("arms").spliterator(), false)
                .filter(a -> arm.equals(a.path("arm").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no arm " + arm + " in " + results));
    }

    /**
     * Polls the results until the arm shows exactly these many more exposures and clicks; a click is
     * never a conversion.
     */
    private static void awaitArm(String arm, JsonNode before, int moreExposures, int moreClicks) throws Exception {
        long exposures = before.path("exposures").asLong() + moreExposures;
        long clicks = before.path("clicks").asLong() + moreClicks;
        Instant deadline = Instant.now().plus(WAIT);
        JsonNode now = armOf(results(), arm);
        while (Instant.now().isBefore(deadline)
                && (now.path("exposures").asLong() != exposures
                        || now.path("clicks").asLong() != clicks)) {
            Thread.sleep(100);
            now = armOf(results(), arm);
        }
        assertThat(now.path("exposures").asLong()).as("exposures of " + arm).isEqualTo(exposures);
        assertThat(now.path("clicks").asLong()).as("clicks of " + arm).isEqualTo(clicks);
        assertThat(now.path("conversions").asLong())
                .as("conversions of " + arm)
                .isEqualTo(before.path("conversions").asLong());
    }

    private static String url(String path) {
        return "http://localhost:" + server.port() + path;
    }
}
