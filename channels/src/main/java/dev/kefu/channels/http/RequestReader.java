package dev.kefu.channels.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kefu.core.Texts;
import dev.kefu.core.message.ShopperContext;
import dev.kefu.kb.model.KnowledgeEntry;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates request bodies field by field, so every refusal names the field and the rule
 * with a stable code. Unknown fields are ignored (clients may be newer than the server); known
 * fields of the wrong type are refused rather than coerced.
 */
public final class RequestReader {
    /** The longest rating comment accepted. */
    public static final int MAX_RATING_COMMENT_CHARS = 1000;

    /** The longest token (a shopper's JWT, a conversation's) read from a body. */
    static final int MAX_TOKEN_CHARS = 4096;

    /** Conversation ids are opaque tokens: letters, digits, '-' and '_' only. */
    public static final Pattern CONVERSATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,2}");

    /** Deepest nesting of a body or frame: the API's own are three levels deep. */
    static final int MAX_JSON_DEPTH = 32;
    /** Longest number literal: a long has 19 digits; more is an attack on the parser, not a value. */
    static final int MAX_NUMBER_CHARS = 64;
    /** Longest string value: as long as a whole body may be (see the route table's limit). */
    static final int MAX_STRING_CHARS = 64 * 1024;

    private final ObjectMapper json;
    private final int maxMessageChars;

    /**
     * The server's one JSON mapper: unknown fields ignored, and the parser bounded ({@value
     * #MAX_JSON_DEPTH} levels, numbers of {@value #MAX_NUMBER_CHARS} characters, strings of {@value
     * #MAX_STRING_CHARS}) so that a hostile body costs little and is answered with {@code
     * INVALID_JSON} rather than working the parser or failing deep inside it.
     */
    public static ObjectMapper jsonMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_JSON_DEPTH)
                        .maxNumberLength(MAX_NUMBER_CHARS)
                        .maxStringLength(MAX_STRING_CHARS)
                        .build())
                .build();
        return new ObjectMapper(factory).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public RequestReader(ObjectMapper json, int maxMessageChars) {
        this.json = json;
        this.maxMessageChars = maxMessageChars;
    }

    /**
     * The body of a request allowed more than the server's usual limit (a knowledge import), read
     * through a bound however it arrives (with a length, or chunked): reading stops at {@code
     * maxBytes}, so a larger body costs no more than that.
     *
     * @throws ApiException 413 {@code PAYLOAD_TOO_LARGE} past {@code maxBytes}
     */
    public static String body(Context ctx, long maxBytes) {
        if (ctx.contentLength() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (InputStream in = ctx.bodyInputStream()) {
            for (int read = in.read(chunk); read != -1; read = in.read(chunk)) {
                if (body.size() + (long) read > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                body.write(chunk, 0, read);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    /** The refusal of a body over {@code maxBytes}. */
    public static ApiException tooLarge(long maxBytes) {
        return new ApiException(
                413,
                ErrorCodes.PAYLOAD_TOO_LARGE,
                "The request body is larger than "
                        + (maxBytes >= 1024 * 1024 ? maxBytes / (1024 * 1024) + " MiB." : maxBytes / 1024 + " KiB."));
    }

    /** Parses a body that must be a JSON object. */
    public JsonNode object(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            // A limit of the parser (nesting, a number's or string's length) has no location.
            JsonLocation at = e.getLocation();
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_JSON,
                    at == null || at.getLineNr() < 1
                            ? "The request body is not valid JSON, or nests too deep or holds too long a value."
                            : "The request body is not valid JSON (line " + at.getLineNr() + ", column "
                                    + at.getColumnNr() + ").");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(ErrorCodes.INVALID_JSON, "The request body must be a JSON object.");
        }
        return node;
    }

    /**
     * A chat message: {@code {"conversationId"?, "text", "locale"?, "context"?: {"productId"?}}} from
     * {@code shopper}, who the body's {@code shopper} ({@link #shopper}) turned out to be.
     */
    public ChatInput chat(JsonNode body, ShopperContext shopper) {
        return chat(body, shopper, null);
    }

    /** As {@link #chat(JsonNode, ShopperContext)}, from a client at {@code address}. */
    public ChatInput chat(JsonNode body, ShopperContext shopper, String address) {
        return new ChatInput(conversationId(body), text(body), shopper, locale(body), contextProductId(body), address);
    }

    /**
     * The optional {@code context.productId} of a body or {@code hello} frame: the product page the
     * chat was opened on. Refused when it is not an entry id in form ({@code INVALID_FIELD}); an id
     * of no product of the store is accepted here and ignored by the pipeline, so a storefront page
     * newer than the knowledge never breaks the chat.
     */
    public String contextProductId(JsonNode body) {
        JsonNode context = body.get("context");
        if (context == null || context.isNull()) {
            return null;
        }
        if (!context.isObject()) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "context must be an object.");
        }
        String productId = optionalString(context, "productId", "context.productId");
        if (productId != null && !KnowledgeEntry.ID_PATTERN.matcher(productId).matches()) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD,
                    "context.productId must be an entry id: 1-128 letters, digits, '_', '.', ':', '?' or '-'.");
        }
        return productId;
    }

    /** The optional {@code conversationId} of a body, validated. */
    public String conversationId(JsonNode body) {
        String id = optionalString(body, "conversationId");
        if (id != null) {
            requireConversationId(id);
        }
        return id;
    }

    /** Refuses a conversation id that is not an opaque token (it reaches logs and URLs). */
    public static String requireConversationId(String id) {
        if (!CONVERSATION_ID.matcher(id).matches()) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD, "conversationId must be 1-64 characters of letters, digits, '-' or '_'.");
        }
        return id;
    }

    /** A rating: {@code {"score": 1..5, "comment"?}}. */
    public Rating rating(JsonNode body) {
        long score = requiredLong(body, "score");
        if (score < 1 || score > 5) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "score must be an integer from 1 to 5.");
        }
        String comment = optionalString(body, "comment");
        if (comment != null && comment.length() > MAX_RATING_COMMENT_CHARS) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD, "comment must be at most " + MAX_RATING_COMMENT_CHARS + " characters.");
        }
        return new Rating(
                (int) score,
                comment == null || Texts.isBlank(comment)
                        ? null
                        : Texts.clean(comment).strip());
    }

    /** A shopper's rating of a conversation. */
    public record Rating(int score, String comment) {}

    /**
     * The {@code text} of a message, validated like a shopper's (required, at most the configured
     * length), without the control and format characters that {@link Texts#clean} removes (NUL
     * never reaches the database); a text with nothing else is no text ({@code TEXT_REQUIRED}).
     */
    public String text(JsonNode body) {
        JsonNode node = body.get("text");
        if (node == null || node.isNull()) {
            throw ApiException.badRequest(ErrorCodes.TEXT_REQUIRED, "text is required.");
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "text must be a string.");
        }
        String text = node.textValue();
        if (Texts.isBlank(text)) {
            throw ApiException.badRequest(
                    ErrorCodes.TEXT_REQUIRED, "text must not be empty, only whitespace or invisible characters.");
        }
        int length = text.codePointCount(0, text.length());
        if (length > maxMessageChars) {
            throw ApiException.badRequest(
                    ErrorCodes.TEXT_TOO_LONG,
                    "text must be at most " + maxMessageChars + " characters, was " + length + ".");
        }
        return Texts.clean(text).strip();
    }

    /** What a body's {@code shopper} says: {@code {"token"?, "id"?, "tags"?}}, validated for form. */
    public ShopperClaim shopper(JsonNode node) {
        if (node == null || node.isNull()) {
            return ShopperClaim.none();
        }
        if (!node.isObject()) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "shopper must be an object.");
        }
        String token = optionalToken(node, "token");
        String id = optionalString(node, "id", "shopper.id");
        Set<String> tags = tags(node.get("tags"));
        if (id != null
                && (Texts.isBlank(id)
                        || id.length() > ShopperContext.MAX_ID_LENGTH
                        || !Texts.clean(id).equals(id))) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD,
                    "shopper.id must be 1.." + ShopperContext.MAX_ID_LENGTH
                            + " characters, without control or invisible characters.");
        }
        return new ShopperClaim(token, id, tags);
    }

    /** An optional token field (a shopper's, a conversation's): a string of at most 4096 characters. */
    public String optionalToken(JsonNode body, String field) {
        String token = body.isObject() ? optionalString(body, field) : null;
        if (token != null && token.length() > MAX_TOKEN_CHARS) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD, field + " must be at most " + MAX_TOKEN_CHARS + " characters.");
        }
        return token;
    }

    /**
     * Shopper tags: an array of strings (absent or null: none), each a lowercase tag, at most
     * {@link ShopperContext#MAX_TAGS}, as {@link ShopperContext} requires; in their order.
     */
    public Set<String> tags(JsonNode node) {
        Set<String> tags = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return tags;
        }
        if (!node.isArray()) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "shopper.tags must be an array of strings.");
        }
        for (JsonNode tag : node) {
            if (!tag.isTextual()) {
                throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, "shopper.tags must be an array of strings.");
            }
            tags.add(tag.textValue());
        }
        if (tags.size() > ShopperContext.MAX_TAGS || !tags.stream().allMatch(ShopperContext::isTag)) {
            throw ApiException.badRequest( // the value is not repeated: the rule is the answer
                    ErrorCodes.INVALID_FIELD,
                    "shopper.tags must be at most " + ShopperContext.MAX_TAGS
                            + " lowercase tags of [a-z0-9_.:-], each at most 64 characters.");
        }
        return Collections.unmodifiableSet(tags);
    }

    /** The optional {@code locale} of a body: a language tag such as {@code zh-CN}. */
    public String locale(JsonNode body) {
        String locale = optionalString(body, "locale");
        if (locale != null && !LOCALE.matcher(locale).matches()) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD, "locale must be a language tag such as zh-CN or en.");
        }
        return locale;
    }

    /** A required integer field. */
    public long requiredLong(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, field + " must be an integer.");
        }
        return node.longValue();
    }

    /** A required, non-blank string field of at most {@code 200} characters. */
    public String requiredString(JsonNode body, String field) {
        String value = optionalString(body, field);
        if (value == null || value.isBlank() || value.length() > 200) {
            throw ApiException.badRequest(
                    ErrorCodes.INVALID_FIELD, field + " must be a non-blank string of at most 200 characters.");
        }
        return value;
    }

    /** A required boolean field. */
    public boolean requiredBoolean(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isBoolean()) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, field + " must be true or false.");
        }
        return node.booleanValue();
    }

    /**
     * A whole-number query parameter from {@code min} to {@code max}, or {@code absent} when it is
     * not given; anything else is refused with {@code rule} as the message.
     */
    public static long wholeNumber(String value, long absent, long min, long max, String rule) {
        if (value == null) {
            return absent;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, rule);
    }

    private static String optionalString(JsonNode body, String field) {
        return optionalString(body, field, field);
    }

    private static String optionalString(JsonNode body, String field, String path) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest(ErrorCodes.INVALID_FIELD, path + " must be a string.");
        }
        return node.textValue();
    }
}
