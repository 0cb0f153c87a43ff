package org.creditnode.ingest;

/**
 * The whole request is refused and nothing is stored: the body is not a batch, or the node cannot
 * take it now. Carries the HTTP status and the error code of PROTOCOL.md's error body.
 */
public class BatchRefused extends RuntimeException {
    private final int status;
    private final String code;

    public BatchRefused(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() { return status; }

    public String code() { return code; }
}
