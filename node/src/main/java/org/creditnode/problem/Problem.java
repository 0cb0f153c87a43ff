package org.creditnode.problem;

/**
 * A request the node refuses, whole, with nothing stored: the body is not a batch, the node cannot
 * take it now, the caller may not do it. Carries what kind of refusal it is and the error code of
 * PROTOCOL.md's error body; how a kind is spoken on the wire (HTTP status) is the HTTP adapters'
 * business ({@code http.ErrorMapper}), not the use cases'.
 */
public class Problem extends RuntimeException {
    public enum Kind {
        /** The request itself is malformed. */
        BAD_REQUEST,
        /** No credentials, or credentials that are bad, revoked or expired. */
        UNAUTHENTICATED,
        /** The caller may not do this. */
        FORBIDDEN,
        NOT_FOUND,
        /** More than the node takes in one request. */
        TOO_LARGE,
        /** The request's body stalled or arrived slower than the node accepts. */
        REQUEST_TIMEOUT,
        UNSUPPORTED_MEDIA_TYPE,
        /** Well-formed, but its content cannot be taken as it is. */
        UNPROCESSABLE,
        /** The state does not allow it (already decided, already revoked). */
        CONFLICT,
        /** The caller sends faster than its limit; {@link #retryAfterSeconds()} says when to come back. */
        TOO_MANY_REQUESTS,
        /** Not now: overloaded, shutting down, recovering, the store unreachable; retry later. */
        UNAVAILABLE,
        /** The node keeps its disk reserve and takes nothing new until space is freed. */
        INSUFFICIENT_STORAGE
    }

    private final Kind kind;
    private final String code;
    private final long retryAfterSeconds;

    public Problem(Kind kind, String code, String message) {
        this(kind, code, message, 0);
    }

    public Problem(Kind kind, String code, String message, long retryAfterSeconds) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** For TOO_MANY_REQUESTS and UNAVAILABLE: seconds after which a retry may succeed; 0 = not said. */
    public long retryAfterSeconds() { return retryAfterSeconds; }

    public Kind kind() { return kind; }

    public String code() { return code; }
}
