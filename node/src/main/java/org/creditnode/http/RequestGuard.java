package org.creditnode.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Runs in Jetty before CXF and refuses, with the protocol's JSON error body, what would otherwise
 * fail deep inside Jetty's servlet layer or CXF with a 500 or an HTML page: a body announced larger
 * than the limit (413 before a byte of it is read, and the connection closed so that Jetty does
 * not wait for it), a Content-Type that does not parse, and a path or query string that is not
 * valid percent-encoded UTF-8. Returns false, passing the request on, when it is fine.
 */
public final class RequestGuard extends Handler.Abstract {
    private final long maxBodyBytes;

    public RequestGuard(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        long length = request.getLength();
        if (length > maxBodyBytes) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            return JsonErrors.write(response, callback, 413, "BODY_TOO_LARGE", "the body announces " + length
                    + " bytes; this node takes at most " + maxBodyBytes);
        }
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType != null) {
            String problem = MediaTypeSyntax.problem(contentType);
            if (problem != null) {
                return JsonErrors.write(response, callback, 400, "BAD_CONTENT_TYPE", "Content-Type " + problem
                        + "; send Content-Type: application/json");
            }
        }
        String rawPath = request.getHttpURI().getPath();
        if (rawPath != null && !validPercentEncoding(rawPath)) {
            return JsonErrors.write(response, callback, 400, "BAD_PATH", "the path is not valid percent-encoded UTF-8");
        }
        String query = request.getHttpURI().getQuery();
        if (query != null && !validPercentEncoding(query)) {
            return JsonErrors.write(response, callback, 400, "BAD_QUERY", "the query string is not valid percent-encoded UTF-8");
        }
        return false;
    }

    /** Every '%' is followed by two hex digits, and the decoded bytes are UTF-8. */
    static boolean validPercentEncoding(String s) {
        if (s.indexOf('%') < 0) return true;
        ByteBuffer bytes = ByteBuffer.allocate(s.length() * 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) return false;
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return false;
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
