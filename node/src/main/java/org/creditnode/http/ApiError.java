package org.creditnode.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The error body of PROTOCOL.md: {"error": CODE, "message": text}. */
public record ApiError(String error, String message) {

    public static Response response(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(code, message)).build();
    }
}
