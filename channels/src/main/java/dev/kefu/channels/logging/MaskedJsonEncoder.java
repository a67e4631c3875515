package dev.kefu.channels.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.kefu.core.compose.llm.PersonalDataMasker;
import dev.kefu.core.pipeline.ConversationPipeline;
import java.time.Instant;
import java.util.Map;

/**
 * Logback's own {@link JsonEncoder}, one object a line, made to mask: it writes the level, the
 * logger and the thread itself, and through its {@link #appendCustomFields} hook the {@code date}
 * (ISO-8601, UTC), the {@code conversationId} and {@code stage} of the turn being handled (from
 * the MDC, as top-level fields a collector can filter on), the {@code message} and the {@code
 * error} (the stack trace as text), both with personal data redacted as in the text format. The
 * message's template and raw arguments, and the throwable as logback would write it, are left
 * out: they are not masked.
 */
public final class MaskedJsonEncoder extends JsonEncoder {
    private static final PersonalDataMasker MASKER = PersonalDataMasker.defaults();
    private static final JsonStringEncoder QUOTE = JsonStringEncoder.getInstance();

    public MaskedJsonEncoder() {
        setWithSequenceNumber(false);
        setWithTimestamp(false);
        setWithNanoseconds(false);
        setWithContext(false);
        setWithMDC(false);
        setWithMessage(false);
        setWithArguments(false);
        setWithFormattedMessage(false);
        setWithThrowable(false);
    }

    @Override
    protected void appendCustomFields(StringBuilder json, ILoggingEvent event) {
        field(json, "date", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        Map<String, String> mdc = event.getMDCPropertyMap();
        field(json, ConversationPipeline.LOG_CONVERSATION, mdc.get(ConversationPipeline.LOG_CONVERSATION));
        field(json, ConversationPipeline.LOG_STAGE, mdc.get(ConversationPipeline.LOG_STAGE));
        field(json, "message", MASKER.redact(event.getFormattedMessage()));
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            field(json, "error", MASKER.redact(ThrowableProxyUtil.asString(error)));
        }
    }

    /** {@code ,"name":"value"}, escaped; nothing for a {@code null} value. */
    private static void field(StringBuilder json, String name, String value) {
        if (value != null) {
            json.append(",\"").append(name).append("\":\"");
            QUOTE.quoteAsString(value, json);
            json.append('"');
        }
    }
}
