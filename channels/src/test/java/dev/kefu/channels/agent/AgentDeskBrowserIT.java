package dev.kefu.channels.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.channels.app.Browser;
import dev.kefu.channels.app.RunningServer;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hand-off loop in two real headless Chromium sessions against the real server: a shopper on
 * the storefront with the widget, an agent on the desk ({@code /agent}). Asking for a person,
 * the live queue, claiming, the context packet, typing both ways, replies, markup shown as text,
 * a reload, handing back to the bot, closing and the shopper's rating.
 */
class AgentDeskBrowserIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** What "at once" means for a pushed frame. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @RegisterExtension
    static final RunningServer server = new RunningServer();

    @RegisterExtension
    static final Browser shopper = new Browser();

    @RegisterExtension
    static final Browser desk = new Browser();

    @Test
    void should_hand_a_shopper_to_an_agent_and_back_then_close_and_rate() throws Exception {
        // The agent signs in; a wrong token is refused on the page.
        desk.navigateFresh(url("/agent"));
        desk.waitFor("document.querySelector('#agent-token') && !document.querySelector('#sign-in-view').hidden", WAIT);
        type(desk, "#agent-token", "not-an-agent-token");
        click(desk, "#agent-signin");
        desk.waitFor(textOf("#sign-in-error") + ".length > 0", WAIT);
        assertThat(hidden(desk, "#app")).isTrue();
        type(desk, "#agent-token", RunningServer.AGENT_TOKEN);
        click(desk, "#agent-signin");
        desk.waitFor("document.querySelector('#connection').dataset.state === 'live'", WAIT);
        assertThat(text(desk, "#agent-name")).isEqualTo(RunningServer.AGENT);
        assertThat(desk.eval("sessionStorage.getItem('kefu.agentToken')").asText())
                .isEqualTo(RunningServer.AGENT_TOKEN);
        assertThat(desk.eval("document.querySelectorAll('#canned .canned-reply').length")
                        .asInt())
                .isPositive();

        // The shopper asks for a person: the widget says they wait, the desk's queue shows it live.
        shopper.navigateFresh(url("/"));
        shopper.waitFor("document.querySelector('#kefu-launcher')", WAIT);
        click(shopper, "#kefu-launcher");
        shopper.waitFor("document.querySelector('#kefu-input')", WAIT);
        say("转人工");
        shopper.waitFor(banner("queued"), WAIT);
        assertThat(text(shopper, "#kefu-banner")).as("the expected wait").containsPattern("\\d");
        String id = shopper.eval("localStorage.getItem('kefu.conversationId')").asText();
        assertThat(id).isNotBlank();

        String item = "#queue .queue-item[data-conversation-id=" + js(id) + "]";
        desk.waitFor("document.querySelector(" + js(item) + ")", WAIT);
        assertThat(text(desk, item + " .preview")).isEqualTo("转人工");
        assertThat(desk.eval("document.querySelector(" + js(item) + ").dataset.reason")
                        .asText())
                .isEqualTo("explicit_request");
        assertThat(text(desk, item + " .badge")).isNotBlank();
        String waited = text(desk, item + " .waiting");
        desk.waitFor(textOf(item + " .waiting") + " !== " + js(waited), WAIT); // the waiting time ticks

        // The agent claims it: the conversation and its context packet open; the widget says who joined.
        click(desk, item + " .claim");
        desk.waitFor("document.querySelector('#conv-state').dataset.state === 'agent'", WAIT);
        desk.waitFor("document.querySelector('#transcript .msg[data-from=\"shopper\"]')", WAIT);
        desk.waitFor("document.querySelector('#mine .queue-item[data-conversation-id=" + js(id) + "]')", WAIT);
        assertThat(text(desk, "#context-trigger")).contains("explicit_request").contains("Asked for a person");
        assertThat(text(desk, "#context-summary")).isNotBlank().contains("转人工");
        assertThat(desk.eval("document.querySelectorAll('#sentiment-chart svg circle').length")
                        .asInt())
                .isPositive();
        assertThat(desk.eval("document.querySelector('#reply-input').disabled").asBoolean())
                .isFalse();
        shopper.waitFor(
                banner("agent") + " && " + textOf("#kefu-banner") + ".includes(" + js(RunningServer.AGENT) + ")", WAIT);

        // Markup from the shopper is text on the desk, and the bot keeps quiet while a person serves.
        int botAnswers = count(shopper, ".kefu-msg[data-from=\"bot\"]");
        desk.watchAdded("#transcript", "script, img");
        String markup = "我的订单还没到 <script>alert(1)</script> <img src=x onerror=window.__xss=1>";
        say(markup);
        String shopperLine = "[...document.querySelectorAll('#transcript .msg[data-from=\"shopper\"] .text')]"
                + ".some(t => t.textContent === " + js(markup) + ")";
        desk.waitFor(shopperLine, WAIT);
        shopper.waitFor(
                "[...document.querySelectorAll('.kefu-msg[data-from=\"shopper\"]')]"
                        + ".every(m => m.dataset.status === 'sent')",
                WAIT);
        assertThat(desk.added())
                .as("markup the desk made of the text, even for a moment")
                .isEmpty();
        assertThat(count(desk, "#transcript script, #transcript img")).isZero();
        assertThat(desk.eval("window.__xss === undefined").asBoolean()).isTrue();

        // Typing both ways.
        type(shopper, "#kefu-input", "还有一个问题");
        desk.waitFor("!document.querySelector('#shopper-typing').hidden", WAIT);
        type(shopper, "#kefu-input", "");
        type(desk, "#reply-input", "您好");
        shopper.waitFor(
                "!document.querySelector('#kefu-typing').hidden"
                        + " && document.querySelector('#kefu-typing').dataset.from === 'agent'",
                WAIT);

        // The agent's reply (Enter sends) reaches the shopper at once.
        String reply = "您好，我是客服 " + RunningServer.AGENT + "，马上为您查询订单。";
        type(desk, "#reply-input", reply);
        assertThat(text(desk, "#reply-counter")).isEqualTo(reply.codePointCount(0, reply.length()) + "/2000");
        desk.eval("document.querySelector('#reply-input').dispatchEvent(new KeyboardEvent('keydown',"
                + " {key: 'Enter', bubbles: true, cancelable: true}))");
        String agentLine = "[...document.querySelectorAll('.kefu-msg[data-from=\"agent\"] .kefu-bubble')]"
                + ".some(b => b.textContent === " + js(reply) + ")";
        shopper.waitFor(agentLine, AT_ONCE);
        // A bot answer to the markup would have come before the agent's reply on the same socket.
        assertThat(count(shopper, ".kefu-msg[data-from=\"bot\"]")).isEqualTo(botAnswers);
        shopper.waitFor("document.querySelector('#kefu-typing').hidden", WAIT);
        desk.waitFor("document.querySelectorAll('#transcript .msg[data-from=\"agent\"]').length === 1", WAIT);
        // Cleared once the server has taken the reply (its POST may answer after the socket's push).
        desk.waitFor("document.querySelector('#reply-input').value === ''", WAIT);

        // A reload restores the history once, with the agent still shown.
        int shown = count(shopper, ".kefu-msg[data-seq]");
        shopper.navigate(url("/"));
        click(shopper, "#kefu-launcher");
        shopper.waitFor("document.querySelectorAll('.kefu-msg[data-seq]').length >= " + shown, WAIT);
        assertThat(count(shopper, ".kefu-msg[data-seq]")).isEqualTo(shown);
        // Whatever the reload would show twice comes before the answer to a later message on the
        // same socket: one more message, acknowledged, and each message still once.
        say("还在吗？");
        shopper.waitFor("document.querySelectorAll('.kefu-msg[data-seq]').length >= " + (shown + 1), WAIT);
        assertThat(count(shopper, ".kefu-msg[data-seq]")).isEqualTo(shown + 1);
        assertThat(shopper.eval(
                                "new Set([...document.querySelectorAll('.kefu-msg[data-seq]')].map(m => m.dataset.seq)).size")
                        .asInt())
                .isEqualTo(shown + 1);
        shopper.waitFor(agentLine, WAIT);
        shopper.waitFor(banner("agent"), WAIT);
        assertThat(text(shopper, "#kefu-banner")).contains(RunningServer.AGENT);

        // The agent hands back to the bot, which answers the next question with a cited answer.
        click(desk, "#release");
        desk.waitFor("document.querySelector('#conv-state').dataset.state === 'bot'", WAIT);
        desk.waitFor("!document.querySelector('#mine .queue-item[data-conversation-id=" + js(id) + "]')", WAIT);
        shopper.waitFor(banner("bot"), WAIT);
        say("How long does delivery take?");
        shopper.waitFor(
                "document.querySelector('.kefu-msg[data-from=\"bot\"] .kefu-citation[data-entry-id=\"policy-shipping\"]')",
                WAIT);
        desk.waitFor(
                "document.querySelector('#transcript .msg[data-from=\"bot\"] .citation[data-entry-id=\"policy-shipping\"]')",
                WAIT); // the desk still watches it

        // Asked for a person again; claimed again; closed: the shopper rates it 5.
        say("转人工");
        shopper.waitFor(banner("queued"), WAIT);
        desk.waitFor("document.querySelector(" + js(item + " .claim") + ")", WAIT);
        click(desk, item + " .claim");
        desk.waitFor("document.querySelector('#conv-state').dataset.state === 'agent'", WAIT);
        shopper.waitFor(banner("agent"), WAIT);
        click(desk, "#close");
        desk.waitFor("document.querySelector('#conv-state').dataset.state === 'closed'", WAIT);
        shopper.waitFor(banner("closed"), WAIT);
        shopper.waitFor("!document.querySelector('#kefu-rating').hidden", WAIT);
        assertThat(count(shopper, "#kefu-rating .kefu-star[aria-label]")).isEqualTo(5);
        click(shopper, "#kefu-rating .kefu-star[data-score=\"5\"]");
        type(shopper, "#kefu-rating-comment", "很快，谢谢");
        click(shopper, "#kefu-rating-submit");
        shopper.waitFor("!document.querySelector('#kefu-rating-thanks').hidden", WAIT);

        JsonNode view = server.agent("GET", "/api/v1/agent/conversations/" + id, null);
        assertThat(view.path("state").asText()).isEqualTo("closed");
        assertThat(StreamSupport.stream(view.path("events").spliterator(), false)
                        .filter(e -> e.path("type").asText().equals("rating"))
                        .map(e -> e.path("data").path("score").asText()))
                .containsExactly("5");

        // Rated once: a reload does not ask again.
        shopper.navigate(url("/"));
        click(shopper, "#kefu-launcher");
        shopper.waitFor(banner("closed"), WAIT);
        assertThat(hidden(shopper, "#kefu-rating")).isTrue();
        // Nothing that arrives after the history asks again: whatever it would be comes before the
        // answer to a later frame on the same socket, the "helpful" on the cited answer.
        click(shopper, ".kefu-msg[data-from=\"bot\"] .kefu-helpful-yes");
        shopper.waitFor("document.querySelector('.kefu-feedback[data-acked=\"true\"]')", WAIT);
        assertThat(hidden(shopper, "#kefu-rating")).isTrue();
    }

    @Test
    void should_say_so_when_another_agent_claimed_first() throws Exception {
        desk.navigate(url("/agent"));
        desk.waitFor("!document.querySelector('#sign-in-view').hidden || !document.querySelector('#app').hidden", WAIT);
        if (hidden(desk, "#app")) {
            type(desk, "#agent-token", RunningServer.AGENT_TOKEN);
            click(desk, "#agent-signin");
        }
        desk.waitFor("document.querySelector('#connection').dataset.state === 'live'", WAIT);
        String id = server.postJson("/api/v1/chat", Map.of("text", "转人工"))
                .path("conversationId")
                .asText();
        String item = "#queue .queue-item[data-conversation-id=" + js(id) + "]";
        desk.waitFor("document.querySelector(" + js(item) + ")", WAIT);

        // The other agent is quicker: this agent clicks "Claim" on the queue as it was.
        desk.eval("(async () => { const claim = document.querySelector(" + js(item + " .claim") + ");"
                + " const other = await fetch('/api/v1/agent/conversations/' + " + js(id) + " + '/claim',"
                + " {method: 'POST', headers: {Authorization: 'Bearer ' + " + js(RunningServer.AGENT_2_TOKEN) + "}});"
                + " if (!other.ok) throw new Error('the other agent could not claim: ' + other.status);"
                + " claim.click(); })()");
        desk.waitFor(
                "!document.querySelector('#desk-status').hidden"
                        + " && document.querySelector('#desk-status').dataset.code === 'ALREADY_CLAIMED'",
                WAIT);
        assertThat(text(desk, "#desk-status")).contains("Another agent claimed this conversation first");
        desk.waitFor("!document.querySelector(" + js(item) + ")", WAIT);
        assertThat(count(desk, "#mine .queue-item[data-conversation-id=" + js(id) + "]"))
                .isZero();
    }

    private static String url(String path) {
        return "http://localhost:" + server.port() + path;
    }

    /** The shopper sends a message through the widget. */
    private static void say(String text) throws Exception {
        type(shopper, "#kefu-input", text);
        click(shopper, "#kefu-send");
    }

    private static String banner(String state) throws Exception {
        return "(() => { const b = document.querySelector('#kefu-banner');"
                + " return b && !b.hidden && b.dataset.state === " + js(state) + "; })()";
    }

    private static String js(String value) throws Exception {
        return RunningServer.JSON.writeValueAsString(value);
    }

    private static String textOf(String selector) throws Exception {
        return "(document.querySelector(" + js(selector) + ") || {textContent: ''}).textContent";
    }

    private static String text(Browser browser, String selector) throws Exception {
        return browser.eval(textOf(selector)).asText();
    }

    private static boolean hidden(Browser browser, String selector) throws Exception {
        return browser.eval("document.querySelector(" + js(selector) + ").hidden")
                .asBoolean();
    }

    private static int count(Browser browser, String selector) throws Exception {
        return browser.eval("document.querySelectorAll(" + js(selector) + ").length")
                .asInt();
    }

    private static void click(Browser browser, String selector) throws Exception {
        browser.eval("document.querySelector(" + js(selector) + ").click()");
    }

    /** Sets a field's value as typing does (an input event follows). */
    private static void type(Browser browser, String selector, String value) throws Exception {
        browser.eval("(() => { const el = document.querySelector(" + js(selector) + ");"
                + " el.focus(); el.value = " + js(value) + ";"
                + " el.dispatchEvent(new Event('input', {bubbles: true})); })()");
    }
}
