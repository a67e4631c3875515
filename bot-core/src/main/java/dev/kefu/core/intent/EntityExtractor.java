package dev.kefu.core.intent;

import java.util.List;

/** Stage ②d: finds entities in a normalised message. Thread-safe; an empty list means none found. */
@FunctionalInterface
public interface EntityExtractor {
    List<Entity> extract(String normalizedText, Language language);
}
