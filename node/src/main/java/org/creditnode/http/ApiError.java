package org.creditnode.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The error body of PROTOCOL.md: {"error": CODE, "message": text}. */
public record ApiError(String error, String message) {

    /** A refusal as the protocol speaks it, with Retry-After and WWW-Authenticate where they apply. */
    public static Response response(org.creditnode.problem.Problem p) {
        Response.ResponseBuilder b = Response.status(ErrorMapper.status(p.kind())).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(p.code(), p.getMessage()));
        if (p.retryAfterSeconds() > 0) b.header("Retry-After", String.valueOf(p.retryAfterSeconds()));
        if (p.kind() == org.creditnode.problem.Problem.Kind.UNAUTHENTICATED) b.header("WWW-Authenticate", "Bearer");
        // the rest of a slow body is not waited for: the answer ends the connection
        if (p.kind() == org.creditnode.problem.Problem.Kind.REQUEST_TIMEOUT) b.header("Connection", "close");
        return b.build();
    }

    public static Response response(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, message)).build();
    }
}
