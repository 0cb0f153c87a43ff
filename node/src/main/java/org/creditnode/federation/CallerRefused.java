package org.creditnode.federation;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Thrown by {@link CallerPolicy#require}; answered 403 FORBIDDEN by {@link Mapper}. */
public final class CallerRefused extends RuntimeException {

    public CallerRefused(String message) {
        super(message, null, false, false); // an expected outcome: no stack trace needed
    }

    /** Registered by {@link FederationServer}. */
    @Provider
    public static final class Mapper implements ExceptionMapper<CallerRefused> {
        @Override
        public Response toResponse(CallerRefused e) {
            return FederationError.response(403, "FORBIDDEN", e.getMessage());
        }
    }
}
