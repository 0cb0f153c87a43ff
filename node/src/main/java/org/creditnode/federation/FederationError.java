package org.creditnode.federation;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Error body of the federation API, same shape as the department API: {"error": CODE, "message": text}. */
public record FederationError(String error, String message) {

    public static Response response(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new FederationError(code, message)).build();
    }
}
