package dev.kefu.channels.http;

import java.util.List;

/**
 * A request the API refuses, with the HTTP status and the stable error code the client sees. The
 * message is written for the client: it names the field and the rule, never internals.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<String> problems;
    private final long retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    /** @param problems every problem found, each shown to the client */
    public ApiException(int status, String code, String message, List<String> problems) {
        this(status, code, message, problems, 0);
    }

    private ApiException(int status, String code, String message, List<String> problems, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.problems = List.copyOf(problems);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 {@code RATE_LIMITED}: try again in {@code retryAfterSeconds} (the {@code Retry-After} header). */
    public static ApiException rateLimited(long retryAfterSeconds, String message) {
        return new ApiException(429, ErrorCodes.RATE_LIMITED, message, List.of(), retryAfterSeconds);
    }

    /** In how many seconds the client may try again; 0 when the refusal does not depend on time. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<String> problems() {
        return problems;
    }
}
