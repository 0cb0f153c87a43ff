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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks that a receipt was signed by the neighbour it claims to come from, under the federation's
 * anchors. A neighbour sends the same chain with every receipt; validated chains are remembered
 * for a while (PKIX validation cost more than the delivery's own signature checks).
 */
public final class ReceiptCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Re-validate now and then, so expiry (and later revocation) takes effect. */
    private static final Duration CHAIN_TTL = Duration.ofMinutes(10);
    private final Function<String, List<X509Certificate>> anchorsFor;
    /** By neighbour and chain: a partner's own root is trusted for that partner only, so a hit must be for the same one. */
    private final Cache<List<String>, List<X509Certificate>> trustedChains = Caffeine.newBuilder()
            .maximumSize(64).expireAfterWrite(CHAIN_TTL).build();

    public ReceiptCheck(List<X509Certificate> anchors) {
        this(node -> anchors);
    }

    /** @param anchorsFor the roots a neighbour's chain may end at (national, or an alliance's for that member) */
    public ReceiptCheck(Function<String, List<X509Certificate>> anchorsFor) {
        this.anchorsFor = anchorsFor;
    }

    /** Empty if the receipt is genuine and from {@code expectedNode}; otherwise what is wrong with it. */
    public Optional<String> problem(Receipt r, String expectedNode) {
        if (r.signature() == null || r.certificate() == null || r.certificate().isEmpty()) {
            return Optional.of("receipt is not signed");
        }
        List<String> cacheKey = new ArrayList<>(r.certificate());
        cacheKey.add(expectedNode);
        List<X509Certificate> chain = trustedChains.getIfPresent(cacheKey);
        if (chain == null) {
            try {
                chain = Delivery.parsePem(String.join("", r.certificate()));
            } catch (RuntimeException e) {
                return Optional.of("receipt certificate unreadable: " + e.getMessage());
            }
            String trust = TrustCheck.problem(chain, anchorsFor.apply(expectedNode));
            if (trust != null) return Optional.of("receipt certificate not trusted: " + trust);
            trustedChains.put(cacheKey, chain);
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
