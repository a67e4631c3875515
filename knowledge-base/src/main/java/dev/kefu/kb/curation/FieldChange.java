package dev.kefu.kb.curation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field that differs between two revisions.
 *
 * @param field the field's path in the entry's JSON form: {@code title}, {@code questions}, {@code
 *     attributes.price}, {@code i18n.zh.body}
 * @param before its value in the first revision, or {@code null} if absent there
 * @param after its value in the second revision, or {@code null} if absent there
 */
public record FieldChange(String field, JsonNode before, JsonNode after) {}
