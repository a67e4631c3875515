package dev.kefu.channels.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.kefu.core.compose.llm.PersonalDataMasker;

/** {@code %maskedMsg}: the formatted message, personal data redacted. */
public final class MaskedMessageConverter extends MessageConverter {
    private static final PersonalDataMasker MASKER = PersonalDataMasker.defaults();

    @Override
    public String convert(ILoggingEvent event) {
        return MASKER.redact(super.convert(event));
    }
}
