/**
 * Log lines without personal data: logback converters that pass a line's message ({@code
 * %maskedMsg}) and its stack trace ({@code %maskedEx}) through bot-core's {@link
 * dev.kefu.core.compose.llm.PersonalDataMasker#redact}, so a phone, an e-mail address, an order or
 * card number or a street address written by a shopper is logged as {@code <PHONE>}, {@code
 * <EMAIL>}, ... wherever it turns up (a warning, an exception's message, a library's line). The
 * server's and {@code kefu-eval}'s {@code logback.xml} use them in every pattern. Imports nothing
 * of channels; stateless and thread-safe.
 */
package dev.kefu.channels.logging;
