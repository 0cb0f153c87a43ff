package org.creditnode.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.creditnode.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure leaves as the protocol's error body: a refused batch with its own status, JAX-RS
 * errors (unknown path, wrong method, wrong media type) with theirs, anything else as a 500 whose
 * details stay in the log, never in the answer.
 */
public final class ErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        Throwable t = unwrap(e);
        if (t instanceof Problem p) {
            return ApiError.response(p);
        }
        if (t instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            return switch (status) {
                case 404 -> ApiError.response(404, "NOT_FOUND", "no such resource; see /api/openapi.json");
                case 405 -> ApiError.response(405, "METHOD_NOT_ALLOWED", "this method is not allowed on this path");
                case 406 -> ApiError.response(406, "NOT_ACCEPTABLE", "this API answers application/json only");
                case 415 -> ApiError.response(415, "UNSUPPORTED_MEDIA_TYPE", "send Content-Type: application/json");
                default -> ApiError.response(status, "HTTP_" + status, String.valueOf(wae.getMessage()));
            };
        }
        LOG.error("unexpected error answering a request", t);
        return ApiError.response(500, "INTERNAL", "internal error; the node's log has the details");
    }

    /** How each kind of refusal is spoken in HTTP: the one place that knows. */
    public static int status(Problem.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case UNPROCESSABLE -> 422;
            case CONFLICT -> 409;
            case TOO_MANY_REQUESTS -> 429;
            case UNAVAILABLE -> 503;
            case INSUFFICIENT_STORAGE -> 507;
        };
    }

    /** Camel wraps what a route's bean throws; the cause is what the caller needs to see. */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (!(t instanceof Problem) && !(t instanceof WebApplicationException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof Problem || t instanceof WebApplicationException ? t : e;
    }
}
