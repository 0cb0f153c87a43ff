package org.creditnode.federation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.creditnode.certs.Pem;
import org.creditnode.sign.Providers;

/**
 * What one node sends another: records plus, per signing key id, the certificate chain (leaf
 * first, root optional) a receiver needs to check the origins' signatures without a directory,
 * and, per batch id, the batch seal its records refer to. {@code protocol} names the version of
 * the federation protocol it is written in; a delivery without one is from a node built before
 * the field existed and is read as version 1, whose format it has.
 */
@JsonIgnoreProperties(ignoreUnknown = true) // newer senders may add envelope fields
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Delivery(String protocol, String from, List<FederatedRecord> records, Map<String, List<String>> certificates,
                       Map<String, BatchSeal> batches) {
    /** The federation protocol version this node writes and reads. */
    public static final String PROTOCOL = "1";

    public Delivery(String from, List<FederatedRecord> records, Map<String, List<String>> certificates,
                    Map<String, BatchSeal> batches) {
        this(PROTOCOL, from, records, certificates, batches);
    }

    public Delivery(String from, List<FederatedRecord> records, Map<String, List<String>> certificates) {
        this(PROTOCOL, from, records, certificates, null);
    }

    /** Why this node cannot read the delivery, if it is written in a protocol version it does not speak. */
    public java.util.Optional<String> unsupportedProtocol() {
        if (protocol == null || protocol.equals(PROTOCOL)) return java.util.Optional.empty();
        return java.util.Optional.of("this node speaks federation protocol " + PROTOCOL + "; the delivery is written in protocol "
                + protocol + " (upgrade the older of the two nodes)");
    }

    /**
     * The same delivery with every seal inside its records, as the checks expect. A record that
     * names a batch the delivery lacks keeps no seal, and is refused as malformed.
     */
    public Delivery inlined() {
        if (records == null || batches == null || batches.isEmpty()) return this;
        List<FederatedRecord> out = new ArrayList<>(records.size());
        for (FederatedRecord r : records) {
            out.add(r != null && r.batch() == null && r.batchId() != null ? r.withSeal(batches.get(r.batchId())) : r);
        }
        return new Delivery(protocol, from, out, certificates, null);
    }

    /** The chain sent for {@code keyId}, parsed; empty if none was sent. Bad PEM: IllegalArgumentException. */
    public List<X509Certificate> chainFor(String keyId) {
        List<String> pems = certificates == null || keyId == null ? null : certificates.get(keyId);
        if (pems == null || pems.isEmpty()) {
            return List.of();
        }
        List<X509Certificate> chain = new ArrayList<>(pems.size());
        for (String pem : pems) {
            chain.addAll(parsePem(pem));
        }
        return chain;
    }

    /** The PEM list a sender puts under the key id (leaf first). */
    public static List<String> pemChain(List<X509Certificate> chain) {
        return chain.stream().map(Pem::encode).toList();
    }

    /** BC's factory: the JDK's cannot build SM2 public keys. */
    static List<X509Certificate> parsePem(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("empty certificate");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509", Providers.ensure());
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no certificate in PEM text");
            }
            return out;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("unreadable certificate: " + e.getMessage(), e);
        }
    }
}
