package dev.kefu.channels.http;

/** The stable error codes of the public API. Clients may switch on them; never rename one. */
public final class ErrorCodes {
    /** The body is not valid JSON, or not a JSON object. */
    public static final String INVALID_JSON = "INVALID_JSON";
    /** A field has the wrong type or format. */
    public static final String INVALID_FIELD = "INVALID_FIELD";
    /** {@code text} is missing, empty or only whitespace. */
    public static final String TEXT_REQUIRED = "TEXT_REQUIRED";
    /** {@code text} is longer than {@code server.maxMessageChars}. */
    public static final String TEXT_TOO_LONG = "TEXT_TOO_LONG";
    /** The request body is larger than the server accepts. */
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    /** A body on a JSON route that says it is something else ({@code text/plain}, a form): 415. */
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    /** Too many requests or messages for now; {@code Retry-After} says in how many seconds to try again: 429. */
    public static final String RATE_LIMITED = "RATE_LIMITED";
    /** A WebSocket opened from a page of an origin that {@code server.allowedOrigins} does not list: 403. */
    public static final String FORBIDDEN_ORIGIN = "FORBIDDEN_ORIGIN";
    /** No such conversation or message. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** A WebSocket frame of an unknown {@code type}, or a message before {@code hello}. */
    public static final String INVALID_FRAME = "INVALID_FRAME";
    /** The request carries no valid bearer token for the endpoint. */
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    /** {@code shopper.token} is not a valid, unexpired token signed by the store (401). */
    public static final String INVALID_SHOPPER_TOKEN = "INVALID_SHOPPER_TOKEN";
    /** A knowledge import file breaks the format; {@code problems} lists every line's problems. */
    public static final String INVALID_IMPORT = "INVALID_IMPORT";
    /** Building the new knowledge release failed; the published knowledge did not change. */
    public static final String PUBLISH_FAILED = "PUBLISH_FAILED";
    /** Another agent claimed the conversation first. */
    public static final String ALREADY_CLAIMED = "ALREADY_CLAIMED";
    /** The conversation is not waiting for an agent. */
    public static final String NOT_QUEUED = "NOT_QUEUED";
    /** Only the agent who owns the conversation may do this. */
    public static final String NOT_OWNER = "NOT_OWNER";
    /** The conversation is already rated; a conversation takes one rating (409). */
    public static final String ALREADY_RATED = "ALREADY_RATED";
    /** A script file breaks the format; {@code problems} lists every problem. */
    public static final String INVALID_SCRIPTS = "INVALID_SCRIPTS";
    /** The experiment has ended; it cannot run again. */
    public static final String EXPERIMENT_ENDED = "EXPERIMENT_ENDED";
    /** An order body breaks the format (422); {@code problems} lists every problem. */
    public static final String INVALID_ORDER = "INVALID_ORDER";
    /**
     * A {@code confirm} or {@code decline} quick reply for a proposal that is not open (answered
     * already, e.g. a double click; lapsed; or a person serves the conversation): nothing done, 409.
     */
    public static final String ACTION_NOT_OPEN = "ACTION_NOT_OPEN";
    /** An intent's examples break the rules; {@code problems} lists every problem (422). */
    public static final String INVALID_INTENT = "INVALID_INTENT";
    /** The candidate intent model is worse than the live one; {@code problems} says how. Insist to activate it (409). */
    public static final String CANDIDATE_WORSE = "CANDIDATE_WORSE";
    /** The training job has no candidate to activate (still training, failed), or there is no model to roll back to (409). */
    public static final String NO_CANDIDATE = "NO_CANDIDATE";
    /** The server is still starting (models, index, store): only {@code /health/live} answers yet (503). */
    public static final String STARTING = "STARTING";
    /**
     * The conversation's lock was not free in time (a long change to it, perhaps on another node):
     * nothing was done, send again (503 with {@code Retry-After}).
     */
    public static final String CONVERSATION_BUSY = "CONVERSATION_BUSY";
    /** The server failed; the message says what the client can do. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ErrorCodes() {}
}
