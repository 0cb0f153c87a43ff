package org.creditnode.certs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS PKI works with plain JSSE: mutual TLS between two nodes, hostname "localhost" checked. */
class TlsHandshakeTest {
    static final char[] PW = "changeit".toCharArray();

    @TempDir
    Path dir;

    @Test
    void mutualTlsBetweenTwoNodes() throws Exception {
        FederationPki pki = new FederationPki(dir, KeyAlgorithm.SM2, PW); // SM2 signing must not affect TLS
        NodeKeyFiles server = pki.issueNode("360404");
        NodeKeyFiles client = pki.issueNode("320000");

        SSLContext serverCtx = context(server);
        SSLContext clientCtx = context(client);
        try (SSLServerSocket ss = (SSLServerSocket) serverCtx.getServerSocketFactory().createServerSocket(0)) {
            ss.setNeedClientAuth(true);
            CompletableFuture<String> peer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    s.getInputStream().read();
                    return NodeIdentity.commonName((X509Certificate) s.getSession().getPeerCertificates()[0]);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket c = (SSLSocket) clientCtx.getSocketFactory().createSocket("localhost", ss.getLocalPort())) {
                var p = c.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS"); // checks SAN DNS:localhost
                c.setSSLParameters(p);
                c.startHandshake();
                assertEquals("360404", NodeIdentity.commonName((X509Certificate) c.getSession().getPeerCertificates()[0]));
                c.getOutputStream().write(1);
                c.getOutputStream().flush();
                assertEquals("320000", peer.get(10, TimeUnit.SECONDS));
            }
        }
    }

    private static SSLContext context(NodeKeyFiles f) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(Keystores.load(f.tlsKeystore(), PW), PW);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        List<X509Certificate> anchors = Pem.readCertificates(f.tlsTrust());
        trust.setCertificateEntry("tls-root", anchors.get(0));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }
}
