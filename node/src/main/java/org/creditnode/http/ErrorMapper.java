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
            if (p.kind() == Problem.Kind.REQUEST_TIMEOUT) doNotDrainTheBody();
            return ApiError.response(p);
        }
        if (t instanceof org.eclipse.jetty.http.BadMessageException bad) {
            // Jetty gave up on the request (its body too slow, say): answer if the connection still can
            int status = bad.getCode();
            return ApiError.response(status, status == 408 ? "REQUEST_TIMEOUT" : "BAD_REQUEST",
                    "the request was cut off: " + bad.getReason());
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

    /**
     * Before answering, CXF reads the rest of a request's body (up to 16 MB) so that the connection
     * can be reused. For a body that trickles in, that would hold the thread for as long as the
     * client likes: the answer goes out at once instead, and the connection closes after it.
     */
    private static void doNotDrainTheBody() {
        org.apache.cxf.message.Message m = org.apache.cxf.phase.PhaseInterceptorChain.getCurrentMessage();
        org.apache.cxf.message.Message in = m == null || m.getExchange() == null ? null : m.getExchange().getInMessage();
        if (in != null) in.removeContent(org.apache.cxf.io.DelegatingInputStream.class);
    }

    /** How each kind of refusal is spoken in HTTP: the one place that knows. */
    public static int status(Problem.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case TOO_LARGE -> 413;
            case REQUEST_TIMEOUT -> 408;
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
        while (!(t instanceof Problem) && !(t instanceof WebApplicationException) && !(t instanceof org.eclipse.jetty.http.BadMessageException)
                && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof Problem || t instanceof WebApplicationException || t instanceof org.eclipse.jetty.http.BadMessageException ? t : e;
    }
}
