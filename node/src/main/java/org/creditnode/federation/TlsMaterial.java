package org.creditnode.federation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.creditnode.certs.KeyAlgorithm;
import org.creditnode.certs.NodeIdentity;

/**
 * A node's TLS identity (tls.p12, alias "tls") and the federation's TLS trust anchors
 * (tls-trust.pem), as JSSE key and trust managers. P-256 only: JSSE has no SM2 cipher suites.
 *
 * <p>Uses the JDK's PKCS12 key store and certificate factory (they read P-256 files), so JSSE
 * works with its own key objects and no Bouncy Castle provider is involved in the handshake.
 */
public final class TlsMaterial {
    public static final String ALIAS = "tls";
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;
    private final SSLContext context;
    private final String nodeId;
    private final List<String> cipherSuites;

    private TlsMaterial(KeyManager[] keyManagers, TrustManager[] trustManagers, String nodeId, List<String> cipherSuites)
            throws GeneralSecurityException {
        this.keyManagers = keyManagers;
        this.trustManagers = trustManagers;
        this.nodeId = nodeId;
        this.context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustManagers, null);
        this.cipherSuites = List.copyOf(cipherSuites);
        List<String> supported = List.of(context.getSupportedSSLParameters().getCipherSuites());
        for (String suite : this.cipherSuites) {
            if (!supported.contains(suite)) {
                throw new IllegalArgumentException("cipher suite " + suite + " is not supported by this JDK");
            }
        }
    }

    /** The same key, certificates and trust, offering and accepting only {@code suites} (in order of preference). */
    public TlsMaterial withCipherSuites(List<String> suites) {
        try {
            return new TlsMaterial(keyManagers, trustManagers, nodeId, suites == null ? List.of() : suites);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The suites to use when configuration names none: the JDK's defaults (AES-GCM first), except
     * on a JVM without C2, which has no AES-GCM intrinsics: there ChaCha20-Poly1305 goes first.
     * JFR showed ~40 % of a C1-only node's CPU in the JDK's Java GHASH and AES code; with
     * ChaCha20 first it was ~12 %, and county → national went from 1,193 to 1,817 records/s.
     */
    public List<String> suitesForThisJvm() {
        if (!c1Only()) return List.of();
        List<String> suites = new java.util.ArrayList<>(List.of("TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"));
        for (String s : context.getDefaultSSLParameters().getCipherSuites()) {
            if (!suites.contains(s)) suites.add(s);
        }
        return suites;
    }

    private static boolean c1Only() {
        try {
            var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return hotspot != null && Integer.parseInt(hotspot.getVMOption("TieredStopAtLevel").getValue()) < 4;
        } catch (RuntimeException e) {
            return false; // not HotSpot: keep the defaults
        }
    }

    /** Cipher suites set by configuration, in order of preference; empty means the JDK's defaults. */
    public List<String> cipherSuites() {
        return cipherSuites;
    }

    /** Loads the node's key and certificate chain and the trust anchors; fails with a clear message. */
    public static TlsMaterial load(Path tlsP12, char[] password, Path trustPem) {
        return load(tlsP12, password, trustPem, List.of());
    }

    /**
     * As {@link #load(Path, char[], Path)}, trusting {@code extraAnchors} besides the file's: the
     * roots alliances name for members outside the national PKI. The handshake then lets such a
     * member in; what it may do is decided per request from the anchor its chain ends at.
     */
    public static TlsMaterial load(Path tlsP12, char[] password, Path trustPem, List<X509Certificate> extraAnchors) {
        try {
            KeyStore p12 = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(tlsP12)) {
                p12.load(in, password);
            }
            if (!p12.isKeyEntry(ALIAS)) {
                throw new IllegalArgumentException("no key entry '" + ALIAS + "' in " + tlsP12);
            }
            Certificate[] chain = p12.getCertificateChain(ALIAS);
            X509Certificate leaf = (X509Certificate) chain[0];
            if (KeyAlgorithm.of(leaf.getPublicKey()) != KeyAlgorithm.EC_P256) {
                throw new IllegalArgumentException(tlsP12 + ": TLS key must be P-256");
            }
            // only the "tls" entry, so the key manager cannot pick another key in the file
            KeyStore only = KeyStore.getInstance("PKCS12");
            only.load(null, null);
            only.setKeyEntry(ALIAS, (PrivateKey) p12.getKey(ALIAS, password), password, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(only, password);
            return new TlsMaterial(kmf.getKeyManagers(), trustManagers(trustPem, extraAnchors), NodeIdentity.commonName(leaf), List.of());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load TLS material from " + tlsP12 + " / " + trustPem + ": " + e.getMessage(), e);
        }
    }

    /** Trust anchors only, no own certificate: a client that cannot authenticate (tests, diagnostics). */
    public static TlsMaterial anonymous(Path trustPem) {
        try {
            return new TlsMaterial(null, trustManagers(trustPem, List.of()), null, List.of());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load TLS trust from " + trustPem + ": " + e.getMessage(), e);
        }
    }

    private static TrustManager[] trustManagers(Path trustPem, List<X509Certificate> extraAnchors) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        int i = 0;
        try (InputStream in = Files.newInputStream(trustPem)) {
            for (Certificate c : cf.generateCertificates(in)) {
                trust.setCertificateEntry("anchor-" + i++, c);
            }
        }
        if (i == 0) {
            throw new IllegalArgumentException("no certificate in " + trustPem);
        }
        for (X509Certificate c : extraAnchors) {
            trust.setCertificateEntry("anchor-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    public KeyManager[] keyManagers() {
        return keyManagers == null ? null : keyManagers.clone();
    }

    public TrustManager[] trustManagers() {
        return trustManagers.clone();
    }

    /** TLS context (TLS 1.3 and 1.2 enabled via {@link #clientParameters()} / the server's protocol list). */
    public SSLContext sslContext() {
        return context;
    }

    /** Client-side parameters: TLS 1.3/1.2 only, host name checked against the server certificate's SAN. */
    public SSLParameters clientParameters() {
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(PROTOCOLS.toArray(String[]::new));
        if (!cipherSuites.isEmpty()) p.setCipherSuites(cipherSuites.toArray(String[]::new));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    /** CN of this node's TLS certificate (null for {@link #anonymous}). */
    public String nodeId() {
        return nodeId;
    }
}
