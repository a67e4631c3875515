package dev.kefu.core.intent;

/**
 * Stage ②b: the canonical form of a message that every later stage reads (full-width folded to
 * half-width, whitespace collapsed, case folded where the language has case).
 */
@FunctionalInterface
public interface TextNormalizer {
    String normalize(String text);
}
