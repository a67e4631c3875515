package dev.kefu.core.contract;

import dev.kefu.core.intent.Language;

/** A text with the label an implementation must give it, for contract suites. */
public record LabeledText(String text, Language language, String label) {}
