package org.creditnode.workflows.subscription;

import org.creditnode.problem.Problem;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Subscribers' HTTPS callbacks: what the node trusts for them (the JDK's default trust store and
 * the operator's optional trust file, with host names verified), the reachability check at
 * subscription time, and the POST of a pushed body.
 */
public final class Callbacks {
    private final SSLContext tls;
    private final HttpClient client;
    private final Duration timeout;

    public Callbacks(Path trustFile, char[] password, Duration timeout) {
        try {
            this.tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust(trustFile, password)}, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("subscriptions.callbackTrust " + trustFile + " not readable: " + e.getMessage(), e);
        }
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().sslContext(tls).connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public static Callbacks from(org.creditnode.config.NodeConfig.Subscriptions settings, char[] password) {
        return new Callbacks(settings.callbackTrust == null ? null : Path.of(settings.callbackTrust), password,
                Duration.ofMillis(settings.timeoutMs));
    }

    /** The callback as given, if it is an https URL with a host; else 400 naming the field. */
    public static URI parse(String callback) {
        URI uri;
        try {
            uri = new URI(callback.trim());
        } catch (URISyntaxException e) {
            throw bad("callback: not a URL (" + e.getReason() + ")");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw bad("callback: must be an https:// URL (pushed records are personal data), got " + uri.getScheme() + "://…");
        }
        if (uri.getHost() == null) throw bad("callback: no host in " + callback);
        if (uri.getUserInfo() != null) throw bad("callback: no user name or password in the URL; the body is signed by the node");
        return uri;
    }

    /** Connects and completes a TLS handshake with the callback (host name verified), or 422 CALLBACK_UNREACHABLE. */
    public void probe(URI uri) {
        int port = uri.getPort() < 0 ? 443 : uri.getPort();
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress(uri.getHost(), port), (int) Math.min(timeout.toMillis(), 5_000));
            s.setSoTimeout((int) Math.min(timeout.toMillis(), 5_000));
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
            s.startHandshake();
        } catch (IOException e) {
            throw new Problem(Problem.Kind.UNPROCESSABLE, "CALLBACK_UNREACHABLE", "callback: " + uri.getHost() + ":" + port
                    + " not reachable over trusted TLS (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** POSTs {@code body} to the callback; the HTTP status, or an IOException when none came. */
    public int post(URI uri, byte[] body, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static Problem bad(String message) {
        return new Problem(Problem.Kind.BAD_REQUEST, "BAD_SUBSCRIPTION", message);
    }

    /** The JDK's default trust managers, then the operator's anchors: a certificate either accepts is trusted. */
    private static X509TrustManager trust(Path file, char[] password) throws GeneralSecurityException, IOException {
        List<X509TrustManager> all = new ArrayList<>();
        all.add(managerOf(null));
        if (file != null) {
            KeyStore ks;
            if (file.toString().endsWith(".p12") || file.toString().endsWith(".pfx")) {
                ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(file)) {
                    ks.load(in, password);
                }
            } else {
                ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                int i = 0;
                try (InputStream in = Files.newInputStream(file)) {
                    for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) ks.setCertificateEntry("anchor-" + i++, c);
                }
                if (i == 0) throw new GeneralSecurityException("no certificate in it");
            }
            all.add(managerOf(ks));
        }
        return new AnyOf(all);
    }

    private static X509TrustManager managerOf(KeyStore ks) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(ks);
        for (TrustManager m : f.getTrustManagers()) if (m instanceof X509TrustManager x) return x;
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    private record AnyOf(List<X509TrustManager> managers) implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            CertificateException last = null;
            for (X509TrustManager m : managers) {
                try {
                    m.checkServerTrusted(chain, authType);
                    return;
                } catch (CertificateException e) {
                    last = e;
                }
            }
            throw last;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("callbacks are servers only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return managers.stream().flatMap(m -> java.util.Arrays.stream(m.getAcceptedIssuers())).toArray(X509Certificate[]::new);
        }
    }
}
