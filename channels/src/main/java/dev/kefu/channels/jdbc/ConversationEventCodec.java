package dev.kefu.channels.jdbc;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.slot.SuppressionReason;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one mapping between {@link ConversationEvent}s and the columns of {@code
 * conversation_events}: {@code type} (the type code), {@code actor}, {@code slots_suppressed} (the
 * suppression reasons' codes, sorted and comma-separated, {@code null} when there are none, so
 * the experiment log counts them without reading the JSON) and {@code data}: the record's other
 * values as JSON, written by Jackson from the record itself (enums as their lowercase codes, no
 * nulls). {@code conversation_id} and {@code at} have columns of their own. Thread-safe.
 */
final class ConversationEventCodec {
    private static final String CONVERSATION_ID = "conversationId";
    private static final String AT = "at";
    /** A decision's {@link ConversationEvent.Turn}, which holds the suppressions. */
    private static final String TURN = "turn";

    private static final String SUPPRESSED = "suppressed";

    private final ObjectMapper json = JsonMapper.builder()
            .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .addModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .build();

    /**
     * An event's row, but for its conversation id and time.
     *
     * @param suppressed the reasons' codes, sorted and comma-separated, or {@code null}
     */
    record Row(String type, String actor, String data, String suppressed) {}

    Row encode(ConversationEvent event) {
        ObjectNode node = json.valueToTree(event);
        node.remove(CONVERSATION_ID);
        node.remove(AT);
        if (node.get(TURN) instanceof ObjectNode turn) {
            turn.remove(SUPPRESSED);
        }
        return new Row(event.type().code(), event.actor(), node.toString(), suppressed(event.suppressed()));
    }

    /**
     * The event a row holds.
     *
     * @throws IllegalStateException naming the row when it is not an event of its type
     */
    ConversationEvent decode(String conversationId, Instant at, String type, String data, String suppressed) {
        ConversationEvent.Type kind = ConversationEvent.Type.fromCode(type);
        try {
            ObjectNode node = (ObjectNode) json.readTree(data);
            node.put(CONVERSATION_ID, conversationId);
            node.put(AT, at.toString());
            if (node.get(TURN) instanceof ObjectNode turn) {
                ArrayNode reasons = turn.putArray(SUPPRESSED);
                suppressed(suppressed).forEach(reason -> reasons.add(reason.code()));
            }
            return json.treeToValue(node, kind.record());
        } catch (JsonProcessingException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "stored " + type + " event of conversation " + conversationId + " at " + at + " is not readable: "
                            + data,
                    e);
        }
    }

    /** The column value of these reasons: their codes, sorted and comma-separated, or null. */
    static String suppressed(Set<SuppressionReason> reasons) {
        return reasons.isEmpty()
                ? null
                : reasons.stream().map(SuppressionReason::code).sorted().collect(Collectors.joining(","));
    }

    /** The reasons of a column value. */
    static Set<SuppressionReason> suppressed(String column) {
        if (column == null || column.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(column.split(","))
                .map(String::strip)
                .map(SuppressionReason::fromCode)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SuppressionReason.class)));
    }

    /** ISO-8601 instants, as {@link Instant#toString()} writes them. */
    private static final class InstantDeserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return Instant.parse(parser.getValueAsString());
        }
    }
}
