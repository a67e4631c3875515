package dev.kefu.channels.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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

    private HeadlessChromium chromium() {
        if (chromium == null) {
            throw new IllegalStateException("the browser runs only while its test class does");
        }
        return chromium;
    }
}
