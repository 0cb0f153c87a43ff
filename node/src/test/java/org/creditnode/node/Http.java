package org.creditnode.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON-over-HTTP client for tests: real sockets, no shortcuts into the node. */
public final class Http {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Reply(int status, String body, String contentType) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }
    }

    private final String base;
    private final java.util.Map<String, String> headers;

    public Http(String base) {
        this(base, java.util.Map.of());
    }

    private Http(String base, java.util.Map<String, String> headers) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.headers = headers;
    }

    /** The same client sending {@code name: value} on every request (a null value removes the header). */
    public Http with(String name, String value) {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        if (value == null) h.remove(name); else h.put(name, value);
        return new Http(base, java.util.Collections.unmodifiableMap(h));
    }

    /** The same client sending {@code Authorization: Bearer token}. */
    public Http withToken(String token) {
        return with("Authorization", token == null ? null : "Bearer " + token);
    }

    public String base() { return base; }

    public Reply delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    public Reply get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Reply post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b);
    }

    public Reply postJson(String path, Object body) throws IOException, InterruptedException {
        return post(path, "application/json", body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    private Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
        headers.forEach(b::header);
        HttpResponse<String> r = CLIENT.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }
}
