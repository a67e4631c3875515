package dev.kefu.intents.entity;

import dev.kefu.core.intent.Entity;
import java.util.List;

/** What the extractors of this package share when they collect their readings. */
final class Entities {
    private Entities() {}

    /**
     * Adds a {@code type} entity to {@code found} unless {@code value} is null (the text was no
     * such thing after all) or the span overlaps an entity found before: first found, first kept.
     */
    static void addIfFree(List<Entity> found, String type, String value, int start, int end) {
        if (value == null) {
            return;
        }
        for (Entity entity : found) {
            if (start < entity.end() && entity.start() < end) {
                return;
            }
        }
        found.add(new Entity(type, value, start, end));
    }
}
