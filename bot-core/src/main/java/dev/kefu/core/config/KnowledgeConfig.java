package dev.kefu.core.config;

import java.util.List;

/** {@code knowledge.*}: what the bot knows and how strict retrieval is. */
public record KnowledgeConfig(String file, double minScore, int maxPassages) {
    void validate(List<String> errors) {
        if (file != null && file.isBlank()) {
            errors.add("knowledge.file must be a path or null, was blank");
        }
        if (!(minScore >= 0)) {
            errors.add("knowledge.minScore must be >= 0, was " + minScore);
        }
        if (maxPassages < 1 || maxPassages > 50) {
            errors.add("knowledge.maxPassages must be 1..50, was " + maxPassages);
        }
    }
}
