package dev.kefu.intents.entity;

import dev.kefu.core.Checks;
import java.util.Arrays;
import java.util.List;

/**
 * The names one knowledge entry is known by, as the caller supplies them: English and Chinese
 * titles, SKU or model codes ({@code X200}), aliases from attributes. {@link ProductGazetteer}
 * derives further aliases from these.
 *
 * @param entryId the knowledge entry id, the canonical value of a {@code product} entity
 * @param names at least one, each non-blank
 */
record ProductNames(String entryId, List<String> names) {
    public ProductNames {
        Checks.requireText("productNames.entryId", entryId);
        names = Checks.copyOf("productNames.names", names);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("productNames.names must not be empty (entry " + entryId + ")");
        }
        for (int i = 0; i < names.size(); i++) {
            Checks.requireText("productNames.names[" + i + "] (entry " + entryId + ")", names.get(i));
        }
    }

    public static ProductNames of(String entryId, String... names) {
        return new ProductNames(entryId, names == null ? null : Arrays.asList(names));
    }
}
