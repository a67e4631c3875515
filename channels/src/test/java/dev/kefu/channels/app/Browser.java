package dev.kefu.channels.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link HeadlessChromium} for a test class, as a JUnit extension: started before the class's
 * tests (the class is skipped where Chromium is missing), closed after them.
 * {@code @RegisterExtension static final Browser browser = new Browser();}
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback {
    private HeadlessChromium chromium;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        chromium = HeadlessChromium.startOrSkip();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
    }

    /** @see HeadlessChromium#navigate(String) */
    public void navigate(String url) throws Exception {
        chromium().navigate(url);
    }

    /** @see HeadlessChromium#navigateFresh(String) */
    public void navigateFresh(String url) throws Exception {
        chromium().navigateFresh(url);
    }

    /** @see HeadlessChromium#eval(String) */
    public JsonNode eval(String expression) throws Exception {
        return chromium().eval(expression);
    }

    /** Types {@code text} into the open storefront widget and presses its send button. */
    public void sayInWidget(String text) throws Exception {
        eval("(() => { const input = document.querySelector('#kefu-input');"
                + " input.value = " + json(text) + ";"
                + " input.dispatchEvent(new Event('input', {bubbles: true}));"
                + " document.querySelector('#kefu-send').click(); })()");
    }

    /** @see HeadlessChromium#press(String) */
    public void press(String key) throws Exception {
        chromium().press(key);
    }

    /** @see HeadlessChromium#waitFor(String, Duration) */
    public void waitFor(String condition, Duration timeout) throws Exception {
        chromium().waitFor(condition, timeout);
    }

    /** @see HeadlessChromium#consoleErrors() */
    public List<String> consoleErrors() {
        return chromium().consoleErrors();
    }

    /** @see HeadlessChromium#clearConsoleErrors() */
    public void clearConsoleErrors() {
        chromium().clearConsoleErrors();
    }

    /**
     * Records, from now until the page is left, every element matching {@code selector} that the
     * page adds inside {@code scope}, whether or not it stays ({@link #added()} lists them). A page
     * that must never turn text into markup is checked by what it added, not by waiting to see
     * whether an injected handler runs.
     */
    public void watchAdded(String scope, String selector) throws Exception {
        eval("(() => { window.__kefuAdded = []; const scope = " + json(scope) + ", selector = " + json(selector) + ";"
                + " new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach((n) => {"
                + "   if (n.nodeType !== 1 || !(r.target.closest(scope) || n.matches(scope))) return;"
                + "   [n, ...n.querySelectorAll(selector)].filter((e) => e.matches(selector))"
                + "     .forEach((e) => window.__kefuAdded.push(e.outerHTML)); })))"
                + " .observe(document.documentElement, {childList: true, subtree: true}); })()");
    }

    /** The elements {@link #watchAdded} saw added, as HTML, oldest first. */
    public List<String> added() throws Exception {
        JsonNode added = eval("window.__kefuAdded");
        if (!added.isArray()) {
            throw new IllegalStateException("watchAdded was not called on this page");
        }
        List<String> html = new ArrayList<>();
        added.forEach(e -> html.add(e.asText()));
        return html;
    }

    /**
     * Returns once the page's event loop has run everything queued so far (promise callbacks, timers
     * of no delay): what a click or a frame handler started has then happened, without a guessed
     * pause.
     */
    public void settle() throws Exception {
        eval("new Promise((resolve) => setTimeout(resolve, 0))");
    }

    private static String json(String value) throws Exception {
        return RunningServer.JSON.writeValueAsString(value);
    }

    private HeadlessChromium chromium() {
        if (chromium == null) {
            throw new IllegalStateException("the browser runs only while its test class does");
        }
        return chromium;
    }
}
