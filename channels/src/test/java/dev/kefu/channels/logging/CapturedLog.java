package dev.kefu.channels.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every event logged while it is open (INFO and above), written as the server writes it: by the
 * encoder of the {@code STDOUT} appender of the server's own {@code logback.xml}, so a test reads
 * the lines an operator would.
 */
final class CapturedLog implements AutoCloseable {
    private final LoggerContext production = new LoggerContext();
    private final Encoder<ILoggingEvent> encoder;
    private final Logger root;
    private final Level level;
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    CapturedLog() throws JoranException {
        URL config = CapturedLog.class.getResource("/logback.xml");
        assertThat(config).as("the server's logback.xml").isNotNull();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(production);
        configurator.doConfigure(config);
        assertThat(new StatusUtil(production).getHighestLevel(0))
                .as("logback.xml configures without errors")
                .isLessThan(Status.ERROR);
        OutputStreamAppender<ILoggingEvent> stdout = (OutputStreamAppender<ILoggingEvent>)
                production.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        encoder = stdout.getEncoder();

        root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        level = root.getLevel();
        root.setLevel(Level.INFO);
        events.start();
        root.addAppender(events);
    }

    /**
     * Logs a warning that quotes {@code text} in its message, its exception's and its cause's, as a
     * careless log statement would.
     */
    static void warnQuoting(org.slf4j.Logger logger, String text) {
        logger.warn(
                "the shopper wrote {}",
                text,
                new IllegalStateException("cannot handle " + text, new IllegalArgumentException("caused by " + text)));
    }

    /** Writes the lines in {@code format} ({@code json}, {@code text}), as {@code log.format} does. */
    CapturedLog format(String format) {
        ((LogEncoder) encoder).setFormat(format);
        return this;
    }

    /** The lines logged so far. */
    String lines() {
        StringBuilder lines = new StringBuilder();
        List<ILoggingEvent> logged;
        synchronized (events) { // the appender's own lock: appends come from the server's threads
            logged = List.copyOf(events.list);
        }
        for (ILoggingEvent event : logged) {
            lines.append(new String(encoder.encode(event), StandardCharsets.UTF_8));
        }
        return lines.toString();
    }

    @Override
    public void close() {
        root.detachAppender(events);
        root.setLevel(level);
        events.stop();
        production.stop();
    }
}
