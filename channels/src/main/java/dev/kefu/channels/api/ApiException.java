package dev.kefu.channels.api;

/**
 * A request the API refuses, with the HTTP status and the stable error code the client sees. The
 * message is written for the client: it names the field and the rule, never internals.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
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
}
