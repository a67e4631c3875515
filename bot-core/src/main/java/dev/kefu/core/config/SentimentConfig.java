package dev.kefu.core.config;

import java.util.List;

/** {@code sentiment.*}: how the running sentiment is computed. */
public record SentimentConfig(double trendAlpha) {
    void validate(List<String> errors) {
        if (!(trendAlpha > 0 && trendAlpha <= 1)) {
            errors.add("sentiment.trendAlpha must be in (0, 1], was " + trendAlpha);
        }
    }
}
