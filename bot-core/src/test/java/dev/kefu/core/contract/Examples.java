package dev.kefu.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * The examples an implementation's test supplies to a contract suite, checked before a suite loops
 * over them: a suite given no examples would pass whatever the implementation does.
 */
final class Examples {
    private Examples() {}

    /** {@code examples}, or a failed test naming the method that supplied none. */
    static List<LabeledText> supplied(String method, List<LabeledText> examples) {
        assertThat(examples)
                .as(
                        "%s must supply examples: a contract checked on none passes whatever the implementation does",
                        method)
                .isNotNull()
                .isNotEmpty();
        return examples;
    }
}
