package dev.kefu.channels.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.compose.AnswerKind;
import dev.kefu.core.compose.AnswerTrace;
import dev.kefu.core.conversation.ConversationEvent;
import dev.kefu.core.conversation.ConversationState;
import dev.kefu.core.conversation.MessageSignals;
import dev.kefu.core.handoff.HandoffReason;
import dev.kefu.core.handoff.HandoffTrigger;
import dev.kefu.core.handoff.Priority;
import dev.kefu.core.intent.Language;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration V5: typed events and the conversation state the pipeline used to read back from them.
 * A Java migration because it rewrites JSON, which SQL cannot do portably between H2 and
 * PostgreSQL.
 *
 * <ul>
 *   <li>{@code conversation_events.slots_suppressed}: the suppression reasons of a decision, a
 *       column of their own (they were a comma-separated value inside the JSON).
 *   <li>{@code conversation_events.data}: rewritten from the old string map (keys such as {@code
 *       seq}, {@code answerKind}, {@code trigger.threshold}, the agent in the actor only) into what
 *       {@link ConversationEventCodec} writes for the typed event; a decision's urgency and reply
 *       language, which the old events did not keep, come from the shopper message it answered.
 *   <li>{@code conversations.lines_shown}: the marketing lines each conversation was shown, from its
 *       replies' {@code slots}; {@code conversations.subject} and {@code subject_seq}: the product
 *       the conversation is about, empty for existing conversations (the old events do not say
 *       which product a message named; the next message that names one sets it).
 * </ul>
 *
 * <p>It converts with the codec of the code that runs it: V5 is the first migration that depends on
 * the event records, and runs together with the code that reads them.
 */
final class TypedEventsMigration implements JavaMigration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final String TRIGGER = "trigger.";
    private static final int BATCH = 500;

    private final ConversationEventCodec codec;

    TypedEventsMigration(ConversationEventCodec codec) {
        this.codec = codec;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("5");
    }

    @Override
    public String getDescription() {
        return "typed events and conversation state";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE conversation_events ADD COLUMN slots_suppressed VARCHAR(255)");
            ddl.execute("ALTER TABLE conversations ADD COLUMN lines_shown VARCHAR DEFAULT '[]' NOT NULL");
            ddl.execute("ALTER TABLE conversations ADD COLUMN subject VARCHAR(128)");
            ddl.execute("ALTER TABLE conversations ADD COLUMN subject_seq BIGINT");
        }
        Map<String, List<String>> linesShown = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id, conversation_id, at, type, actor, data FROM conversation_events ORDER BY id");
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE conversation_events SET data = ?, slots_suppressed = ? WHERE id = ?");
                PreparedStatement asked = connection.prepareStatement(
                        "SELECT m.urgency, m.language, c.language FROM conversations c LEFT JOIN messages m"
                                + " ON m.conversation_id = c.id AND m.seq = ? WHERE c.id = ?")) {
            select.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long id = rows.getLong("id");
                    String conversationId = rows.getString("conversation_id");
                    ConversationEvent event = legacy(
                            id,
                            conversationId,
                            rows.getObject("at", OffsetDateTime.class).toInstant(),
                            rows.getString("type"),
                            rows.getString("actor"),
                            rows.getString("data"),
                            botSeq -> asked(asked, conversationId, botSeq));
                    if (event instanceof ConversationEvent.Replied reply
                            && !reply.slots().isEmpty()) {
                        linesShown
                                .computeIfAbsent(conversationId, c -> new ArrayList<>())
                                .addAll(reply.slots());
                    }
                    ConversationEventCodec.Row row = codec.encode(event);
                    update.setString(1, row.data());
                    update.setString(2, row.suppressed());
                    update.setLong(3, id);
                    update.addBatch();
                    if (++pending == BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                update.executeBatch();
            }
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE conversations SET lines_shown = ? WHERE id = ?")) {
            for (Map.Entry<String, List<String>> shown : linesShown.entrySet()) {
                update.setString(1, JdbcConversationStore.toJson(shown.getValue()));
                update.setString(2, shown.getKey());
                update.addBatch();
            }
            if (!linesShown.isEmpty()) {
                update.executeBatch();
            }
        }
    }

    /**
     * What an old decision does not say of the shopper message it answered, its urgency and reply
     * language: as stored with the message (seq - 1), else no urgency and the hand-off's language,
     * else Chinese.
     */
    private static Asked asked(PreparedStatement select, String conversationId, long botSeq) throws SQLException {
        select.setLong(1, botSeq - 1);
        select.setString(2, conversationId);
        try (ResultSet row = select.executeQuery()) {
            double urgency = 0.0;
            String language = null;
            if (row.next()) {
                urgency = row.getDouble(1);
                language = row.getString(2) != null ? row.getString(2) : row.getString(3);
            }
            return new Asked(
                    urgency, language == null ? Language.ZH : JdbcConversationStore.decode(Language.class, language));
        }
    }

    /** The urgency and reply language of the shopper message a decision answered. */
    record Asked(double urgency, Language language) {}

    /** Finds the {@link Asked} of the bot message with this sequence number. */
    @FunctionalInterface
    interface Lookup {
        Asked of(long botSeq) throws SQLException;
    }

    /**
     * The typed event of a row written before V5.
     *
     * @throws IllegalStateException naming the row when it is not what the code before V5 wrote
     */
    static ConversationEvent legacy(
            long rowId, String id, Instant at, String type, String actor, String json, Lookup asked)
            throws SQLException {
        try {
            Map<String, String> data = JSON.readValue(json, STRING_MAP);
            return switch (ConversationEvent.Type.fromCode(type)) {
                case REPLY -> new ConversationEvent.Replied(
                        id,
                        at,
                        turn(data, asked),
                        JdbcConversationStore.decode(AnswerKind.class, required(data, "answerKind")),
                        list(data.get("citations")),
                        list(data.get("slots")));
                case HANDOFF -> new ConversationEvent.HandedOff(
                        id,
                        at,
                        new HandoffTrigger(
                                JdbcConversationStore.decode(HandoffReason.class, required(data, "reason")),
                                details(data)),
                        Priority.fromCode(required(data, "priority")),
                        data.containsKey("seq") ? turn(data, asked) : null);
                case CLAIM -> new ConversationEvent.Claimed(
                        id,
                        at,
                        agent(actor),
                        Long.parseLong(required(data, "waitedSeconds")),
                        Priority.fromCode(required(data, "priority")));
                case RELEASE -> new ConversationEvent.Released(id, at, agent(actor));
                case CLOSE -> new ConversationEvent.Closed(
                        id,
                        at,
                        agent(actor),
                        JdbcConversationStore.decode(ConversationState.class, required(data, "from")));
                case OVERDUE -> new ConversationEvent.WentOverdue(
                        id,
                        at,
                        list(data.get("actions")),
                        Long.parseLong(required(data, "waitedSeconds")),
                        Priority.fromCode(required(data, "priority")),
                        Priority.fromCode(required(data, "newPriority")));
                case RATING -> new ConversationEvent.Rated(
                        id, at, Integer.parseInt(required(data, "score")), data.get("comment"), data.get("agent"));
                case FEEDBACK -> new ConversationEvent.FeedbackGiven(
                        id, at, Long.parseLong(required(data, "seq")), Boolean.parseBoolean(required(data, "helpful")));
                    // after-sales actions came after V5: never in a row of the old form
                case ACTION_PROPOSED,
                        ACTION_CONFIRMED,
                        ACTION_DECLINED,
                        ACTION_RESULT -> throw new IllegalArgumentException(
                        "no " + type + " event was written before V5");
            };
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "conversation event " + rowId + " (" + type + " of " + id + ") cannot be converted: " + json, e);
        }
    }

    /** What the bot understood, how it wrote the answer and what it dropped, from a decision's values. */
    private static ConversationEvent.Turn turn(Map<String, String> data, Lookup lookup) throws SQLException {
        String composer = data.get("composer");
        AnswerTrace trace = composer == null
                ? AnswerTrace.NONE
                : new AnswerTrace(
                        JdbcConversationStore.decode(AnswerTrace.Composer.class, composer),
                        data.get("llmFallback"),
                        data.get("llmDetail"),
                        data.containsKey("llmMs") ? Long.valueOf(data.get("llmMs")) : null,
                        data.get("llmPrompt"),
                        "true".equals(data.get("llmHandOff")));
        long seq = Long.parseLong(required(data, "seq"));
        Asked asked = lookup.of(seq);
        return new ConversationEvent.Turn(
                seq,
                new MessageSignals(
                        required(data, "intent"),
                        Double.parseDouble(required(data, "confidence")),
                        Double.parseDouble(required(data, "sentiment")),
                        Double.parseDouble(required(data, "running")),
                        asked.urgency(),
                        asked.language()),
                trace,
                ConversationEventCodec.suppressed(data.get("slotsSuppressed")));
    }

    /** A trigger's details, which were stored as {@code trigger.<name>}. */
    private static Map<String, String> details(Map<String, String> data) {
        Map<String, String> details = new LinkedHashMap<>();
        data.forEach((key, value) -> {
            if (key.startsWith(TRIGGER)) {
                details.put(key.substring(TRIGGER.length()), value);
            }
        });
        return details;
    }

    private static String agent(String actor) {
        if (!actor.startsWith("agent:")) {
            throw new IllegalArgumentException("an agent's event has actor " + actor);
        }
        return actor.substring("agent:".length());
    }

    private static String required(Map<String, String> data, String key) {
        String value = data.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isEmpty()
                ? List.of()
                : Arrays.asList(commaSeparated.split(","));
    }
}
