package dev.kefu.channels.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.kefu.core.compose.llm.PersonalDataMasker;

/**
 * {@code %maskedEx}: the stack trace, with the messages of the exception and its causes redacted
 * (a driver or a library may quote what it was given). Being a throwable converter, it also keeps
 * logback from appending an unmasked stack trace of its own.
 */
public final class MaskedThrowableConverter extends ThrowableProxyConverter {
    private static final PersonalDataMasker MASKER = PersonalDataMasker.defaults();

    @Override
    protected String throwableProxyToString(IThrowableProxy proxy) {
        return MASKER.redact(super.throwableProxyToString(proxy));
    }
}
