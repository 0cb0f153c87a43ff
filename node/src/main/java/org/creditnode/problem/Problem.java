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
        /** The caller may not do this. */
        FORBIDDEN,
        NOT_FOUND,
        /** More than the node takes in one request. */
        TOO_LARGE,
        UNSUPPORTED_MEDIA_TYPE,
        /** Well-formed, but its content cannot be taken as it is. */
        UNPROCESSABLE,
        /** Not now: overloaded, shutting down, recovering, the store unreachable; retry later. */
        UNAVAILABLE,
        /** The node keeps its disk reserve and takes nothing new until space is freed. */
        INSUFFICIENT_STORAGE
    }

    private final Kind kind;
    private final String code;

    public Problem(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() { return kind; }

    public String code() { return code; }
}
