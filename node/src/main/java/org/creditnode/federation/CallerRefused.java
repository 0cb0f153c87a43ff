package org.creditnode.federation;

import org.creditnode.problem.Problem;

/** Thrown by {@link CallerPolicy#require}: a FORBIDDEN problem (403 on the wire). */
public final class CallerRefused extends Problem {

    public CallerRefused(String message) {
        super(Kind.FORBIDDEN, "FORBIDDEN", message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an expected outcome: no stack trace needed
    }
}
