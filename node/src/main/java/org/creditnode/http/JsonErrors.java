package org.creditnode.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The protocol's error body, {"error": CODE, "message": text}, for answers Jetty gives itself
 * (unparseable request lines, oversized headers, errors before a resource is reached) as well as
 * for {@link RequestGuard}: a client never gets an HTML page or a stack trace.
 */
public final class JsonErrors extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    static byte[] body(String code, String message) {
        ObjectNode n = JSON.createObjectNode().put("error", code).put("message", message);
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "BAD_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 408 -> "REQUEST_TIMEOUT";
            case 413 -> "BODY_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 431 -> "HEADERS_TOO_LARGE";
            case 500 -> "INTERNAL";
            case 501 -> "NOT_IMPLEMENTED";
            case 505 -> "HTTP_VERSION_NOT_SUPPORTED";
            default -> "HTTP_" + status;
        };
    }

    static boolean write(Response response, Callback callback, int status, String code, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, new String(body(code, message), StandardCharsets.UTF_8), callback);
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        // An unknown protocol version or transfer coding is the client's error, whatever Jetty's
        // status says: a 4xx, so that no bad request ever reads as a fault of the node.
        if (code == 505 || code == 501) {
            write(response, callback, 400, codeFor(code), code == 505 ? "this node speaks HTTP/1.1 and HTTP/1.0 only"
                    : "this request uses a method or transfer coding this node does not implement");
            return;
        }
        // Jetty's own reason, never the cause's text: a 500's cause stays in the log.
        String text = code >= 500 ? "internal error; the node's log has the details"
                : message != null && !message.isBlank() ? message : HttpStatus.getMessage(code);
        write(response, callback, code, codeFor(code), text);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        // Answered by the connection with the parser's status (always 4xx for a request that does not parse).
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(codeFor(status), reason == null ? HttpStatus.getMessage(status) : reason));
    }
}
