package org.creditnode.federation;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls another node's federation API over mutual TLS with the JDK HTTP client. The server's
 * certificate must chain to the federation's TLS anchors and match the URL's host (SAN), which
 * the JDK client checks by default. Thread-safe; keep one per node.
 */
public final class FederationClient {
    private final HttpClient http;
    private final Duration requestTimeout;

    /** Status and body of an answer; any status, including 4xx/5xx, is a reply, not an exception. */
    public record Reply(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public FederationClient(TlsMaterial tls, Duration connectTimeout, Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .sslContext(tls.sslContext())
                .sslParameters(tls.clientParameters())
                .version(HttpClient.Version.HTTP_1_1) // the Jetty connector speaks HTTP/1.1 only
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** @throws IOException on connection, TLS handshake or timeout failures */
    public Reply getJson(String url) throws IOException {
        return send(request(url).GET().build());
    }

    public Reply postJson(String url, String body) throws IOException {
        return postJson(url, body.getBytes(StandardCharsets.UTF_8));
    }

    /** @param utf8Body JSON already encoded (deliveries are written straight to bytes: no String in between) */
    public Reply postJson(String url, byte[] utf8Body) throws IOException {
        return send(request(url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(utf8Body)).build());
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout).header("Accept", "application/json");
    }

    private Reply send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted calling " + request.uri());
        }
    }
}
