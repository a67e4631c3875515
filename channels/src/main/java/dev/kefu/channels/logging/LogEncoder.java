package dev.kefu.channels.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.kefu.core.config.LogConfig;
import java.util.Iterator;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The server's log encoder: JSON lines ({@link MaskedJsonEncoder}) or readable text (its {@code
 * pattern}), by {@code format}, switchable while running, so the typed setting {@code log.format}
 * applies once the configuration is read ({@link #use}) and {@code KEFU_LOG_FORMAT} (read by
 * {@code logback.xml}) before. Both mask personal data.
 */
public final class LogEncoder extends EncoderBase<ILoggingEvent> {
    private final MaskedJsonEncoder json = new MaskedJsonEncoder();
    private final PatternLayoutEncoder text = new PatternLayoutEncoder();
    private volatile boolean asJson = true;

    /** {@code json} or {@code text}; anything else is reported to logback and leaves the format as it is. */
    public void setFormat(String format) {
        String name = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (!LogConfig.FORMATS.contains(name)) {
            addError("log format must be one of " + LogConfig.FORMATS + ", was '" + format + "'");
            return;
        }
        asJson = name.equals("json");
    }

    /** The pattern of the text format. */
    public void setPattern(String pattern) {
        text.setPattern(pattern);
    }

    @Override
    public void start() {
        json.setContext(getContext());
        text.setContext(getContext());
        json.start();
        text.start();
        super.start();
    }

    @Override
    public void stop() {
        json.stop();
        text.stop();
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return current().headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return current().encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return current().footerBytes();
    }

    private Encoder<ILoggingEvent> current() {
        return asJson ? json : text;
    }

    /** Sets {@code format} on every appender of the root logger that writes with this encoder. */
    public static void use(String format) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding: its own configuration decides
        }
        Iterator<Appender<ILoggingEvent>> appenders =
                context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        while (appenders.hasNext()) {
            if (appenders.next() instanceof OutputStreamAppender<ILoggingEvent> out
                    && out.getEncoder() instanceof LogEncoder encoder) {
                encoder.setFormat(format);
            }
        }
    }
}
