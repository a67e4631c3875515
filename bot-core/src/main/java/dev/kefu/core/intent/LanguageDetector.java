package dev.kefu.core.intent;

/** Stage ②a: tells whether a text is Chinese, English or mixed. */
@FunctionalInterface
public interface LanguageDetector {
    /**
     * @param text a non-blank shopper message
     * @return its language; text with neither Han nor Latin letters is {@link Language#EN}
     */
    Language detect(String text);
}
