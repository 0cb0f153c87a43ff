package org.creditnode.federation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditnode.certs.NodeIdentity;
import org.creditnode.certs.TrustCheck;
import org.creditnode.sign.CanonicalJson;
import org.creditnode.sign.SignatureAlgorithm;
import org.creditnode.sign.Verifier;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a receipt was signed by the neighbour it claims to come from, under the federation's
 * anchors. A neighbour sends the same chain with every receipt; validated chains are remembered
 * for a while (PKIX validation cost more than the delivery's own signature checks).
 */
public final class ReceiptCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Re-validate now and then, so expiry (and later revocation) takes effect. */
    private static final Duration CHAIN_TTL = Duration.ofMinutes(10);
    private final List<X509Certificate> anchors;
    private final Cache<List<String>, List<X509Certificate>> trustedChains = Caffeine.newBuilder()
            .maximumSize(64).expireAfterWrite(CHAIN_TTL).build();

    public ReceiptCheck(List<X509Certificate> anchors) {
        this.anchors = anchors;
    }

    /** Empty if the receipt is genuine and from {@code expectedNode}; otherwise what is wrong with it. */
    public Optional<String> problem(Receipt r, String expectedNode) {
        if (r.signature() == null || r.certificate() == null || r.certificate().isEmpty()) {
            return Optional.of("receipt is not signed");
        }
        List<X509Certificate> chain = trustedChains.getIfPresent(r.certificate());
        if (chain == null) {
            try {
                chain = Delivery.parsePem(String.join("", r.certificate()));
            } catch (RuntimeException e) {
                return Optional.of("receipt certificate unreadable: " + e.getMessage());
            }
            String trust = TrustCheck.problem(chain, anchors);
            if (trust != null) return Optional.of("receipt certificate not trusted: " + trust);
            trustedChains.put(List.copyOf(r.certificate()), chain);
        }
        String signerNode = NodeIdentity.commonName(chain.get(0));
        if (!expectedNode.equals(signerNode) || !expectedNode.equals(r.receiver())) {
            return Optional.of("receipt signed by " + signerNode + " for " + r.receiver() + ", expected " + expectedNode);
        }
        byte[] data = CanonicalJson.encode(JSON.valueToTree(r.unsigned()));
        var key = chain.get(0).getPublicKey();
        boolean ok = Verifier.verify(SignatureAlgorithm.forKey(key), key, data, Base64.getDecoder().decode(r.signature()));
        return ok ? Optional.empty() : Optional.of("receipt signature does not verify");
    }
}
